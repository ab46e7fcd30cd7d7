"""What the public pages show: the events open or published, and an event's week day by day, the countries
taking part and the sectors. A draft is shown to nobody."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models import Company, ConsultationSession, Event, EventState, Sector, Seminar
from schedules.company.registration import registration_open
from schedules.errors import NotFound


@dataclass(frozen=True)
class Day:
    day: date
    seminars: tuple[Seminar, ...]
    sessions: tuple[ConsultationSession, ...]


@dataclass(frozen=True)
class Programme:
    event: Event
    days: tuple[Day, ...]
    countries: tuple[str, ...]  # ISO codes, the host country first
    sectors: tuple[Sector, ...]
    company_count: int
    registration_open: bool


def programme_of(db: Session, event_id: int) -> Programme:
    """Raises NotFound for an unknown event, and for a draft (only the organizer sees it)."""
    event = db.scalar(
        select(Event)
        .where(Event.id == event_id)
        .options(selectinload(Event.sessions), selectinload(Event.seminars), selectinload(Event.sectors))
    )
    if event is None or not event.public:
        raise NotFound(event_id)
    zone = ZoneInfo(event.timezone)
    days = sorted({item.start_at.astimezone(zone).date() for item in [*event.sessions, *event.seminars]})

    def on(day: date, items):
        return tuple(i for i in items if i.start_at.astimezone(zone).date() == day)

    taking_part = set(db.scalars(select(Company.country).where(Company.event_id == event_id).distinct()))
    for session in event.sessions:
        taking_part |= set(session.countries or ())
    taking_part.discard(event.home_country)
    count = db.scalar(select(func.count(Company.id)).where(Company.event_id == event_id))
    return Programme(
        event=event,
        days=tuple(Day(d, on(d, event.seminars), on(d, event.sessions)) for d in days),
        countries=(event.home_country, *sorted(taking_part)),
        sectors=tuple(event.sectors),
        company_count=count or 0,
        registration_open=registration_open(event),
    )


@dataclass(frozen=True)
class Listed:
    """An event as the public home page lists it."""

    event: Event
    first_day: date | None  # None while it has no session nor seminar
    last_day: date | None
    registration_open: bool


def public_events(db: Session) -> list[Listed]:
    """The events that are open or published (never a draft), the soonest first; those without a day last."""
    events = db.scalars(
        select(Event)
        .where(Event.state.in_((EventState.OPEN, EventState.PUBLISHED)))
        .options(selectinload(Event.sessions), selectinload(Event.seminars))
        .order_by(Event.id)
    ).all()
    listed = []
    for event in events:
        zone = ZoneInfo(event.timezone)
        days = sorted(item.start_at.astimezone(zone).date() for item in [*event.sessions, *event.seminars])
        first, last = (days[0], days[-1]) if days else (None, None)
        listed.append(Listed(event, first, last, registration_open(event)))
    return sorted(
        listed, key=lambda item: (item.first_day is None, item.first_day or date.min, item.event.id)
    )
