"""The validator as the judge of every change: an edit may not break a rule that held before it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy.orm import Session

from matcher.domain.instance import Instance
from matcher.domain.schedule import Meeting
from matcher.domain.scoring import request_sessions
from matcher.domain.validator import Violation, validate
from schedules.errors import Problem, Refused, Taken
from schedules.lookup import current_instance, find_event
from schedules.schedule_store import planned_meetings
from schedules.timegrid import to_utc
from schedules.transaction import saving

T = TypeVar("T")

OCCUPIED = frozenset(
    {
        "table-clash",
        "company-double-booked",
        "interpreter-double-booked",
        "pair-meets-again",
        "too-many-meetings",
    }
)
"""Rules broken only because another meeting holds the table, the time, the pair or the last meeting allowed."""

CAUSE_ORDER = (
    "company-double-booked",
    "pair-meets-again",
    "too-many-meetings",
    "interpreter-double-booked",
    "table-clash",
)
"""Occupied rules from the most to the least telling: a busy company or interpreter is the cause even where the
table is also taken (another table would not help). Every other rule comes first, by number."""


def _cause_rank(violation: Violation) -> tuple[int, int]:
    if violation.code in CAUSE_ORDER:
        return 1, CAUSE_ORDER.index(violation.code)
    return 0, violation.rule


def new_violations(
    before: Instance, meetings_before: Sequence[Meeting], after: Instance, meetings_after: Sequence[Meeting]
) -> list[Violation]:
    """Violations after the change that were not there before it (problems made elsewhere are not the edit's)."""
    known = set(validate(before, list(meetings_before)))
    return [violation for violation in validate(after, list(meetings_after)) if violation not in known]


def refusal(instance: Instance, violations: Sequence[Violation]) -> Refused:
    """`Refused` naming each broken rule, with what it concerns (company, interpreter, session and table names,
    the time, the country, the window away...) for a message in the user's language; the real cause first."""
    ordered = sorted(violations, key=_cause_rank)
    return Refused([Problem("rule", values=_facts(instance, v)) for v in ordered])


def placing_refusal(instance: Instance, violations: Sequence[Violation]) -> Refused:
    """The refusal of a meeting's new place: `Taken` when every rule it breaks is an occupied one."""
    refused = refusal(instance, violations)
    return Taken(refused.problems) if all(v.code in OCCUPIED for v in violations) else refused


def _facts(instance: Instance, violation: Violation) -> dict:
    facts = {
        "rule": violation.rule,
        "code": violation.code,
        "message": violation.message,
        "zone": instance.event.timezone,
    }
    names = [instance.company_by_id[c].name for c in violation.companies if c in instance.company_by_id]
    facts["companies"] = names
    meeting = violation.meeting
    if meeting is not None:
        facts["start"] = to_utc(meeting.start, instance.event.timezone)
        facts["table"] = meeting.table
        session = instance.session_by_id.get(meeting.session)
        facts["session"] = session.title if session else meeting.session
        interpreter = instance.interpreter_by_id.get(meeting.interpreter) if meeting.interpreter else None
        facts["interpreter"] = interpreter.name if interpreter else meeting.interpreter
    if violation.code == "too-many-meetings" and violation.companies[0] in instance.company_by_id:
        facts["limit"] = instance.max_meetings(instance.company_by_id[violation.companies[0]])
    if meeting is not None and meeting.session in instance.session_by_id:
        facts.update(_details(instance, violation, meeting))
    return facts


def _details(instance: Instance, violation: Violation, meeting: Meeting) -> dict:
    """What a plain sentence about the broken rule needs beyond names and the time (aware UTC times)."""
    zone = instance.event.timezone
    company = instance.company_by_id.get(violation.companies[0]) if violation.companies else None
    details: dict = {"tables": instance.session_by_id[meeting.session].tables}
    if violation.code == "country-not-admitted" and company is not None:
        details["country"] = company.country
    elif violation.code == "company-unavailable" and company is not None:
        away = next((w for w in company.unavailable if w.overlaps(meeting.interval)), None)
        if away is not None:
            details["away"] = (to_utc(away.start, zone), to_utc(away.end, zone))
    elif violation.code == "company-in-seminar" and company is not None:
        seminars = [instance.seminar_by_id[s] for s in company.seminars if s in instance.seminar_by_id]
        seminar = next((s for s in seminars if s.interval.overlaps(meeting.interval)), None)
        if seminar is not None:
            details["seminar"] = seminar.title
            details["away"] = (to_utc(seminar.start, zone), to_utc(seminar.end, zone))
    elif violation.code == "interpreter-unavailable" and meeting.interpreter in instance.interpreter_by_id:
        interpreter = instance.interpreter_by_id[meeting.interpreter]
        away = next((w for w in interpreter.unavailable if w.overlaps(meeting.interval)), None)
        if away is not None:
            details["away"] = (to_utc(away.start, zone), to_utc(away.end, zone))
    elif violation.code == "session-not-requested":
        allowed = request_sessions(instance, *meeting.companies) or frozenset()
        by_id = instance.session_by_id
        details["sessions"] = [by_id[s].title or s for s in sorted(allowed) if s in by_id]
    return details


def require_no_new_violations(
    before: Instance,
    meetings_before: Sequence[Meeting],
    after: Instance,
    meetings_after: Sequence[Meeting],
    refuse: Callable[[Instance, Sequence[Violation]], Refused] = refusal,
) -> None:
    """Raise `refuse(...)` (a `Refused`) naming every rule the change would break."""
    violations = new_violations(before, meetings_before, after, meetings_after)
    if violations:
        raise refuse(after, violations)


def checked_change(db: Session, event_id: int, change: Callable[[], T]) -> T:
    """Apply `change` in one transaction, refused if the event's schedule would break a rule it kept."""
    with saving(db, holding=event_id):
        before = current_instance(db, event_id)
        meetings_before = planned_meetings(db, find_event(db, event_id))
        result = change()
        after = current_instance(db, event_id)
        meetings_after = planned_meetings(db, find_event(db, event_id))
        require_no_new_violations(before, meetings_before, after, meetings_after)
    return result
