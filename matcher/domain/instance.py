"""Value types for an event to be scheduled (`b2b-instance/1`).

Times are naive local wall-clock datetimes in the event's time zone, exactly
as the format writes them; intervals are half-open ``[start, end)``.
Everything here is frozen plain data: the solver, the validator and the
exporters share it, and none of them needs a database.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property

HOME_FOREIGN = "home-foreign"
ANY_PAIR = "any"
DEFAULT_MAX_MEETINGS = 8


@dataclass(frozen=True, order=True)
class Interval:
    """A half-open stretch of local time ``[start, end)``."""

    start: datetime
    end: datetime

    def overlaps(self, other: Interval) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True)
class Venue:
    """Extension: where the event takes place (``event.venue``), for calendars and printed agendas."""

    name: str
    address: str = ""
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Event:
    name: str
    timezone: str
    home_country: str
    id: str | None = None
    pairing: str = HOME_FOREIGN
    default_max_meetings: int = DEFAULT_MAX_MEETINGS
    venue: Venue | None = None


@dataclass(frozen=True)
class Session:
    """A consultation block cut into slots of ``slot_minutes``, with numbered tables."""

    id: str
    title: str
    start: datetime
    end: datetime
    slot_minutes: int
    tables: int
    countries: tuple[str, ...] | None = None  # foreign countries admitted; None = all
    room: str | None = None  # extension: the hall or room of its tables

    @property
    def slots(self) -> tuple[Interval, ...]:
        """Whole slots from the start; a shorter last piece is not a slot."""
        step = timedelta(minutes=self.slot_minutes)
        count = int((self.end - self.start) / step) if self.slot_minutes > 0 else 0
        return tuple(Interval(self.start + i * step, self.start + (i + 1) * step) for i in range(count))

    def admits(self, country: str, home_country: str) -> bool:
        return country == home_country or self.countries is None or country in self.countries


@dataclass(frozen=True)
class Seminar:
    id: str
    title: str
    start: datetime
    end: datetime
    country: str | None = None
    room: str | None = None  # extension
    description: str | None = None  # extension

    @property
    def interval(self) -> Interval:
        return Interval(self.start, self.end)


@dataclass(frozen=True)
class Sector:
    """Extension: a sector code with its names (``sectors[]`` at the top level)."""

    id: str
    name_ko: str = ""
    name_en: str = ""


@dataclass(frozen=True)
class Contact:
    """Extension: a company's contact person (``companies[].contacts[]``)."""

    name: str
    email: str = ""
    phone: str = ""
    languages: tuple[str, ...] = ()


@dataclass(frozen=True)
class Company:
    id: str
    name: str
    country: str
    languages: tuple[str, ...]
    sectors: tuple[str, ...] = ()
    interests: tuple[str, ...] = ()
    max_meetings: int | None = None
    unavailable: tuple[Interval, ...] = ()
    seminars: tuple[str, ...] = ()
    # Extensions of our own (optional in the file).
    name_latin: str | None = None
    description: str | None = None
    website: str | None = None
    contacts: tuple[Contact, ...] = ()


@dataclass(frozen=True)
class Request:
    """A wish of ``from_id`` to meet ``to_id``; priority 1 (nice) to 3 (must)."""

    from_id: str
    to_id: str
    priority: int
    sessions: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Interpreter:
    id: str
    name: str
    languages: tuple[str, ...]
    unavailable: tuple[Interval, ...] = ()


@dataclass(frozen=True)
class Instance:
    event: Event
    sessions: tuple[Session, ...] = ()
    seminars: tuple[Seminar, ...] = ()
    companies: tuple[Company, ...] = ()
    requests: tuple[Request, ...] = ()
    interpreters: tuple[Interpreter, ...] = ()
    sectors: tuple[Sector, ...] = field(default=())
    # Extension: pairs that must never meet (cancelled by the organizer, declined, or a side withdrew).
    excluded_pairs: tuple[tuple[str, str], ...] = ()

    @cached_property
    def company_by_id(self) -> dict[str, Company]:
        return {c.id: c for c in self.companies}

    @cached_property
    def session_by_id(self) -> dict[str, Session]:
        return {s.id: s for s in self.sessions}

    @cached_property
    def seminar_by_id(self) -> dict[str, Seminar]:
        return {s.id: s for s in self.seminars}

    @cached_property
    def excluded(self) -> frozenset[frozenset[str]]:
        return frozenset(frozenset(pair) for pair in self.excluded_pairs)

    @cached_property
    def interpreter_by_id(self) -> dict[str, Interpreter]:
        return {i.id: i for i in self.interpreters}

    def max_meetings(self, company: Company) -> int:
        if company.max_meetings is not None:
            return company.max_meetings
        return self.event.default_max_meetings

    def is_home(self, company: Company) -> bool:
        return company.country == self.event.home_country
