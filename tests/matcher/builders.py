"""Small factories for valid matcher values in tests: state only what the test is about.

Companies take their country from the id prefix (``KR-01`` is Korean), times
are ``HH:MM`` on a day of the 2019 week (28 October by default), and an
instance defaults to the home country ``KR``.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from matcher.domain.instance import (
    HOME_FOREIGN,
    Company,
    Event,
    Instance,
    Interpreter,
    Interval,
    Request,
    Seminar,
    Session,
)
from matcher.domain.schedule import Meeting

DAY = 28


def at(hhmm: str, day: int = DAY) -> datetime:
    """``at("13:30")`` is 2019-10-28 13:30; ``day`` picks another day of October 2019."""
    hours, minutes = map(int, hhmm.split(":"))
    return datetime(2019, 10, day, hours, minutes)


def span(start: str, end: str, day: int = DAY) -> Interval:
    return Interval(at(start, day), at(end, day))


def company(
    id: str, *, country: str | None = None, languages: tuple[str, ...] = ("en",), **fields
) -> Company:
    return Company(
        id=id, name=f"Company {id}", country=country or id.split("-")[0], languages=languages, **fields
    )


def session(
    id: str,
    start: str = "13:30",
    end: str = "16:30",
    *,
    day: int = DAY,
    slot_minutes: int = 30,
    tables: int = 3,
    countries: tuple[str, ...] | None = None,
) -> Session:
    return Session(id, f"Session {id}", at(start, day), at(end, day), slot_minutes, tables, countries)


def seminar(id: str, start: str, end: str, *, day: int = DAY, country: str | None = None) -> Seminar:
    return Seminar(id, f"Seminar {id}", at(start, day), at(end, day), country)


def request(from_id: str, to_id: str, priority: int = 3, sessions: tuple[str, ...] | None = None) -> Request:
    return Request(from_id, to_id, priority, sessions)


def interpreter(id: str, languages: tuple[str, ...] = ("ko", "fr"), **fields) -> Interpreter:
    return Interpreter(id=id, name=f"Interpreter {id}", languages=languages, **fields)


def instance(
    companies=(),
    sessions=(),
    requests=(),
    seminars=(),
    interpreters=(),
    *,
    pairing: str = HOME_FOREIGN,
    home_country: str = "KR",
    default_max_meetings: int = 8,
    timezone: str = "Asia/Seoul",
) -> Instance:
    return Instance(
        event=Event("Test week", timezone, home_country, "test-week", pairing, default_max_meetings),
        sessions=tuple(sessions),
        seminars=tuple(seminars),
        companies=tuple(companies),
        requests=tuple(requests),
        interpreters=tuple(interpreters),
    )


def meeting(
    a: str,
    b: str,
    session_id: str,
    start: str,
    table: int = 1,
    *,
    day: int = DAY,
    minutes: int = 30,
    interpreter: str | None = None,
) -> Meeting:
    begins = at(start, day)
    return Meeting((a, b), session_id, begins, begins + timedelta(minutes=minutes), table, interpreter)
