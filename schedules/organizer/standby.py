"""No-shows and standby pairs: a place a partner left empty, offered to two companies at the venue.

A meeting marked "partner did not come" keeps its row until the desk books a
standby pair in its place: then it is cancelled (calendars show that, with a
higher SEQUENCE) and the new meeting takes its session, slot and table. The
suggestions are pairs of companies checked in that day, free then, eligible, not
declined before (a pair whose meeting was cancelled or missed), best score
first, each one checked by the validator on the schedule with it in the place.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime
from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import Session

from matcher.domain.instance import Instance
from matcher.domain.schedule import Meeting as PlannedMeeting
from matcher.domain.scoring import is_eligible, pair_score
from matcher.domain.validator import validate
from models import ACTIVE, CANCELLED, HELD, NO_SHOW, Attendance, Company, Meeting, MeetingChange
from models.base import utcnow
from schedules.errors import Problem, Refused, Taken
from schedules.lookup import current_instance, find_event, find_row
from schedules.organizer.checking import placing_refusal, require_no_new_violations
from schedules.organizer.desk import checked_in_ids
from schedules.organizer.editing import _write as write_place
from schedules.organizer.editing import require_version
from schedules.organizer.notices import Notice, tell_standby_booking
from schedules.schedule_store import meeting_rows, to_planned
from schedules.timegrid import to_local
from schedules.transaction import saving

DESK = "desk"
COMPANY = "company"


@dataclass(frozen=True)
class Suggestion:
    """Two companies who could meet in the freed place, the pair's score and the interpreter it would need."""

    a: Company
    b: Company
    score: int
    interpreter: str | None  # the interpreter's key


@dataclass(frozen=True)
class Booked:
    meeting: Meeting
    notices: list[Notice]


def local_day(meeting: Meeting) -> date:
    """The meeting's day in the event's zone: the day its companies check in for."""
    return to_local(meeting.start_at, meeting.event.timezone).date()


def record_attendance(
    db: Session,
    meeting: Meeting,
    absent_company_id: int | None,
    reported_by: str,
    now: datetime | None = None,
) -> Attendance:
    """Mark the meeting held (`absent_company_id` None) or missed by that side. Refused, naming the field, for a
    cancelled meeting, one not started yet, or a company not in it. The caller holds the transaction."""
    problems = []
    if meeting.status != ACTIVE:
        problems.append(Problem("meeting_cancelled", field="meeting"))
    elif meeting.start_at > (now or utcnow()):
        problems.append(Problem("meeting_not_started", field="meeting"))
    if absent_company_id is not None and absent_company_id not in (
        meeting.company_a_id,
        meeting.company_b_id,
    ):
        problems.append(Problem("not_in_meeting", field="absent"))
    if problems:
        raise Refused(problems)
    row = db.get(Attendance, meeting.id) or Attendance(meeting_id=meeting.id)
    row.status = HELD if absent_company_id is None else NO_SHOW
    row.absent_company_id = absent_company_id
    row.reported_by = reported_by
    db.add(row)
    db.flush()
    return row


def mark_no_show(
    db: Session, event_id: int, meeting_id: int, absent_company_id: int | None, now: datetime | None = None
) -> Attendance:
    """The desk says a side did not come (`absent_company_id`), or, with None, that the meeting was held."""
    with saving(db, holding=event_id):
        meeting = find_row(db, Meeting, event_id, meeting_id)
        row = record_attendance(db, meeting, absent_company_id, DESK, now)
    return row


def day_meetings(db: Session, event_id: int, day) -> list[Meeting]:
    """The event's active meetings on a local day, in time and table order, for the desk's list."""
    event = find_event(db, event_id)
    return [row for row in meeting_rows(db, event) if to_local(row.start_at, event.timezone).date() == day]


def attendance_of(db: Session, meeting_ids: list[int]) -> dict[int, Attendance]:
    return {
        row.meeting_id: row
        for row in db.scalars(select(Attendance).where(Attendance.meeting_id.in_(meeting_ids)))
    }


def freed_place(db: Session, event_id: int, meeting_id: int) -> tuple[Meeting, Attendance]:
    """The missed meeting whose place is to be filled; refused when no side is marked absent."""
    meeting = find_row(db, Meeting, event_id, meeting_id)
    attendance = db.get(Attendance, meeting.id)
    if attendance is None or attendance.status != NO_SHOW:
        raise Refused(Problem("not_a_no_show", field="meeting"))
    return meeting, attendance


def _declined(db: Session, event_id: int) -> set[frozenset[int]]:
    """Pairs that should not be offered again: their meeting was cancelled, or a side did not come."""
    cancelled = db.execute(
        select(Meeting.company_a_id, Meeting.company_b_id).where(
            Meeting.event_id == event_id, Meeting.status == CANCELLED
        )
    )
    missed = db.execute(
        select(Meeting.company_a_id, Meeting.company_b_id)
        .join(Attendance)
        .where(Meeting.event_id == event_id, Attendance.status == NO_SHOW)
    )
    return {frozenset(pair) for pair in [*cancelled, *missed]}


def _choices(instance: Instance, place: PlannedMeeting, pair: tuple[str, str]) -> list[PlannedMeeting]:
    """The pair in the place, with no interpreter first, then each interpreter of the event."""
    interpreters = [None, *(i.id for i in instance.interpreters)]
    return [replace(place, companies=pair, interpreter=key) for key in interpreters]


