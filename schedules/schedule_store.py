"""An event's meetings in the database, read and written as plain `Meeting`s.

Writing a schedule updates meeting rows in place: a pair keeps its row (and so
its calendar UID) for the life of the event, a moved meeting's `sequence` rises,
and a meeting no longer in the schedule becomes cancelled.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, selectinload

from matcher.domain.schedule import Meeting as PlannedMeeting
from models import ACTIVE, CANCELLED, Company, ConsultationSession, Event, Interpreter, Meeting
from schedules.timegrid import to_local, to_utc


class LockedMeetingChanged(Exception):
    """A locked meeting would be moved or dropped."""


class UnknownReference(Exception):
    """A meeting names a company, session or interpreter the event does not have."""


@dataclass(frozen=True)
class ScheduleChanges:
    added: int = 0
    moved: int = 0
    cancelled: int = 0
    unchanged: int = 0


def meeting_rows(db: Session, event: Event, *, include_cancelled: bool = False) -> list[Meeting]:
    query = (
        select(Meeting)
        .where(Meeting.event_id == event.id)
        .options(
            selectinload(Meeting.company_a),
            selectinload(Meeting.company_b),
            selectinload(Meeting.session),
            selectinload(Meeting.interpreter),
        )
        .order_by(Meeting.start_at, Meeting.session_id, Meeting.table_number)
    )
    if not include_cancelled:
        query = query.where(Meeting.status == ACTIVE)
    return list(db.scalars(query))


def to_planned(row: Meeting, zone: str) -> PlannedMeeting:
    pair = (row.company_a.key, row.company_b.key)
    return PlannedMeeting(
        companies=pair,
        session=row.session.key,
        start=to_local(row.start_at, zone),
        end=to_local(row.end_at, zone),
        table=row.table_number,
        interpreter=row.interpreter.key if row.interpreter else None,
    )


def planned_meetings(db: Session, event: Event) -> list[PlannedMeeting]:
    """The event's active meetings as plain data, in the order of `meeting_rows` (read as columns: building
    the rows took most of a dashboard's time)."""
    home, guest = aliased(Company), aliased(Company)
    rows = db.execute(
        select(
            home.key,
            guest.key,
            ConsultationSession.key,
            Meeting.start_at,
            Meeting.end_at,
            Meeting.table_number,
            Interpreter.key,
        )
        .join(home, Meeting.company_a_id == home.id)
        .join(guest, Meeting.company_b_id == guest.id)
        .join(ConsultationSession, Meeting.session_id == ConsultationSession.id)
        .outerjoin(Interpreter, Meeting.interpreter_id == Interpreter.id)
        .where(Meeting.event_id == event.id, Meeting.status == ACTIVE)
        .order_by(Meeting.start_at, Meeting.session_id, Meeting.table_number)
    )
    zone = event.timezone
    return [
        PlannedMeeting((a, b), session, to_local(start, zone), to_local(end, zone), table, interpreter)
        for a, b, session, start, end, table, interpreter in rows
    ]


def save_schedule(db: Session, event: Event, meetings: list[PlannedMeeting]) -> ScheduleChanges:
    """Make `meetings` the event's active schedule, updating rows in place.

    The caller validates the schedule first; this keeps identities, raises
    `sequence` on every change and refuses to move or drop a locked meeting.
    """
    companies = {c.key: c for c in db.scalars(select(Company).where(Company.event_id == event.id))}
    sessions = {
        s.key: s
        for s in db.scalars(select(ConsultationSession).where(ConsultationSession.event_id == event.id))
    }
    interpreters = {i.key: i for i in db.scalars(select(Interpreter).where(Interpreter.event_id == event.id))}
    rows = {(r.company_a_id, r.company_b_id): r for r in meeting_rows(db, event, include_cancelled=True)}

    wanted: dict[tuple[int, int], dict] = {}
    for planned in meetings:
        try:
            a, b = sorted(
                (companies[planned.companies[0]], companies[planned.companies[1]]), key=lambda c: c.id
            )
            values = dict(
                session_id=sessions[planned.session].id,
                start_at=to_utc(planned.start, event.timezone),
                end_at=to_utc(planned.end, event.timezone),
                table_number=planned.table,
                interpreter_id=interpreters[planned.interpreter].id if planned.interpreter else None,
            )
        except KeyError as missing:
            raise UnknownReference(
                f"meeting {planned.companies[0]}/{planned.companies[1]} names unknown id {missing}"
            ) from None
        wanted[(a.id, b.id)] = values

    changes = {"added": 0, "moved": 0, "cancelled": 0, "unchanged": 0}
    changing: list[tuple[Meeting, dict]] = []
    for pair, row in rows.items():
        values = wanted.get(pair)
        if row.status == ACTIVE and values is not None and _same(row, values):
            changes["unchanged"] += 1
            continue
        if row.status == CANCELLED and values is None:
            continue
        if row.locked and row.status == ACTIVE:
            raise LockedMeetingChanged(
                f"meeting {row.company_a.key}/{row.company_b.key} is locked and would be "
                + ("dropped" if values is None else "moved")
            )
        if row.status == ACTIVE:
            row.status = CANCELLED  # frees its table and pair before anything takes them
            changes["cancelled" if values is None else "moved"] += 1
        else:
            changes["moved"] += 1
        row.sequence += 1
        if values is not None:
            changing.append((row, values))
    db.flush()

    for row, values in changing:
        for name, value in values.items():
            setattr(row, name, value)
        row.status = ACTIVE
    for pair, values in wanted.items():
        if pair not in rows:
            db.add(Meeting(event_id=event.id, company_a_id=pair[0], company_b_id=pair[1], **values))
            changes["added"] += 1
    db.flush()
    return ScheduleChanges(**changes)


def _same(row: Meeting, values: dict) -> bool:
    return all(getattr(row, name) == value for name, value in values.items())
