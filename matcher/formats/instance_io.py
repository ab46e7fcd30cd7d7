"""Reading and writing `b2b-instance/1` documents.

`parse_instance` checks the whole document and reports every problem at once,
each with its place (``companies[3].id: duplicate id "KR-01"``), so that an
organizer can mend a file in one go. Unknown fields are ignored.
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from typing import Any

from matcher.domain.instance import (
    ANY_PAIR,
    DEFAULT_MAX_MEETINGS,
    HOME_FOREIGN,
    Company,
    Contact,
    Event,
    Instance,
    Interpreter,
    Interval,
    Request,
    Sector,
    Seminar,
    Session,
    Venue,
)
from matcher.formats.reading import (
    Problem,
    Reader,
    child,
    format_time,
    read_json_file,
    write_json_file,
    zone_named,
)

FORMAT = "b2b-instance/1"
COUNTRY = re.compile(r"[A-Z]{2}")
LANGUAGE = re.compile(r"[a-z]{2}")
EVENT_ID = re.compile(r"[A-Za-z0-9-]+")
PAIRINGS = (HOME_FOREIGN, ANY_PAIR)
PRIORITIES = (1, 3)

__all__ = ["InstanceError", "Problem", "dump_instance", "instance_to_dict", "load_instance", "parse_instance"]


class InstanceError(ValueError):
    """A document that is not a valid instance; ``problems`` lists everything wrong with it."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


def _country(reader: Reader, obj: dict, key: str, path: str, required: bool = True) -> str | None:
    return reader.text(obj, key, path, required=required, pattern=COUNTRY, rule="an ISO 3166 code like KR")


def _languages(reader: Reader, obj: dict, path: str, required: bool) -> tuple[str, ...] | None:
    rule = "an ISO 639-1 code like ko"
    return reader.texts(
        obj, "languages", path, required=required, non_empty=required, pattern=LANGUAGE, rule=rule
    )


def _optional_text(reader: Reader, obj: dict, key: str, path: str) -> str | None:
    """An optional string of ours; an empty one counts as absent."""
    return reader.text(obj, key, path, required=False) or None


def _intervals(reader: Reader, obj: dict, key: str, path: str) -> tuple[Interval, ...]:
    return tuple(reader.interval(item, where) for where, item in reader.objects(obj, key, path))


def _read_event(reader: Reader, doc: dict) -> Event:
    obj = reader.object(doc, "event", "") or {}
    timezone = reader.text(obj, "timezone", "event", empty=False)
    if timezone is not None:
        reader.zone = zone_named(timezone)
        if reader.zone is None:
            reader.note("event.timezone", f'unknown time zone "{timezone}"')
    pairing = reader.text(obj, "pairing", "event", required=False)
    if pairing is not None and pairing not in PAIRINGS:
        reader.note("event.pairing", f'must be "{HOME_FOREIGN}" or "{ANY_PAIR}", not "{pairing}"')
    default_max = reader.integer(obj, "default_max_meetings", "event", required=False, low=0)
    venue = reader.object(obj, "venue", "event", required=False)
    return Event(
        name=reader.text(obj, "name", "event", empty=False),
        timezone=timezone,
        home_country=_country(reader, obj, "home_country", "event"),
        id=reader.text(
            obj, "id", "event", required=False, pattern=EVENT_ID, rule="made of letters, digits and -"
        ),
        pairing=pairing or HOME_FOREIGN,
        default_max_meetings=DEFAULT_MAX_MEETINGS if default_max is None else default_max,
        venue=_read_venue(reader, venue, "event.venue") if venue is not None else None,
    )


def _read_venue(reader: Reader, obj: dict, path: str) -> Venue:
    venue = Venue(
        name=reader.text(obj, "name", path, empty=False),
        address=reader.text(obj, "address", path, required=False) or "",
        latitude=reader.number(obj, "latitude", path, required=False, low=-90, high=90),
        longitude=reader.number(obj, "longitude", path, required=False, low=-180, high=180),
    )
    if (venue.latitude is None) != (venue.longitude is None):
        reader.note(path, "gives latitude and longitude together, or neither")
    return venue