def _could_meet_there(instance: Instance, others: list[PlannedMeeting], place: PlannedMeeting):
    """A quick first sift of companies, by the validator's own rules about one company alone: the session
    admits its country, it is below its meeting limit, and neither away nor in a seminar then."""
    session = instance.session_by_id[place.session]
    counts = Counter(key for m in others for key in m.companies)

    def could(key: str) -> bool:
        company = instance.company_by_id[key]
        seminars = (
            instance.seminar_by_id[s].interval for s in company.seminars if s in instance.seminar_by_id
        )
        return (
            session.admits(company.country, instance.event.home_country)
            and counts[key] < instance.max_meetings(company)
            and not any(window.overlaps(place.interval) for window in (*company.unavailable, *seminars))
        )

    return could


def _keeps_rules(instance: Instance, others: list[PlannedMeeting], candidate: PlannedMeeting) -> bool:
    """Whether the validator finds no new broken rule once `candidate` joins `others`. Only the meetings that
    share a company, the table or the interpreter with it can break a rule with it, so only they are checked
    (the whole week would take seconds per pair)."""
    near = [
        m
        for m in others
        if set(m.companies) & set(candidate.companies)
        or (m.session, m.table) == (candidate.session, candidate.table)
        or (candidate.interpreter is not None and m.interpreter == candidate.interpreter)
    ]
    known = set(validate(instance, near))
    return all(v in known for v in validate(instance, [*near, candidate]))


def suggestions(db: Session, event_id: int, meeting_id: int, limit: int = 8) -> list[Suggestion]:
    """Standby pairs for the place of a missed meeting, best first; each keeps every rule of the validator."""
    meeting, attendance = freed_place(db, event_id, meeting_id)
    if meeting.status != ACTIVE:
        return []
    event = find_event(db, event_id)
    instance = current_instance(db, event_id)
    rows = meeting_rows(db, event)
    others = [to_planned(r, event.timezone) for r in rows if r.id != meeting.id]
    place = to_planned(meeting, event.timezone)
    busy = {key for m in others if m.interval.overlaps(place.interval) for key in m.companies}
    present = checked_in_ids(db, event_id, local_day(meeting)) - {attendance.absent_company_id}
    open_to = _could_meet_there(instance, others, place)
    companies = {c.id: c for c in event.companies if c.id in present and c.key not in busy and open_to(c.key)}
    not_again = _declined(db, event_id) | {frozenset((r.company_a_id, r.company_b_id)) for r in rows}
    pairs = [
        (a, b)
        for a, b in combinations(sorted(companies.values(), key=lambda c: c.id), 2)
        if frozenset((a.id, b.id)) not in not_again and is_eligible(instance, a.key, b.key)
    ]
    pairs.sort(key=lambda ab: (-pair_score(instance, ab[0].key, ab[1].key), ab[0].position, ab[1].position))
    found = []
    for a, b in pairs:
        for candidate in _choices(instance, place, (a.key, b.key)):
            if _keeps_rules(instance, others, candidate):
                found.append(Suggestion(a, b, pair_score(instance, a.key, b.key), candidate.interpreter))
                break
        if len(found) == limit:
            break
    return found


def book_standby(
    db: Session, event_id: int, meeting_id: int, a_id: int, b_id: int, shown: int | None = None
) -> Booked:
    """Give the place of a missed meeting to two companies checked in that day, as the console's place-by-hand
    does (a pair that met before gets its old row and calendar UID back, SEQUENCE raised); the missed meeting
    is cancelled. Another desk that booked the place first makes this `Taken` (409); a missed meeting changed
    otherwise since the page showing it at version `shown` makes it `Stale` (409)."""
    with saving(db, holding=event_id):
        meeting, _attendance = freed_place(db, event_id, meeting_id)
        if meeting.status == ACTIVE:
            require_version(db, meeting, shown)
        if meeting.status != ACTIVE:
            raise Taken(Problem("place_taken", field="meeting"))
        a, b = sorted(
            (find_row(db, Company, event_id, a_id), find_row(db, Company, event_id, b_id)), key=lambda c: c.id
        )
        if a.id == b.id:
            raise Refused(Problem("same_company", field="company"))
        present = checked_in_ids(db, event_id, local_day(meeting))
        if not {a.id, b.id} <= present:
            raise Refused(Problem("not_checked_in", field="company"))
        event = find_event(db, event_id)
        instance = current_instance(db, event_id)
        rows = meeting_rows(db, event, include_cancelled=True)
        before = [to_planned(r, event.timezone) for r in rows if r.status == ACTIVE]
        place = to_planned(meeting, event.timezone)
        others = [m for r, m in zip([r for r in rows if r.status == ACTIVE], before) if r.id != meeting.id]
        refusals = []
        for candidate in _choices(instance, place, (a.key, b.key)):
            try:
                require_no_new_violations(
                    instance, before, instance, [*others, candidate], refuse=placing_refusal
                )
                break
            except Refused as refused:
                refusals.append(refused)
        else:
            raise min(refusals, key=lambda r: (len(r.problems), not isinstance(r, Taken)))
        meeting.status = CANCELLED
        meeting.sequence += 1
        meeting.edited = True  # changed by hand, as the console's cancel marks it
        db.flush()
        row = next((r for r in rows if (r.company_a_id, r.company_b_id) == (a.id, b.id)), None)
        new = row is None
        if new:
            row = Meeting(event_id=event_id, company_a_id=a.id, company_b_id=b.id)
        write_place(db, event_id, row, candidate, revised=not new, change=MeetingChange.PLACED)
        db.add(row)
        db.flush()
        notices = tell_standby_booking(db, row)
    return Booked(row, notices)
