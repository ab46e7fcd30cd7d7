"""The rules about who may meet where and when, each written once.

The greedy schedule, the solver's search space, the validator, the reasons
and the bounds all ask these small functions, so the models and the checker
cannot drift apart. Rule numbers are the formats README's.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime

from matcher.domain.instance import Company, Instance, Interpreter, Interval, Session

MUST_PRIORITY = 3  # a request of this priority is a must-meet request


def shares_language(a: Company | Interpreter, b: Company | Interpreter) -> bool:
    """Whether the two speak a common language."""
    return not set(a.languages).isdisjoint(b.languages)


def needs_interpreter(a: Company, b: Company) -> bool:
    """Rule 9: two companies that share no language need an interpreter."""
    return not shares_language(a, b)


def speaks_for(interpreter: Interpreter, a: Company, b: Company) -> bool:
    """Rule 9: the interpreter speaks a language of each side."""
    return shares_language(interpreter, a) and shares_language(interpreter, b)


def is_free(person: Company | Interpreter, interval: Interval) -> bool:
    """Rules 5 and 9: none of the person's unavailable windows overlaps the interval."""
    return not any(interval.overlaps(window) for window in person.unavailable)


def attended_seminars(instance: Instance, company: Company) -> list[Interval]:
    """Rule 5: the times of the seminars the company attends (unknown seminar ids are ignored)."""
    seminars = instance.seminar_by_id
    return [seminars[s].interval for s in company.seminars if s in seminars]


def admitted(instance: Instance, company: Company, session: Session) -> bool:
    """Rule 4: the session admits the company's country (home companies are admitted everywhere)."""
    return session.admits(company.country, instance.event.home_country)


def open_slots(
    instance: Instance, company: Company, availability: bool = True
) -> Iterator[tuple[Session, Interval]]:
    """Rules 4 and 5: the slots of sessions admitting the company that no attended seminar overlaps.

    With ``availability`` its unavailable windows are left out too; without,
    the slots are the positions of its day that idle gaps are counted over.
    """
    blocked = attended_seminars(instance, company) + (list(company.unavailable) if availability else [])
    for session in instance.sessions:
        if admitted(instance, company, session):
            for slot in session.slots:
                if not any(slot.overlaps(window) for window in blocked):
                    yield session, slot


@dataclass(frozen=True, order=True)
class OpenSlot:
    """A slot of a session in which a company could meet: admitted, available, not at a seminar."""

    start: datetime  # first, so that slots sort by time
    end: datetime
    session: str

    @property
    def interval(self) -> Interval:
        return Interval(self.start, self.end)


def time_ordered_slots(instance: Instance, company: Company) -> tuple[OpenSlot, ...]:
    """The company's slots in time order, by rules 4 (admitted countries) and 5 (availability, seminars)."""
    return tuple(
        sorted(OpenSlot(slot.start, slot.end, session.id) for session, slot in open_slots(instance, company))
    )


def interpreter_fits(interpreter: Interpreter, a: Company, b: Company, interval: Interval) -> bool:
    """Whether the interpreter speaks for the pair and is available for the slot."""
    return speaks_for(interpreter, a, b) and is_free(interpreter, interval)


def must_pairs(instance: Instance) -> set[frozenset[str]]:
    """The pairs a must-meet request (either direction) names, excluded pairs left out (they can never meet)."""
    musts = {frozenset((r.from_id, r.to_id)) for r in instance.requests if r.priority >= MUST_PRIORITY}
    return musts - instance.excluded