def _read_sector(reader: Reader, obj: dict, path: str) -> Sector:
    return Sector(
        id=reader.text(obj, "id", path, empty=False),
        name_ko=reader.text(obj, "name_ko", path, required=False) or "",
        name_en=reader.text(obj, "name_en", path, required=False) or "",
    )


def _spans_clock_change(reader: Reader, start: datetime, end: datetime) -> bool:
    zone = reader.zone
    return zone is not None and start.replace(tzinfo=zone).utcoffset() != end.replace(tzinfo=zone).utcoffset()


def _read_session(reader: Reader, obj: dict, path: str) -> Session:
    span = reader.interval(obj, path)
    slot_minutes = reader.integer(obj, "slot_minutes", path, low=1)
    session = Session(
        id=reader.text(obj, "id", path, empty=False),
        title=reader.text(obj, "title", path),
        start=span.start if span else None,
        end=span.end if span else None,
        slot_minutes=slot_minutes,
        tables=reader.integer(obj, "tables", path, low=1),
        countries=reader.texts(obj, "countries", path, pattern=COUNTRY, rule="an ISO 3166 code like KR"),
        room=_optional_text(reader, obj, "room", path),
    )
    if span and slot_minutes and not session.slots:
        reader.note(path, f"has no whole slot of {slot_minutes} minutes between its start and end")
    if span and _spans_clock_change(reader, span.start, span.end):
        reader.note(path, "spans a daylight-saving change")
    return session


def _read_seminar(reader: Reader, obj: dict, path: str) -> Seminar:
    span = reader.interval(obj, path)
    return Seminar(
        id=reader.text(obj, "id", path, empty=False),
        title=reader.text(obj, "title", path),
        start=span.start if span else None,
        end=span.end if span else None,
        country=_country(reader, obj, "country", path, required=False),
        room=_optional_text(reader, obj, "room", path),
        description=_optional_text(reader, obj, "description", path),
    )


def _read_contact(reader: Reader, obj: dict, path: str) -> Contact:
    return Contact(
        name=reader.text(obj, "name", path, empty=False),
        email=reader.text(obj, "email", path, required=False) or "",
        phone=reader.text(obj, "phone", path, required=False) or "",
        languages=_languages(reader, obj, path, required=False) or (),
    )


def _read_company(reader: Reader, obj: dict, path: str, seminar_ids: set[str]) -> Company:
    seminars = reader.texts(obj, "seminars", path) or ()
    for i, seminar_id in enumerate(seminars):
        reader.known(child(child(path, "seminars"), i), seminar_id, seminar_ids, "seminar")
    return Company(
        id=reader.text(obj, "id", path, empty=False),
        name=reader.text(obj, "name", path, empty=False),
        country=_country(reader, obj, "country", path),
        languages=_languages(reader, obj, path, required=True),
        sectors=reader.texts(obj, "sectors", path) or (),
        interests=reader.texts(obj, "interests", path) or (),
        max_meetings=reader.integer(obj, "max_meetings", path, required=False, low=0),
        unavailable=_intervals(reader, obj, "unavailable", path),
        seminars=seminars,
        name_latin=_optional_text(reader, obj, "name_latin", path),
        description=_optional_text(reader, obj, "description", path),
        website=_optional_text(reader, obj, "website", path),
        contacts=tuple(
            _read_contact(reader, item, where) for where, item in reader.objects(obj, "contacts", path)
        ),
    )


def _read_interpreter(reader: Reader, obj: dict, path: str) -> Interpreter:
    return Interpreter(
        id=reader.text(obj, "id", path, empty=False),
        name=reader.text(obj, "name", path, empty=False),
        languages=_languages(reader, obj, path, required=True),
        unavailable=_intervals(reader, obj, "unavailable", path),
    )


def _read_request(reader: Reader, obj: dict, path: str, session_ids: set[str]) -> Request:
    sessions = reader.texts(obj, "sessions", path, non_empty=True)
    for i, session_id in enumerate(sessions or ()):
        reader.known(child(child(path, "sessions"), i), session_id, session_ids, "session")
    return Request(
        from_id=reader.text(obj, "from", path, empty=False),
        to_id=reader.text(obj, "to", path, empty=False),
        priority=reader.integer(obj, "priority", path, low=PRIORITIES[0], high=PRIORITIES[-1]),
        sessions=sessions,
    )


