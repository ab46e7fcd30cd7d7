"""Store an event (`Instance`) in the database and read it back.

The file's ids become each row's `key`; times become aware UTC. Reading back
gives an `Instance` equal to the one stored, so files round-trip unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matcher.domain import instance as mi
from models import (
    Company,
    ConsultationSession,
    Contact,
    Event,
    EventState,
    Interpreter,
    MeetingRequest,
    RequestAnswer,
    Sector,
    Seminar,
    Unavailability,
)
from models.company import DeclinedPair, default_mail_language
from schedules.consent import with_consent
from schedules.errors import NotFound
from schedules.timegrid import to_local, to_utc


class EventExists(Exception):
    """An event with this `event.id` is already stored."""


def find_event_by_key(db: Session, key: str) -> Event | None:
    return db.scalar(select(Event).where(Event.key == key))


def store_instance(db: Session, instance: mi.Instance) -> Event:
    """Add the whole event in the caller's transaction; refuses an `event.id` already stored."""
    if instance.event.id and find_event_by_key(db, instance.event.id):
        raise EventExists(f'event.id "{instance.event.id}" is already stored')
    zone = instance.event.timezone
    event = Event(
        key=instance.event.id,
        name=instance.event.name,
        timezone=zone,
        home_country=instance.event.home_country,
        pairing=instance.event.pairing,
        default_max_meetings=instance.event.default_max_meetings,
        state=EventState.DRAFT,
        **_venue_columns(instance.event.venue),
    )
    sectors = _sectors(event, instance)
    sessions = {
        s.id: ConsultationSession(
            key=s.id,
            title=s.title,
            start_at=to_utc(s.start, zone),
            end_at=to_utc(s.end, zone),
            slot_minutes=s.slot_minutes,
            tables=s.tables,
            countries=list(s.countries) if s.countries is not None else None,
            room=s.room,
            position=i,
        )
        for i, s in enumerate(instance.sessions)
    }
    seminars = {
        s.id: Seminar(
            key=s.id,
            title=s.title,
            start_at=to_utc(s.start, zone),
            end_at=to_utc(s.end, zone),
            country=s.country,
            room=s.room,
            description=s.description,
            position=i,
        )
        for i, s in enumerate(instance.seminars)
    }
    companies = {c.id: _company(c, i, zone, sectors, seminars) for i, c in enumerate(instance.companies)}
    for company in companies.values():
        company.language = default_mail_language(company.country, instance.event.home_country)
    event.sessions = list(sessions.values())
    event.seminars = list(seminars.values())
    event.companies = list(companies.values())
    event.interpreters = [
        Interpreter(
            key=p.id,
            name=p.name,
            languages=list(p.languages),
            position=i,
            unavailable=[_window(w, zone) for w in p.unavailable],
        )
        for i, p in enumerate(instance.interpreters)
    ]
    event.requests = [
        MeetingRequest(
            from_company=companies[r.from_id],
            to_company=companies[r.to_id],
            priority=r.priority,
            sessions=[sessions[s] for s in r.sessions] if r.sessions else [],
            position=i,
        )
        for i, r in enumerate(instance.requests)
    ]
    db.add(event)
    db.flush()
    return event


def _venue_columns(venue: mi.Venue | None) -> dict:
    if venue is None:
        return {}
    return {
        "venue_name": venue.name,
        "venue_address": venue.address or None,
        "venue_latitude": venue.latitude,
        "venue_longitude": venue.longitude,
    }


def stored_venue(event: Event) -> mi.Venue | None:
    """The event's venue as plain data; None until it has a name."""
    if not event.venue_name:
        return None
    return mi.Venue(event.venue_name, event.venue_address or "", event.venue_latitude, event.venue_longitude)


def _sectors(event: Event, instance: mi.Instance) -> dict[str, Sector]:
    sectors: dict[str, Sector] = {}
    for s in instance.sectors:
        sectors[s.id] = Sector(code=s.id, name_ko=s.name_ko, name_en=s.name_en, described=True)
    for company in instance.companies:
        for code in (*company.sectors, *company.interests):
            sectors.setdefault(code, Sector(code=code, described=False))
    for position, sector in enumerate(sectors.values()):
        sector.position = position
    event.sectors = list(sectors.values())
    return sectors


def _company(c: mi.Company, position: int, zone: str, sectors, seminars) -> Company:
    return Company(
        key=c.id,
        name=c.name,
        name_latin=c.name_latin,
        country=c.country,
        languages=list(c.languages),
        max_meetings=c.max_meetings,
        description=c.description,
        website=c.website,
        position=position,
        sectors=[sectors[code] for code in c.sectors],
        interests=[sectors[code] for code in c.interests],
        seminars=[seminars[key] for key in c.seminars],
        unavailable=[_window(w, zone) for w in c.unavailable],
        contacts=[
            Contact(name=p.name, email=p.email, phone=p.phone, languages=list(p.languages), position=i)
            for i, p in enumerate(c.contacts)
        ],
    )


