"""Hand edits of a schedule: move, swap, cancel, lock. The validator checks each before it is saved.

A moved meeting keeps its row (and so its calendar UID), its `sequence` rises
and it is marked `edited`, so a later solve leaves it where the organizer put it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from matcher.schedule import Meeting as PlannedMeeting
from models import ACTIVE, CANCELLED, ConsultationSession, Interpreter, Meeting
from schedules.schedule_store import meeting_rows, to_planned
from schedules.services.checking import require_no_new_violations
from schedules.services.errors import NotFound, Problem, Refused
from schedules.services.lookup import current_instance, find_event, find_row
from schedules.services.transaction import saving
from schedules.timegrid import to_local, to_utc

KEEP_INTERPRETER = object()


@dataclass(frozen=True)
class Placement:
    """Where a meeting should go: a session, the start of one of its slots, a table, an interpreter id."""

    session_id: int
    start: datetime  # aware
    table: int
    interpreter_id: int | None | object = KEEP_INTERPRETER


def move_meeting(db: Session, event_id: int, meeting_id: int, target: Placement) -> Meeting:
    """Put the meeting in another slot, table or with another interpreter; refused if a rule would break."""
    with saving(db, holding=event_id):
        row = _editable(db, event_id, meeting_id)
        session = find_row(db, ConsultationSession, event_id, target.session_id)
        interpreter_key = _interpreter_key(db, event_id, row, target.interpreter_id)
        placed = {row.id: _placed(to_planned(row, row.event.timezone), session, target, interpreter_key)}
        _check_and_apply(db, event_id, placed)
    return row


def swap_meetings(db: Session, event_id: int, first_id: int, second_id: int) -> tuple[Meeting, Meeting]:
    """Exchange the slots and tables of two meetings; each keeps its companies and interpreter."""
    if first_id == second_id:
        raise Refused(Problem("swap_same", field="other"))
    with saving(db, holding=event_id):
        first = _editable(db, event_id, first_id)
        second = _editable(db, event_id, second_id, field="other")
        zone = first.event.timezone
        a, b = to_planned(first, zone), to_planned(second, zone)
        placed = {
            first.id: replace(a, session=b.session, start=b.start, end=b.end, table=b.table),
            second.id: replace(b, session=a.session, start=a.start, end=a.end, table=a.table),
        }
        _check_and_apply(db, event_id, placed)
    return first, second


def cancel_meeting(db: Session, event_id: int, meeting_id: int) -> Meeting:
    """Take the meeting out of the schedule; it stays in calendars as cancelled."""
    with saving(db, holding=event_id):
        row = _editable(db, event_id, meeting_id)
        row.status = CANCELLED
        row.sequence += 1
        row.edited = True
    return row


def set_locked(db: Session, event_id: int, meeting_id: int, locked: bool) -> Meeting:
    """Lock a meeting so neither a solve nor an edit moves it, or unlock it."""
    with saving(db, holding=event_id):
        row = _active(db, event_id, meeting_id)
        row.locked = locked
    return row


def _active(db: Session, event_id: int, meeting_id: int) -> Meeting:
    find_event(db, event_id)
    row = find_row(db, Meeting, event_id, meeting_id)
    if row.status != ACTIVE:
        raise NotFound(f"meeting {meeting_id} is cancelled")
    return row


def _editable(db: Session, event_id: int, meeting_id: int, field: str | None = None) -> Meeting:
    row = _active(db, event_id, meeting_id)
    if row.locked:
        raise Refused(Problem("locked", field=field))
    return row


def _interpreter_key(db: Session, event_id: int, row: Meeting, wanted: int | None | object) -> str | None:
    if wanted is KEEP_INTERPRETER:
        return row.interpreter.key if row.interpreter else None
    if wanted is None:
        return None
    return find_row(db, Interpreter, event_id, wanted).key


def _placed(
    meeting: PlannedMeeting, session: ConsultationSession, target: Placement, interpreter: str | None
) -> PlannedMeeting:
    start = to_local(target.start, session.event.timezone)
    return replace(
        meeting, session=session.key, start=start, end=start + timedelta(minutes=session.slot_minutes),
        table=target.table, interpreter=interpreter,
    )


def _check_and_apply(db: Session, event_id: int, placed: dict[int, PlannedMeeting]) -> None:
    """Validate the schedule with `placed` meetings changed, then write them (cancel-flush-set, so swaps pass
    the database's uniqueness rules)."""
    instance = current_instance(db, event_id)
    event = find_event(db, event_id)
    rows = meeting_rows(db, event)
    before = [to_planned(r, event.timezone) for r in rows]
    after = [placed.get(r.id, planned) for r, planned in zip(rows, before)]
    require_no_new_violations(instance, before, instance, after)

    changed = [r for r in rows if r.id in placed]
    for row in changed:
        row.status = CANCELLED
    db.flush()
    sessions = {s.key: s.id for s in db.scalars(select(ConsultationSession).where(ConsultationSession.event_id == event_id))}
    interpreters = {i.key: i.id for i in db.scalars(select(Interpreter).where(Interpreter.event_id == event_id))}
    for row in changed:
        meeting = placed[row.id]
        row.session_id = sessions[meeting.session]
        row.start_at = to_utc(meeting.start, event.timezone)
        row.end_at = to_utc(meeting.end, event.timezone)
        row.table_number = meeting.table
        row.interpreter_id = interpreters[meeting.interpreter] if meeting.interpreter else None
        row.status = ACTIVE
        row.sequence += 1
        row.edited = True
    db.flush()
