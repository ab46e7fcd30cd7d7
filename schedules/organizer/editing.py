"""Hand edits of a schedule: move, swap, cancel, lock, place a request. The validator checks each first.

A moved meeting keeps its row (and so its calendar UID), its `sequence` rises
and it is marked `edited`, so a later solve leaves it where the organizer put it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from matcher.domain.schedule import Meeting as PlannedMeeting
from models import (
    ACTIVE,
    CANCELLED,
    Account,
    ConsultationSession,
    Interpreter,
    Meeting,
    MeetingChange,
    MeetingRequest,
)
from schedules.errors import NotFound, Problem, Refused, Stale, Taken
from schedules.lookup import current_instance, find_event, find_row
from schedules.organizer.checking import placing_refusal, require_no_new_violations
from schedules.schedule_store import meeting_rows, to_planned
from schedules.timegrid import to_local, to_utc
from schedules.transaction import saving

KEEP_INTERPRETER = object()


@dataclass(frozen=True)
class Placement:
    """Where a meeting should go: a session, the start of one of its slots, a table, an interpreter id."""

    session_id: int
    start: datetime  # aware
    table: int
    interpreter_id: int | None | object = KEEP_INTERPRETER


@dataclass(frozen=True)
class LastChange:
    """A meeting's last revision, for the refusal of a change asked from a page that showed an older one: who
    made it (an account's e-mail and role, None outside the web), what (a `MeetingChange`), when, and where the
    meeting is now (aware UTC times)."""

    event_id: int
    meeting_id: int
    session_id: int
    who: str | None
    role: str | None
    change: str | None
    at: datetime | None
    start: datetime
    table: int
    interpreter: str | None
    cancelled: bool


def last_change(db: Session, row: Meeting) -> LastChange:
    account = db.get(Account, row.changed_by_account_id) if row.changed_by_account_id else None
    return LastChange(
        event_id=row.event_id,
        meeting_id=row.id,
        session_id=row.session_id,
        who=account.email if account else None,
        role=account.role if account else None,
        change=row.change,
        at=row.changed_at,
        start=row.start_at,
        table=row.table_number,
        interpreter=row.interpreter.name if row.interpreter else None,
        cancelled=row.status == CANCELLED,
    )


def require_version(db: Session, row: Meeting, shown: int | None) -> None:
    """Refuse (`Stale`) a change asked from a page that showed the meeting at another version than its own;
    None (a caller that shows no page) asks for no check."""
    if shown is not None and shown != row.sequence:
        raise Stale(last_change(db, row))


def check_version(db: Session, event_id: int, meeting_id: int, shown: int | None) -> None:
    """`Stale` if the event's meeting is no longer at the version `shown` (before asking to confirm a change)."""
    require_version(db, find_row(db, Meeting, event_id, meeting_id), shown)


def move_meeting(
    db: Session, event_id: int, meeting_id: int, target: Placement, shown: int | None = None
) -> Meeting:
    """Put the meeting in another slot, table or with another interpreter; refused if a rule would break, or
    (`Stale`) if it changed since the page showing it at version `shown`."""
    with saving(db, holding=event_id):
        row = _editable(db, event_id, meeting_id, shown=shown)
        session = find_row(db, ConsultationSession, event_id, target.session_id)
        interpreter_key = _interpreter_key(db, event_id, row, target.interpreter_id)
        planned = to_planned(row, row.event.timezone)
        placed = {row.id: _placed(planned, session, target, interpreter_key)}
        only_interpreter = replace(placed[row.id], interpreter=planned.interpreter) == planned
        _check_and_apply(db, event_id, placed, MeetingChange.INTERPRETER if only_interpreter else None)
    return row


def swap_meetings(
    db: Session,
    event_id: int,
    first_id: int,
    second_id: int,
    shown: tuple[int | None, int | None] = (None, None),
) -> tuple[Meeting, Meeting]:
    """Exchange the slots and tables of two meetings; each keeps its companies and interpreter. `shown` are the
    versions the page showed of each (`Stale` if either changed since)."""
    if first_id == second_id:
        raise Refused(Problem("swap_same", field="other"))
    with saving(db, holding=event_id):
        first = _editable(db, event_id, first_id, shown=shown[0])
        second = _editable(db, event_id, second_id, field="other", shown=shown[1])
        zone = first.event.timezone
        a, b = to_planned(first, zone), to_planned(second, zone)
        placed = {
            first.id: replace(a, session=b.session, start=b.start, end=b.end, table=b.table),
            second.id: replace(b, session=a.session, start=a.start, end=a.end, table=a.table),
        }
        _check_and_apply(db, event_id, placed)
    return first, second


def cancel_meeting(db: Session, event_id: int, meeting_id: int, shown: int | None = None) -> Meeting:
    """Take the meeting out of the schedule; it stays in calendars as cancelled. `Stale` if it changed since
    the page showing it at version `shown`."""
    with saving(db, holding=event_id):
        row = _editable(db, event_id, meeting_id, shown=shown)
        row.status = CANCELLED
        row.sequence += 1
        row.edited = True
    return row


def set_locked(
    db: Session, event_id: int, meeting_id: int, locked: bool, shown: int | None = None
) -> Meeting:
    """Lock a meeting so neither a solve nor an edit moves it, or unlock it. `Stale` if it changed since the
    page showing it at version `shown` (a lock pins the meeting where the organizer saw it, or nowhere)."""
    with saving(db, holding=event_id):
        row = _active(db, event_id, meeting_id, shown=shown)
        row.locked = locked
    return row


def _active(db: Session, event_id: int, meeting_id: int, shown: int | None = None) -> Meeting:
    find_event(db, event_id)
    row = find_row(db, Meeting, event_id, meeting_id)
    require_version(db, row, shown)  # first: a meeting cancelled since the page was shown is stale, not gone
    if row.status != ACTIVE:
        raise NotFound(f"meeting {meeting_id} is cancelled")
    return row


def _editable(
    db: Session, event_id: int, meeting_id: int, field: str | None = None, shown: int | None = None
) -> Meeting:
    row = _active(db, event_id, meeting_id, shown=shown)
    if row.locked:
        raise Refused(Problem("locked", field=field))
    return row


def _interpreter_key(
    db: Session, event_id: int, row: Meeting | None, wanted: int | None | object
) -> str | None:
    if wanted is KEEP_INTERPRETER:
        return row.interpreter.key if row is not None and row.interpreter else None
    if wanted is None:
        return None
    return find_row(db, Interpreter, event_id, wanted).key


def _placed(
    meeting: PlannedMeeting, session: ConsultationSession, target: Placement, interpreter: str | None
) -> PlannedMeeting:
    start = to_local(target.start, session.event.timezone)
    return replace(
        meeting,
        session=session.key,
        start=start,
        end=start + timedelta(minutes=session.slot_minutes),
        table=target.table,
        interpreter=interpreter,
    )


def _check_and_apply(
    db: Session, event_id: int, placed: dict[int, PlannedMeeting], change: MeetingChange | None = None
) -> None:
    """Validate the schedule with `placed` meetings changed, then write them (cancel-flush-set, so swaps pass
    the database's uniqueness rules)."""
    instance = current_instance(db, event_id)
    event = find_event(db, event_id)
    rows = meeting_rows(db, event)
    before = [to_planned(r, event.timezone) for r in rows]
    after = [placed.get(r.id, planned) for r, planned in zip(rows, before)]
    require_no_new_violations(instance, before, instance, after, refuse=placing_refusal)

    changed = [r for r in rows if r.id in placed]
    for row in changed:
        row.status = CANCELLED
    db.flush()
    for row in changed:
        _write(db, event_id, row, placed[row.id], change=change or MeetingChange.MOVED)
    db.flush()


def place_request(db: Session, event_id: int, request_id: int, target: Placement) -> Meeting:
    """Give a requested pair that does not meet a meeting placed by hand; with KEEP_INTERPRETER as the
    interpreter, the first one that keeps every rule is chosen (none where the pair shares a language).

    A pair that met before and was cancelled gets its old row back (its calendar UID, a higher SEQUENCE).
    """
    with saving(db, holding=event_id):
        request = find_row(db, MeetingRequest, event_id, request_id)
        session = find_row(db, ConsultationSession, event_id, target.session_id)
        a, b = sorted((request.from_company, request.to_company), key=lambda c: c.id)
        instance = current_instance(db, event_id)
        event = find_event(db, event_id)
        rows = meeting_rows(db, event, include_cancelled=True)
        if any(r.status == ACTIVE and (r.company_a_id, r.company_b_id) == (a.id, b.id) for r in rows):
            raise Refused(Problem("already_met"))
        before = [to_planned(r, event.timezone) for r in rows if r.status == ACTIVE]
        blank = PlannedMeeting((a.key, b.key), session.key, target.start, target.start, target.table)
        if target.interpreter_id is KEEP_INTERPRETER:
            choices = [None] + [p.key for p in event.interpreters]
        else:
            choices = [_interpreter_key(db, event_id, None, target.interpreter_id)]
        refusals = []
        for interpreter in choices:
            meeting = _placed(blank, session, target, interpreter)
            try:
                after = [*before, meeting]
                require_no_new_violations(instance, before, instance, after, refuse=placing_refusal)
                break
            except Refused as refused:
                refusals.append(refused)
        else:
            raise min(refusals, key=_closest)
        row = next((r for r in rows if (r.company_a_id, r.company_b_id) == (a.id, b.id)), None)
        new = row is None
        if new:
            row = Meeting(event_id=event_id, company_a_id=a.id, company_b_id=b.id)
        _write(db, event_id, row, meeting, revised=not new, change=MeetingChange.PLACED)
        db.add(row)
        db.flush()
    return row


def _closest(refused: Refused) -> tuple[int, bool]:
    """The interpreter choice that came closest: fewest broken rules, and among those one only taken."""
    return len(refused.problems), not isinstance(refused, Taken)


def _write(
    db: Session,
    event_id: int,
    row: Meeting,
    meeting: PlannedMeeting,
    revised: bool = True,
    change: MeetingChange = MeetingChange.MOVED,
) -> None:
    """Put a planned meeting's place on its row: active, placed by hand, one revision more (unless new), the
    revision named `change`."""
    zone = find_event(db, event_id).timezone
    row.session_id = db.scalar(
        select(ConsultationSession.id).where(
            ConsultationSession.event_id == event_id, ConsultationSession.key == meeting.session
        )
    )
    row.interpreter_id = (
        db.scalar(
            select(Interpreter.id).where(
                Interpreter.event_id == event_id, Interpreter.key == meeting.interpreter
            )
        )
        if meeting.interpreter
        else None
    )
    row.start_at = to_utc(meeting.start, zone)
    row.end_at = to_utc(meeting.end, zone)
    row.table_number = meeting.table
    row.status = ACTIVE
    row.sequence = (row.sequence or 0) + (1 if revised else 0)
    row.edited = True
    row.next_change = change
