"""The nine hard rules of the formats README, each written once, checked on any schedule.

The solver's output always goes through `validate`; so can any schedule read
from a file. Every broken rule is named with the meeting and companies
involved, in words an organizer can act on. Meetings naming an unknown company,
session or interpreter are reported as such and left out of the rule checks.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from matcher.domain.instance import ANY_PAIR, Company, Instance, Interpreter, Interval, Session
from matcher.domain.rules import admitted, needs_interpreter, shares_language
from matcher.domain.schedule import Meeting, Schedule
from matcher.domain.scoring import is_excluded, pair_score, request_sessions


@dataclass(frozen=True)
class Violation:
    """One broken rule (0 for a meeting the instance cannot make sense of)."""

    rule: int
    code: str
    message: str
    meeting: Meeting | None
    companies: tuple[str, ...]

    def __str__(self) -> str:
        title = self.code.replace("-", " ")
        return f"rule {self.rule} ({title}): {self.message}" if self.rule else f"{title}: {self.message}"


class ScheduleInvalid(Exception):
    """A schedule that breaks hard rules, for callers that must refuse it."""

    def __init__(self, violations: Sequence[Violation]):
        self.violations = tuple(violations)
        lines = "\n".join(str(violation) for violation in self.violations)
        super().__init__(f"the schedule breaks {len(self.violations)} hard rule(s):\n{lines}")


def _when(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M")


def _span(interval: Interval) -> str:
    end = interval.end.strftime("%H:%M" if interval.end.date() == interval.start.date() else "%Y-%m-%d %H:%M")
    return f"{_when(interval.start)}-{end}"


def _names(meeting: Meeting) -> str:
    return "/".join(meeting.companies)


def _at(meeting: Meeting) -> str:
    """``KR-01/FR-01 at 2019-10-28 13:30 in FR-PM``."""
    return f"{_names(meeting)} at {_when(meeting.start)} in {meeting.session}"


def _broken(rule: int, code: str, message: str, meeting: Meeting | None, *companies: str) -> Violation:
    return Violation(rule, code, message, meeting, companies or (meeting.companies if meeting else ()))


def _group(meetings: Iterable[Meeting], keys: Callable[[Meeting], Iterable[Hashable]]) -> dict:
    groups: dict = defaultdict(list)
    for meeting in meetings:
        for key in keys(meeting):
            groups[key].append(meeting)
    return groups


def _overlapping(meetings: Iterable[Meeting]) -> Iterator[tuple[Meeting, Meeting]]:
    """Each meeting that starts before an earlier one (in start order) has ended, with that one."""
    latest: Meeting | None = None
    for meeting in sorted(meetings, key=lambda m: (m.start, m.end, m.session, m.table)):
        if latest is not None and meeting.start < latest.end:
            yield latest, meeting
        if latest is None or meeting.end > latest.end:
            latest = meeting


def _fills_one_slot(session: Session, meeting: Meeting) -> bool:
    step = timedelta(minutes=session.slot_minutes)
    offset = meeting.start - session.start
    return (
        offset >= timedelta(0)
        and offset % step == timedelta(0)
        and meeting.end == meeting.start + step
        and meeting.end <= session.end
    )


def check_pairing(instance: Instance, meetings: Sequence[Meeting]) -> Iterator[Violation]:
    """Rule 1: one home and one foreign company (two different companies with ``pairing: any``), never a pair
    the instance excludes."""
    for meeting in meetings:
        a, b = (instance.company_by_id[id] for id in meeting.companies)
        if is_excluded(instance, a.id, b.id):
            message = (
                f"{_at(meeting)}: this pair is excluded (cancelled by the organizer, declined or withdrawn)"
            )
            yield _broken(1, "pair-excluded", message, meeting)
        if a.id == b.id:
            yield _broken(1, "pairing", f"{_at(meeting)} pairs {a.id} with itself", meeting)
        elif instance.event.pairing != ANY_PAIR and instance.is_home(a) == instance.is_home(b):
            side = "home" if instance.is_home(a) else "foreign"
            yield _broken(1, "pairing", f"{_at(meeting)} pairs two {side} companies", meeting)


def check_eligible(instance: Instance, meetings: Sequence[Meeting]) -> Iterator[Violation]:
    """Rule 2: the pair's default score is above zero."""
    for meeting in meetings:
        if pair_score(instance, *meeting.companies) <= 0:
            message = f"{_at(meeting)}: no request between them and neither seeks the other's sectors"
            yield _broken(2, "ineligible-pair", message, meeting)


