"""A company's agenda: its seminars, and once the schedule is published its meetings; on screen and as files.

Before publication the meetings are the organizer's draft, so a company sees
only the seminars it attends, in every form (page, print, PDF, calendar).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matcher.domain import instance as mi
from models import (
    ACTIVE,
    CANCELLED,
    Company,
    Contact,
    Event,
    Interpreter,
    Meeting,
    MeetingRequest,
    RequestAnswer,
)
from schedules.agenda import company_agenda_html
from schedules.calendar_revisions import Revisions, revised_calendar
from schedules.company.profile import company_of
from schedules.event_store import event_to_instance
from schedules.exported import ExportedFile
from schedules.ical import CalendarMeeting, company_calendar, contact_calendar
from schedules.labels import Labels
from schedules.origin import meeting_origin
from schedules.pdf import company_agenda_pdf
from schedules.schedule_store import to_planned


@dataclass(frozen=True)
class Entry:
    """One line of the agenda on screen; times are aware UTC, shown in the event's zone."""

    start: datetime
    end: datetime
    title: str
    partner: Company | None = None
    table: int | None = None
    session: str = ""
    interpreter: str = ""
    origin: str = ""  # why the meeting exists: see `schedules.origin`


@dataclass(frozen=True)
class Agenda:
    company: Company
    event: Event
    published: bool
    entries: tuple[Entry, ...]

    @property
    def meeting_count(self) -> int:
        return sum(entry.partner is not None for entry in self.entries)


def _meetings(db: Session, company_id: int, statuses: tuple[str, ...]) -> list[Meeting]:
    return list(
        db.scalars(
            select(Meeting)
            .where((Meeting.company_a_id == company_id) | (Meeting.company_b_id == company_id))
            .where(Meeting.status.in_(statuses))
            .options(
                selectinload(Meeting.company_a),
                selectinload(Meeting.company_b),
                selectinload(Meeting.session),
                selectinload(Meeting.interpreter),
            )
            .order_by(Meeting.start_at)
        )
    )


def agenda(db: Session, company_id: int) -> Agenda:
    """The company's week in time order: seminars it attends, and its meetings once published."""
    company = company_of(db, company_id)
    event = company.event
    published = event.published
    entries = [Entry(s.start_at, s.end_at, s.title) for s in company.seminars]
    asked = _accepted_requests(db, company) if published else ()
    for meeting in _meetings(db, company_id, (ACTIVE,)) if published else []:
        partner = meeting.company_b if meeting.company_a_id == company_id else meeting.company_a
        entries.append(
            Entry(
                meeting.start_at,
                meeting.end_at,
                partner.name,
                partner=partner,
                table=meeting.table_number,
                session=meeting.session.title,
                interpreter=meeting.interpreter.name if meeting.interpreter else "",
                origin=meeting_origin(asked, company.key, partner.key),
            )
        )
    entries.sort(key=lambda e: (e.start, e.partner is not None))
    return Agenda(company, event, published, tuple(entries))


@dataclass(frozen=True)
class Calendar:
    """A calendar file with the time of its last change (for Last-Modified and a stable DTSTAMP)."""

    file: ExportedFile
    changed: datetime


def _revisions(db: Session, company: Company) -> tuple[list[Meeting], list[CalendarMeeting], datetime]:
    """The company's meeting rows (cancelled ones too) once published, as calendar revisions, and the last change."""
    if not company.event.published:
        return [], [], company.event.created_at
    rows = _meetings(db, company.id, (ACTIVE, CANCELLED))
    zone = company.event.timezone
    items = [
        CalendarMeeting(
            to_planned(r, zone), sequence=r.sequence, cancelled=r.status == CANCELLED, updated=r.updated_at
        )
        for r in rows
    ]
    return rows, items, max((r.updated_at for r in rows), default=company.event.created_at)


def _company_instance(db: Session, company: Company, rows: list[Meeting]) -> mi.Instance:
    """The event narrowed to what one company's files show: the programme, the interpreters,
    the company and its partners (the whole event takes several times longer to load)."""
    event = db.scalar(
        select(Event)
        .where(Event.id == company.event_id)
        .options(
            selectinload(Event.sessions),
            selectinload(Event.seminars),
            selectinload(Event.interpreters).selectinload(Interpreter.unavailable),
        )
    )
    ids = {company.id} | {i for row in rows for i in (row.company_a_id, row.company_b_id)}
    companies = db.scalars(
        select(Company)
        .where(Company.id.in_(ids))
        .options(
            selectinload(Company.sectors),
            selectinload(Company.interests),
            selectinload(Company.seminars),
            selectinload(Company.contacts),
            selectinload(Company.unavailable),
        )
    ).all()
    return replace(event_to_instance(event, companies), requests=_accepted_requests(db, company))


def _accepted_requests(db: Session, company: Company) -> tuple[mi.Request, ...]:
    """The accepted requests the company sent or received, as plain data: why each of its meetings exists."""
    rows = db.scalars(
        select(MeetingRequest)
        .where(
            MeetingRequest.answer == RequestAnswer.ACCEPTED,
            (MeetingRequest.from_company_id == company.id) | (MeetingRequest.to_company_id == company.id),
        )
        .options(selectinload(MeetingRequest.from_company), selectinload(MeetingRequest.to_company))
    )
    return tuple(mi.Request(r.from_company.key, r.to_company.key, r.priority) for r in rows)


def company_calendar_file(
    db: Session, company_id: int, labels: Labels, contact: Contact | None = None
) -> Calendar:
    """The company's (or one contact person's) calendar; the same data gives the same bytes, and any change
    to what it shows raises the changed events' SEQUENCE and the file's last change."""
    company = company_of(db, company_id)
    rows, items, _changed = _revisions(db, company)
    instance = _company_instance(db, company, rows)
    reminder = company.reminder_minutes

    def write(revise: Revisions) -> ExportedFile:
        if contact is None:
            return company_calendar(
                instance, items, company.key, labels=labels, reminder=reminder, revise=revise
            )
        person = mi.Contact(contact.name, contact.email, contact.phone, tuple(contact.languages))
        return contact_calendar(
            instance, items, company.key, person, labels=labels, reminder=reminder, revise=revise
        )

    scope = "company" if contact is None else f"contact-{contact.id}"
    file, changed = revised_calendar(db, company.id, scope, labels.locale, write)
    return Calendar(file, changed)


def _printable(db: Session, company_id: int):
    company = company_of(db, company_id)
    rows, items, _changed = _revisions(db, company)
    meetings = [m.meeting for m in items if not m.cancelled]
    return _company_instance(db, company, rows), meetings, company.key


def agenda_html(db: Session, company_id: int, labels: Labels, stylesheet: str | None = None) -> ExportedFile:
    """The print view; with `stylesheet` (an address of print.css) linked rather than styled inline."""
    instance, meetings, key = _printable(db, company_id)
    return company_agenda_html(instance, meetings, key, labels=labels, stylesheet=stylesheet)


def agenda_pdf(db: Session, company_id: int, labels: Labels, check_in: str | None = None) -> ExportedFile:
    instance, meetings, key = _printable(db, company_id)
    return company_agenda_pdf(instance, meetings, key, labels=labels, check_in=check_in)
