"""Interpreters' agendas for the organizer: the list, one interpreter's week on screen and as PDF, and the
calendar feed address the organizer sends to the interpreter (interpreters have no account)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import ACTIVE, CANCELLED, Event, Interpreter, Meeting
from schedules.agenda import InterpreterDay, interpreter_days
from schedules.company.agenda import Calendar
from schedules.errors import NotFound
from schedules.event_store import event_to_instance, load_event
from schedules.exported import ExportedFile
from schedules.ical import CalendarMeeting, interpreter_calendar
from schedules.labels import Labels
from schedules.lookup import current_instance, find_event, find_row
from schedules.pdf import interpreter_agenda_pdf
from schedules.schedule_store import meeting_rows, planned_meetings, to_planned
from schedules.transaction import saving


@dataclass(frozen=True)
class InterpreterLine:
    interpreter: Interpreter
    meetings: int


def interpreter_list(db: Session, event_id: int) -> list[InterpreterLine]:
    """The event's interpreters in setup order, with how many active meetings each interprets."""
    event = find_event(db, event_id)
    counts = dict(
        db.execute(
            select(Meeting.interpreter_id, func.count())
            .where(
                Meeting.event_id == event.id, Meeting.status == ACTIVE, Meeting.interpreter_id.is_not(None)
            )
            .group_by(Meeting.interpreter_id)
        ).all()
    )
    return [InterpreterLine(i, counts.get(i.id, 0)) for i in event.interpreters]


@dataclass(frozen=True)
class InterpreterAgenda:
    interpreter: Interpreter
    event: Event
    days: tuple[InterpreterDay, ...]

    @property
    def meeting_count(self) -> int:
        return sum(len(day.rows) for day in self.days)


def _printable(db: Session, event_id: int, interpreter_id: int):
    interpreter = find_row(db, Interpreter, event_id, interpreter_id)
    return interpreter, current_instance(db, event_id), planned_meetings(db, interpreter.event)


def interpreter_agenda(db: Session, event_id: int, interpreter_id: int, labels: Labels) -> InterpreterAgenda:
    """The meetings the interpreter works at, day by day, as the schedule stands (published or not)."""
    interpreter, instance, meetings = _printable(db, event_id, interpreter_id)
    days = interpreter_days(instance, meetings, interpreter.key, labels)
    return InterpreterAgenda(interpreter, interpreter.event, days)


def interpreter_pdf(db: Session, event_id: int, interpreter_id: int, labels: Labels) -> ExportedFile:
    interpreter, instance, meetings = _printable(db, event_id, interpreter_id)
    return interpreter_agenda_pdf(instance, meetings, interpreter.key, labels=labels)


def change_feed(db: Session, event_id: int, interpreter_id: int, renew: bool) -> Interpreter:
    """Make a new feed address (the old one stops working) or stop it."""
    with saving(db):
        interpreter = find_row(db, Interpreter, event_id, interpreter_id)
        interpreter.feed_token = secrets.token_urlsafe(24) if renew else None
    return interpreter


def _by_token(db: Session, token: str) -> Interpreter:
    interpreter = db.scalar(select(Interpreter).where(Interpreter.feed_token == token)) if token else None
    if interpreter is None:
        raise NotFound("feed")
    return interpreter


def feed_language(db: Session, token: str, languages: tuple[str, ...]) -> str:
    """Korean for an interpreter who speaks it (and the app does), else English. NotFound for a dead token."""
    spoken = _by_token(db, token).languages
    return next((code for code in languages if code != "en" and code in spoken), "en")


def feed_calendar(db: Session, token: str, labels: Labels) -> Calendar:
    """The calendar behind the interpreter's address: once published, the meetings they interpret, cancelled
    ones marked so; the DTSTAMP is the last change, so the same data gives the same bytes."""
    interpreter = _by_token(db, token)
    event = interpreter.event
    rows = [
        row for row in meeting_rows(db, event, include_cancelled=True) if row.interpreter_id == interpreter.id
    ]
    rows = rows if event.published else []
    items = [
        CalendarMeeting(
            to_planned(row, event.timezone),
            sequence=row.sequence,
            cancelled=row.status == CANCELLED,
            updated=row.updated_at,
        )
        for row in rows
    ]
    changed = max((row.updated_at for row in rows), default=event.created_at)
    instance = event_to_instance(
        load_event(db, event.id)
    )  # withdrawn partners too: their meetings show cancelled
    file = interpreter_calendar(instance, items, interpreter.key, labels=labels, stamp=changed)
    return Calendar(file, changed)