def check_pair_once(instance: Instance, meetings: Sequence[Meeting]) -> Iterator[Violation]:
    """Rule 3: a pair meets at most once."""
    for same_pair in _group(meetings, lambda m: [m.pair]).values():
        if len(same_pair) > 1:
            first, *again = sorted(same_pair)
            times = ", ".join(_when(m.start) for m in [first, *again])
            message = f"{_names(first)} meet {len(same_pair)} times ({times})"
            yield from (_broken(3, "pair-meets-again", message, meeting) for meeting in again)


def check_slot(instance: Instance, meetings: Sequence[Meeting]) -> Iterator[Violation]:
    """Rule 4: one whole slot of the session, a session admitting both, one the requests allow."""
    for meeting in meetings:
        session = instance.session_by_id[meeting.session]
        if not _fills_one_slot(session, meeting):
            message = (
                f"{_names(meeting)} at {_span(meeting.interval)} is not one slot of {session.id} "
                f"({session.slot_minutes}-minute slots from {_when(session.start)})"
            )
            yield _broken(4, "not-a-slot", message, meeting)
        for company_id in meeting.companies:
            company = instance.company_by_id[company_id]
            country = company.country
            if not admitted(instance, company, session):
                message = (
                    f"{_at(meeting)}: {session.id} does not admit companies from {country} ({company_id})"
                )
                yield _broken(4, "country-not-admitted", message, meeting, company_id)
        allowed = request_sessions(instance, *meeting.companies)
        if allowed is not None and meeting.session not in allowed:
            listed = ", ".join(sorted(allowed)) or "no session common to both requests"
            message = f"{_at(meeting)}: their requests allow only {listed}"
            yield _broken(4, "session-not-requested", message, meeting)


def check_availability(instance: Instance, meetings: Sequence[Meeting]) -> Iterator[Violation]:
    """Rule 5: neither company is unavailable, nor in a seminar it attends, during the meeting."""
    for meeting in meetings:
        for company_id in meeting.companies:
            company = instance.company_by_id[company_id]
            for away in company.unavailable:
                if away.overlaps(meeting.interval):
                    message = f"{_at(meeting)}: {company_id} is unavailable {_span(away)}"
                    yield _broken(5, "company-unavailable", message, meeting, company_id)
            for seminar_id in company.seminars:
                seminar = instance.seminar_by_id.get(seminar_id)
                if seminar and seminar.interval.overlaps(meeting.interval):
                    message = f"{_at(meeting)}: {company_id} attends {seminar_id} {_span(seminar.interval)}"
                    yield _broken(5, "company-in-seminar", message, meeting, company_id)


def check_company_overlap(instance: Instance, meetings: Sequence[Meeting]) -> Iterator[Violation]:
    """Rule 6: no company is in two meetings that overlap in time."""
    for company_id, own in _group(meetings, lambda m: set(m.companies)).items():
        for earlier, later in _overlapping(own):
            message = f"{company_id} is in {_at(earlier)} and {_at(later)} at once"
            yield _broken(6, "company-double-booked", message, later, company_id)


def check_tables(instance: Instance, meetings: Sequence[Meeting]) -> Iterator[Violation]:
    """Rule 7: tables run 1..tables in each session, and no two meetings share one at a time."""
    for meeting in meetings:
        tables = instance.session_by_id[meeting.session].tables
        if not 1 <= meeting.table <= tables:
            message = (
                f"{_at(meeting)} sits at table {meeting.table}, but {meeting.session} has tables 1..{tables}"
            )
            yield _broken(7, "no-such-table", message, meeting)
    for (session_id, table), sharing in _group(meetings, lambda m: [(m.session, m.table)]).items():
        for earlier, later in _overlapping(sharing):
            held = f"{_names(earlier)} and {_names(later)}"
            message = f"table {table} of {session_id} at {_when(later.start)} holds {held}"
            yield _broken(7, "table-clash", message, later, *earlier.companies, *later.companies)