def _check_requests(
    reader: Reader, requests: list[tuple[str, Request]], event: Event, companies: dict
) -> None:
    """Requests name known companies, never the asker itself, once per direction, across sides."""
    seen: set[tuple[str, str]] = set()
    for path, request in requests:
        asker_known = reader.known(child(path, "from"), request.from_id, companies, "company")
        asked_known = reader.known(child(path, "to"), request.to_id, companies, "company")
        if not (asker_known and asked_known):
            continue
        direction = (request.from_id, request.to_id)
        if request.from_id == request.to_id:
            reader.note(path, f'"{request.from_id}" cannot request a meeting with itself')
        elif direction in seen:
            reader.note(path, f'a second request from "{request.from_id}" to "{request.to_id}"')
        seen.add(direction)
        asker, asked = companies[request.from_id], companies[request.to_id]
        same_side = (asker.country == event.home_country) == (asked.country == event.home_country)
        if event.pairing == HOME_FOREIGN and same_side and asker.id != asked.id:
            side = "home" if asker.country == event.home_country else "foreign"
            reader.note(
                path, f'"{asker.id}" and "{asked.id}" are both {side} companies, but pairing is home-foreign'
            )


def _read_excluded(reader: Reader, doc: dict, companies: dict) -> tuple[tuple[str, str], ...]:
    """``excluded_pairs: [[a, b], ...]``: two different known companies per entry, each pair once."""
    value = doc.get("excluded_pairs")
    if value is None:
        return ()
    if not isinstance(value, list):
        reader.note("excluded_pairs", "must be a list of [company, company] pairs")
        return ()
    found: list[tuple[str, str]] = []
    seen: set[frozenset[str]] = set()
    for i, item in enumerate(value):
        where = child("excluded_pairs", i)
        if not (isinstance(item, list) and len(item) == 2 and all(isinstance(id, str) and id for id in item)):
            reader.note(where, "must be a list of two company ids")
            continue
        known = [reader.known(child(where, n), id, companies, "company") for n, id in enumerate(item)]
        if not all(known):
            continue
        if item[0] == item[1]:
            reader.note(where, f'names "{item[0]}" twice')
        elif frozenset(item) in seen:
            reader.note(where, f'"{item[0]}" and "{item[1]}" are excluded twice')
        else:
            seen.add(frozenset(item))
            found.append((item[0], item[1]))
    return tuple(found)


def parse_instance(data: Any) -> Instance:
    """The instance a parsed `b2b-instance/1` document describes; InstanceError lists all that is wrong."""
    reader = Reader()
    doc = reader.document(data, FORMAT)
    if doc is None:
        raise InstanceError(reader.problems)
    event = _read_event(reader, doc)

    def read_list(key: str, read, *context) -> list[tuple[str, Any]]:
        items = [(path, read(reader, obj, path, *context)) for path, obj in reader.objects(doc, key)]
        reader.unique((child(path, "id"), item.id) for path, item in items)
        return items

    sectors = read_list("sectors", _read_sector)
    sessions = read_list("sessions", _read_session)
    seminars = read_list("seminars", _read_seminar)
    companies = read_list("companies", _read_company, {seminar.id for _, seminar in seminars})
    requests = [
        (path, _read_request(reader, obj, path, {session.id for _, session in sessions}))
        for path, obj in reader.objects(doc, "requests")
    ]
    _check_requests(reader, requests, event, {company.id: company for _, company in companies})
    interpreters = read_list("interpreters", _read_interpreter)
    excluded = _read_excluded(reader, doc, {company.id: company for _, company in companies})
    if reader.problems:
        raise InstanceError(reader.problems)

    def values(items: list[tuple[str, Any]]) -> tuple:
        return tuple(item for _, item in items)

    return Instance(
        event=event,
        sessions=values(sessions),
        seminars=values(seminars),
        companies=values(companies),
        requests=values(requests),
        interpreters=values(interpreters),
        sectors=values(sectors),
        excluded_pairs=excluded,
    )


