"""What the public event page shows: the week day by day, the countries taking part and the sectors."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models import Company, ConsultationSession, Event, Sector, Seminar
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
    """Raises NotFound for an unknown event."""
    event = db.scalar(
        select(Event)
        .where(Event.id == event_id)
        .options(selectinload(Event.sessions), selectinload(Event.seminars), selectinload(Event.sectors))
    )
    if event is None:
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