def check_max_meetings(instance: Instance, meetings: Sequence[Meeting]) -> Iterator[Violation]:
    """Rule 8: no company has more meetings than its limit."""
    counts = Counter(company_id for meeting in meetings for company_id in meeting.companies)
    for company_id, count in counts.items():
        limit = instance.max_meetings(instance.company_by_id[company_id])
        if count > limit:
            message = f"{company_id} has {count} meetings, more than its limit of {limit}"
            yield _broken(8, "too-many-meetings", message, None, company_id)


def _speaks(person: Company | Interpreter) -> str:
    """``FR-03 (fr, en)``."""
    return f"{person.id} ({', '.join(person.languages)})"


def check_interpreter(instance: Instance, meetings: Sequence[Meeting]) -> Iterator[Violation]:
    """Rule 9: a pair without a common language has a fitting, free interpreter; none is double-booked."""
    for meeting in meetings:
        a, b = (instance.company_by_id[id] for id in meeting.companies)
        if not needs_interpreter(a, b):
            continue
        if meeting.interpreter is None:
            message = (
                f"{_at(meeting)}: {_speaks(a)} and {_speaks(b)} share no language and have no interpreter"
            )
            yield _broken(9, "no-interpreter", message, meeting)
            continue
        interpreter = instance.interpreter_by_id[meeting.interpreter]
        for side in (a, b):
            if not shares_language(side, interpreter):
                speaker = _speaks(interpreter)
                message = f"{_at(meeting)}: interpreter {speaker} speaks no language of {_speaks(side)}"
                yield _broken(9, "interpreter-languages", message, meeting, side.id)
        for away in interpreter.unavailable:
            if away.overlaps(meeting.interval):
                message = f"{_at(meeting)}: interpreter {interpreter.id} is unavailable {_span(away)}"
                yield _broken(9, "interpreter-unavailable", message, meeting)
    with_interpreter = (meeting for meeting in meetings if meeting.interpreter is not None)
    for interpreter_id, own in _group(with_interpreter, lambda m: [m.interpreter]).items():
        for earlier, later in _overlapping(own):
            message = f"interpreter {interpreter_id} is in {_at(earlier)} and {_at(later)} at once"
            yield _broken(
                9, "interpreter-double-booked", message, later, *earlier.companies, *later.companies
            )


RULES: tuple[Callable[[Instance, Sequence[Meeting]], Iterator[Violation]], ...] = (
    check_pairing,
    check_eligible,
    check_pair_once,
    check_slot,
    check_availability,
    check_company_overlap,
    check_tables,
    check_max_meetings,
    check_interpreter,
)


def _unknown_ids(instance: Instance, meeting: Meeting) -> Iterator[Violation]:
    for company_id in meeting.companies:
        if company_id not in instance.company_by_id:
            yield _broken(
                0, "unknown-company", f"{_at(meeting)} names company {company_id}", meeting, company_id
            )
    if meeting.session not in instance.session_by_id:
        yield _broken(0, "unknown-session", f"{_at(meeting)} names session {meeting.session}", meeting)
    if meeting.interpreter is not None and meeting.interpreter not in instance.interpreter_by_id:
        message = f"{_at(meeting)} names interpreter {meeting.interpreter}"
        yield _broken(0, "unknown-interpreter", message, meeting)


def validate(instance: Instance, schedule_or_meetings: Schedule | Iterable[Meeting]) -> list[Violation]:
    """Every broken hard rule of the schedule; an empty list means it keeps them all."""
    meetings = (
        schedule_or_meetings.meetings
        if isinstance(schedule_or_meetings, Schedule)
        else tuple(schedule_or_meetings)
    )
    unknown = [violation for meeting in meetings for violation in _unknown_ids(instance, meeting)]
    broken_meetings = {id(violation.meeting) for violation in unknown}
    sound = [meeting for meeting in meetings if id(meeting) not in broken_meetings]
    return unknown + [violation for check in RULES for violation in check(instance, sound)]


def require_valid(instance: Instance, schedule_or_meetings: Schedule | Iterable[Meeting]) -> None:
    """Raise ScheduleInvalid unless the schedule keeps every hard rule."""
    violations = validate(instance, schedule_or_meetings)
    if violations:
        raise ScheduleInvalid(violations)