def load_instance(path: str | Path) -> Instance:
    """The instance in a file; a missing file or malformed JSON is an InstanceError too."""
    data, problems = read_json_file(path)
    if problems:
        raise InstanceError(problems)
    return parse_instance(data)


def _compact(fields: dict) -> dict:
    """Leave out optional keys that hold nothing (None, "", an empty list)."""
    return {key: value for key, value in fields.items() if value not in (None, "", [], ())}


def _times(interval: Interval | Session | Seminar) -> dict:
    return {"start": format_time(interval.start), "end": format_time(interval.end)}


def _event_dict(event: Event) -> dict:
    return _compact(
        {
            "name": event.name,
            "timezone": event.timezone,
            "home_country": event.home_country,
            "id": event.id,
            "pairing": None if event.pairing == HOME_FOREIGN else event.pairing,
            "default_max_meetings": (
                None if event.default_max_meetings == DEFAULT_MAX_MEETINGS else event.default_max_meetings
            ),
            "venue": _compact(
                {
                    "name": event.venue.name,
                    "address": event.venue.address,
                    "latitude": event.venue.latitude,
                    "longitude": event.venue.longitude,
                }
            )
            if event.venue
            else None,
        }
    )


def _session_dict(session: Session) -> dict:
    fields = {"id": session.id, "title": session.title, **_times(session)}
    fields.update(slot_minutes=session.slot_minutes, tables=session.tables)
    if session.countries is not None:
        fields["countries"] = list(session.countries)
    if session.room:
        fields["room"] = session.room
    return fields


def _seminar_dict(seminar: Seminar) -> dict:
    return _compact(
        {
            "id": seminar.id,
            "title": seminar.title,
            **_times(seminar),
            "country": seminar.country,
            "room": seminar.room,
            "description": seminar.description,
        }
    )


def _contact_dict(contact: Contact) -> dict:
    return _compact(
        {
            "name": contact.name,
            "email": contact.email,
            "phone": contact.phone,
            "languages": list(contact.languages),
        }
    )


def _company_dict(company: Company) -> dict:
    required = {"id": company.id, "name": company.name, "country": company.country}
    return (
        required
        | {"languages": list(company.languages)}
        | _compact(
            {
                "sectors": list(company.sectors),
                "interests": list(company.interests),
                "max_meetings": company.max_meetings,
                "unavailable": [_times(interval) for interval in company.unavailable],
                "seminars": list(company.seminars),
                "name_latin": company.name_latin,
                "description": company.description,
                "website": company.website,
                "contacts": [_contact_dict(contact) for contact in company.contacts],
            }
        )
    )


def _request_dict(request: Request) -> dict:
    fields = {"from": request.from_id, "to": request.to_id, "priority": request.priority}
    if request.sessions is not None:
        fields["sessions"] = list(request.sessions)
    return fields


def _interpreter_dict(interpreter: Interpreter) -> dict:
    fields = {"id": interpreter.id, "name": interpreter.name, "languages": list(interpreter.languages)}
    return fields | _compact({"unavailable": [_times(interval) for interval in interpreter.unavailable]})


def _sector_dict(sector: Sector) -> dict:
    return _compact({"id": sector.id, "name_ko": sector.name_ko, "name_en": sector.name_en})


def instance_to_dict(instance: Instance) -> dict:
    """The `b2b-instance/1` document; optional keys holding nothing or their default are left out."""
    document = {"format": FORMAT, "event": _event_dict(instance.event)}
    if instance.sectors:
        document["sectors"] = [_sector_dict(sector) for sector in instance.sectors]
    document.update(
        sessions=[_session_dict(session) for session in instance.sessions],
        seminars=[_seminar_dict(seminar) for seminar in instance.seminars],
        companies=[_company_dict(company) for company in instance.companies],
        requests=[_request_dict(request) for request in instance.requests],
        interpreters=[_interpreter_dict(interpreter) for interpreter in instance.interpreters],
    )
    if instance.excluded_pairs:
        document["excluded_pairs"] = [list(pair) for pair in instance.excluded_pairs]
    return document


def dump_instance(instance: Instance, path: str | Path) -> None:
    """Write the instance as UTF-8 JSON that keeps Korean text readable."""
    write_json_file(instance_to_dict(instance), path)
