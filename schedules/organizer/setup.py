"""Setting up an event: its settings, consultation sessions (with tables and admitted countries), seminars
and interpreters.

Every change is checked twice: the values themselves (times that exist in the
event's zone, a session with at least one whole slot, unique ids), and the
schedule already made, which the validator must still pass: shrinking a
session under its meetings is refused, naming the rule it would break.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from matcher.domain.instance import Interval, Venue
from models import (
    ACTIVE,
    OWNER,
    Company,
    ConsultationSession,
    Event,
    EventOrganizer,
    EventState,
    Interpreter,
    Meeting,
    MeetingRequest,
    RequestAnswer,
    Seminar,
    Unavailability,
)
from schedules.company.programme import Day, programme_of
from schedules.errors import Problem, Refused
from schedules.lookup import find_event, find_row
from schedules.organizer.checking import checked_change
from schedules.timegrid import to_local, to_utc
from schedules.transaction import saving

T = TypeVar("T")


@dataclass(frozen=True)
class EventValues:
    name: str
    timezone: str
    home_country: str
    pairing: str = "home-foreign"
    default_max_meetings: int = 8
    key: str | None = None
    venue: Venue | None = None  # where it takes place, for calendars and printed agendas
    late_changes: bool = False  # registrations and requests continue after publication
    requests_need_answer: bool = False  # a request waits for the receiver's acceptance
    requests_close: datetime | None = (
        None  # naive local time in the event's zone: no requests or answers after
    )
    suggestions: bool = True  # pairs nobody requested may be scheduled where sectors fit


@dataclass(frozen=True)
class SessionValues:
    key: str
    title: str
    start: datetime  # naive local times in the event's zone
    end: datetime
    slot_minutes: int
    tables: int
    countries: tuple[str, ...] | None = None  # foreign countries admitted; None = all
    room: str | None = None  # the hall or room of its tables


@dataclass(frozen=True)
class SeminarValues:
    key: str
    title: str
    start: datetime
    end: datetime
    country: str | None = None
    room: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class InterpreterValues:
    key: str
    name: str
    languages: tuple[str, ...]
    unavailable: tuple[Interval, ...] = ()


def create_event(db: Session, values: EventValues, owner_id: int | None = None) -> Event:
    """A new, empty event in draft; the account `owner_id` (its creator) becomes its owner."""
    with saving(db):
        _check_zone(values.timezone)
        if values.key and db.scalar(select(Event.id).where(Event.key == values.key)) is not None:
            raise Refused(Problem("duplicate_key", field="key"))
        event = Event(
            key=values.key or None,
            name=values.name,
            timezone=values.timezone,
            home_country=values.home_country,
            pairing=values.pairing,
            default_max_meetings=values.default_max_meetings,
            state=EventState.DRAFT,
        )
        _set_venue(event, values.venue)
        db.add(event)
        if owner_id is not None:
            db.flush()
            db.add(EventOrganizer(event_id=event.id, account_id=owner_id, role=OWNER))
    return event


def update_event(db: Session, event_id: int, values: EventValues) -> Event:
    """Rename the event or change its pairing and default meeting limit; its zone and host country stay.

    The request settings (answers, deadline, suggestions) are not checked against the schedule: they change
    what the next solve may schedule, and a draft meeting of a pair they rule out is left to it."""

    def change() -> Event:
        event = find_event(db, event_id)
        event.name = values.name
        event.pairing = values.pairing
        event.default_max_meetings = values.default_max_meetings
        _set_venue(event, values.venue)
        event.late_changes = values.late_changes
        return event

    event = checked_change(db, event_id, change)
    with saving(db, holding=event_id):  # takes effect at the next solve; meetings already made stay till then
        _set_consent(db, find_event(db, event_id), values)
    return event


def _set_consent(db: Session, event: Event, values: EventValues) -> None:
    """Answers needed or not, the request deadline and suggestions; where answers are no longer needed, the
    requests still waiting for one are accepted."""
    if event.requests_need_answer and not values.requests_need_answer:
        db.execute(
            update(MeetingRequest)
            .where(MeetingRequest.event_id == event.id, MeetingRequest.answer == RequestAnswer.PENDING)
            .values(answer=RequestAnswer.ACCEPTED)
        )
    event.requests_need_answer = values.requests_need_answer
    event.requests_close_at = (
        to_utc(values.requests_close, event.timezone) if values.requests_close is not None else None
    )
    event.suggestions = values.suggestions


def _set_venue(event: Event, venue: Venue | None) -> None:
    event.venue_name = venue.name if venue else None
    event.venue_address = (venue.address or None) if venue else None
    event.venue_latitude = venue.latitude if venue else None
    event.venue_longitude = venue.longitude if venue else None


def save_session(
    db: Session, event_id: int, session_id: int | None, values: SessionValues
) -> ConsultationSession:
    """Add a consultation session (`session_id` None) or change one."""

    def change() -> ConsultationSession:
        event = find_event(db, event_id)
        _check_key(db, ConsultationSession, event_id, session_id, values.key)
        start, end = _window(event, values.start, values.end)
        if (end - start) < timedelta(minutes=values.slot_minutes):
            raise Refused(Problem("no_whole_slot", field="slot_minutes"))
        row = _row_or_new(db, ConsultationSession, event, event.sessions, session_id)
        row.key, row.title, row.start_at, row.end_at = values.key, values.title, start, end
        row.slot_minutes, row.tables = values.slot_minutes, values.tables
        row.countries = list(values.countries) if values.countries is not None else None
        row.room = values.room or None
        return row

    return checked_change(db, event_id, change)


def delete_session(db: Session, event_id: int, session_id: int) -> None:
    """Remove a session that holds no meeting."""

    def change() -> None:
        row = find_row(db, ConsultationSession, event_id, session_id)
        held = db.scalar(select(func.count()).where(Meeting.session_id == row.id, Meeting.status == ACTIVE))
        if held:
            raise Refused(Problem("session_has_meetings", values={"count": held}))
        db.delete(row)  # not the event's collection: a backref of it may be half-loaded (KeyError)

    checked_change(db, event_id, change)


def save_seminar(db: Session, event_id: int, seminar_id: int | None, values: SeminarValues) -> Seminar:
    def change() -> Seminar:
        event = find_event(db, event_id)
        _check_key(db, Seminar, event_id, seminar_id, values.key)
        start, end = _window(event, values.start, values.end)
        row = _row_or_new(db, Seminar, event, event.seminars, seminar_id)
        row.start_at, row.end_at = start, end
        row.key, row.title, row.country = values.key, values.title, values.country or None
        row.room, row.description = values.room or None, values.description or None
        return row

    return checked_change(db, event_id, change)


def delete_seminar(db: Session, event_id: int, seminar_id: int) -> None:
    def change() -> None:
        db.delete(find_row(db, Seminar, event_id, seminar_id))

    checked_change(db, event_id, change)


def save_interpreter(
    db: Session, event_id: int, interpreter_id: int | None, values: InterpreterValues
) -> Interpreter:
    def change() -> Interpreter:
        event = find_event(db, event_id)
        _check_key(db, Interpreter, event_id, interpreter_id, values.key)
        windows = [_window(event, w.start, w.end, field="unavailable") for w in values.unavailable]
        row = _row_or_new(db, Interpreter, event, event.interpreters, interpreter_id)
        row.key, row.name, row.languages = values.key, values.name, list(values.languages)
        row.unavailable = [Unavailability(start_at=start, end_at=end) for start, end in windows]
        return row

    return checked_change(db, event_id, change)


def delete_interpreter(db: Session, event_id: int, interpreter_id: int) -> None:
    """Remove an interpreter; refused while a meeting that needs one has no one else."""

    def change() -> None:
        row = find_row(db, Interpreter, event_id, interpreter_id)
        for meeting in db.scalars(select(Meeting).where(Meeting.interpreter_id == row.id)):
            meeting.interpreter_id = None
            if meeting.status == ACTIVE:
                meeting.sequence += 1
        db.delete(row)

    checked_change(db, event_id, change)


def _row_or_new(db: Session, model: type[T], event: Event, collection: list, row_id: int | None) -> T:
    if row_id is not None:
        return find_row(db, model, event.id, row_id)
    row = model(position=len(collection))
    collection.append(row)
    return row


def _check_key(db: Session, model, event_id: int, row_id: int | None, key: str) -> None:
    clash = db.scalar(select(model.id).where(model.event_id == event_id, model.key == key))
    if clash is not None and clash != row_id:
        raise Refused(Problem("duplicate_key", field="key"))


def _window(event: Event, start: datetime, end: datetime, field: str = "end") -> tuple[datetime, datetime]:
    """Local start and end as stored UTC times; each must exist once in the zone, and the end come later."""
    utc = []
    for name, moment in (("start", start), ("end", end)):
        stored = to_utc(moment, event.timezone)
        if to_local(stored, event.timezone) != moment or _ambiguous(moment, event.timezone):
            raise Refused(
                Problem(
                    "no_such_time",
                    field=name if field == "end" else field,
                    values={"time": moment.strftime("%Y-%m-%d %H:%M")},
                )
            )
        utc.append(stored)
    if utc[1] <= utc[0]:
        raise Refused(Problem("end_before_start", field=field))
    return utc[0], utc[1]


def _ambiguous(moment: datetime, zone: str) -> bool:
    tz = ZoneInfo(zone)
    return moment.replace(tzinfo=tz, fold=0).utcoffset() != moment.replace(tzinfo=tz, fold=1).utcoffset()


def _check_zone(zone: str) -> None:
    try:
        ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise Refused(Problem("unknown_timezone", field="timezone")) from None


def list_events(db: Session, event_ids: set[int] | None = None) -> list[tuple[Event, int]]:
    """Every event (or those of `event_ids`), newest first, with its number of companies."""
    counts = dict(db.execute(select(Company.event_id, func.count()).group_by(Company.event_id)).all())
    events = select(Event).order_by(Event.id.desc())
    if event_ids is not None:
        events = events.where(Event.id.in_(event_ids))
    return [(event, counts.get(event.id, 0)) for event in db.scalars(events)]


@dataclass(frozen=True)
class EventSetup:
    event: Event
    days: tuple[Day, ...]  # local dates with their seminars and sessions
    interpreters: tuple[Interpreter, ...]


def event_setup(db: Session, event_id: int) -> EventSetup:
    """The event's days with their seminars and sessions (as the public programme shows them), and its interpreters."""
    event = find_event(db, event_id)
    return EventSetup(event, programme_of(db, event_id).days, tuple(event.interpreters))
