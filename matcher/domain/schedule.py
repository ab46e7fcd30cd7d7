"""Value types for a schedule (`b2b-schedule/1`): meetings placed in slots at tables."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from matcher.domain.instance import Interval


@dataclass(frozen=True, order=True)
class Meeting:
    """One 1:1 consultation: a pair of company ids in one slot of a session at a table."""

    companies: tuple[str, str]
    session: str
    start: datetime
    end: datetime
    table: int
    interpreter: str | None = None

    @property
    def interval(self) -> Interval:
        return Interval(self.start, self.end)

    @property
    def pair(self) -> frozenset[str]:
        return frozenset(self.companies)


@dataclass(frozen=True)
class Unscheduled:
    """A requested pair that did not meet, with a reason code and plain words."""

    companies: tuple[str, str]
    reason: str
    detail: str


@dataclass(frozen=True)
class Schedule:
    meetings: tuple[Meeting, ...] = ()
    unscheduled: tuple[Unscheduled, ...] = ()
    stats: dict = field(default_factory=dict, compare=False, hash=False)