def _window(interval: mi.Interval, zone: str) -> Unavailability:
    return Unavailability(start_at=to_utc(interval.start, zone), end_at=to_utc(interval.end, zone))


def load_event(db: Session, event_id: int) -> Event:
    """The event with everything needed to build its `Instance`, loaded in a few queries."""
    event = db.scalar(
        select(Event)
        .where(Event.id == event_id)
        .options(
            selectinload(Event.sectors),
            selectinload(Event.sessions),
            selectinload(Event.seminars),
            selectinload(Event.companies).selectinload(Company.sectors),
            selectinload(Event.companies).selectinload(Company.interests),
            selectinload(Event.companies).selectinload(Company.seminars),
            selectinload(Event.companies).selectinload(Company.contacts),
            selectinload(Event.companies).selectinload(Company.unavailable),
            selectinload(Event.interpreters).selectinload(Interpreter.unavailable),
            selectinload(Event.requests).selectinload(MeetingRequest.sessions),
            selectinload(Event.requests).selectinload(MeetingRequest.from_company),
            selectinload(Event.requests).selectinload(MeetingRequest.to_company),
            selectinload(Event.declined_pairs).selectinload(DeclinedPair.company),
            selectinload(Event.declined_pairs).selectinload(DeclinedPair.partner),
        )
    )
    if event is None:
        raise NotFound(f"no event with id {event_id}")
    return event


def event_to_instance(
    event: Event, companies: Sequence[Company] | None = None, *, withdrawn: bool = True
) -> mi.Instance:
    """The stored event as plain data, in the order it was stored.

    With `companies`, the event narrowed to them, without requests or the sector list: what one company's
    files show, which loads several times faster than the whole event. With `withdrawn=False`, as solving and
    the checks see it: withdrawn companies and the requests to or from them are left out (their rows stay;
    see `schedules.organizer.withdrawal`), only accepted requests are requests, and the pairs a company said
    no to are excluded (`schedules.consent`).
    """
    zone = event.timezone
    narrowed = companies is not None
    taking = [c for c in (companies if narrowed else event.companies) if withdrawn or c.withdrawn_at is None]
    ids = {id(c) for c in taking}
    requests = [
        r
        for r in ([] if narrowed else event.requests)
        if withdrawn or ({id(r.from_company), id(r.to_company)} <= ids and r.answer == RequestAnswer.ACCEPTED)
    ]

    def local(moment):
        return to_local(moment, zone)

    def windows(rows) -> tuple[mi.Interval, ...]:
        return tuple(mi.Interval(local(w.start_at), local(w.end_at)) for w in rows)

    instance = mi.Instance(
        event=mi.Event(
            name=event.name,
            timezone=zone,
            home_country=event.home_country,
            id=event.key,
            pairing=event.pairing,
            default_max_meetings=event.default_max_meetings,
            venue=stored_venue(event),
        ),
        sessions=tuple(
            mi.Session(
                id=s.key,
                title=s.title,
                start=local(s.start_at),
                end=local(s.end_at),
                slot_minutes=s.slot_minutes,
                tables=s.tables,
                countries=tuple(s.countries) if s.countries is not None else None,
                room=s.room,
            )
            for s in event.sessions
        ),
        seminars=tuple(
            mi.Seminar(
                id=s.key,
                title=s.title,
                start=local(s.start_at),
                end=local(s.end_at),
                country=s.country,
                room=s.room,
                description=s.description,
            )
            for s in event.seminars
        ),
        companies=tuple(
            mi.Company(
                id=c.key,
                name=c.name,
                country=c.country,
                languages=tuple(c.languages),
                sectors=tuple(s.code for s in c.sectors),
                interests=tuple(s.code for s in c.interests),
                max_meetings=c.max_meetings,
                unavailable=windows(c.unavailable),
                seminars=tuple(s.key for s in c.seminars),
                name_latin=c.name_latin,
                description=c.description,
                website=c.website,
                contacts=tuple(
                    mi.Contact(name=p.name, email=p.email, phone=p.phone, languages=tuple(p.languages))
                    for p in c.contacts
                ),
            )
            for c in taking
        ),
        requests=tuple(
            mi.Request(
                from_id=r.from_company.key,
                to_id=r.to_company.key,
                priority=r.priority,
                sessions=tuple(s.key for s in r.sessions) or None,
            )
            for r in requests
        ),
        interpreters=tuple(
            mi.Interpreter(
                id=p.key, name=p.name, languages=tuple(p.languages), unavailable=windows(p.unavailable)
            )
            for p in event.interpreters
        ),
        sectors=tuple(
            mi.Sector(id=s.code, name_ko=s.name_ko, name_en=s.name_en)
            for s in ([] if narrowed else event.sectors)
            if s.described
        ),
    )
    return instance if withdrawn or narrowed else with_consent(event, instance)
