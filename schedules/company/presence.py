"""Half-days present: a company ticks the mornings and afternoons it is there; the rest become unavailability.

A morning is [00:00, 12:00) and an afternoon [12:00, 24:00) local time, on
each day that has a seminar or a consultation session. Windows the organizer
set by hand that do not cover a whole half-day are kept as they are.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from models import Event, Unavailability
from schedules.timegrid import to_utc

MORNING, AFTERNOON = "am", "pm"


@dataclass(frozen=True)
class HalfDay:
    day: date
    part: str
    start: datetime  # aware UTC
    end: datetime

    @property
    def key(self) -> str:
        return f"{self.day.isoformat()}-{self.part}"


def event_days(event: Event) -> list[date]:
    zone = ZoneInfo(event.timezone)
    return sorted({item.start_at.astimezone(zone).date() for item in [*event.sessions, *event.seminars]})


def half_days(event: Event) -> list[HalfDay]:
    found = []
    for day in event_days(event):
        midnight = datetime.combine(day, time())
        noon = midnight + timedelta(hours=12)
        next_midnight = midnight + timedelta(days=1)
        found.append(HalfDay(day, MORNING, to_utc(midnight, event.timezone), to_utc(noon, event.timezone)))
        found.append(
            HalfDay(day, AFTERNOON, to_utc(noon, event.timezone), to_utc(next_midnight, event.timezone))
        )
    return found


Window = tuple[datetime, datetime]


def _covers(windows: list[Window], half: HalfDay) -> bool:
    return any(start <= half.start and end >= half.end for start, end in windows)


def present_keys(event: Event, windows: list[Window]) -> set[str]:
    """The half-days no single window covers whole: where the company is there."""
    return {half.key for half in half_days(event) if not _covers(windows, half)}


def _minus(windows: list[Window], cut: Window) -> list[Window]:
    kept = []
    for start, end in windows:
        if end <= cut[0] or start >= cut[1]:
            kept.append((start, end))
            continue
        if start < cut[0]:
            kept.append((start, cut[0]))
        if end > cut[1]:
            kept.append((cut[1], end))
    return kept


def _merged(windows: list[Window]) -> list[Window]:
    merged: list[Window] = []
    for start, end in sorted(windows):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def with_presence(event: Event, windows: list[Window], present: set[str]) -> list[Window]:
    """The windows after the company says which half-days it is present.

    A newly present half-day is cut out of whatever covered it; an absent one
    is added whole; partial windows inside present half-days stay.
    """
    result = list(windows)
    for half in half_days(event):
        if half.key in present and _covers(result, half):
            result = _minus(result, (half.start, half.end))
        elif half.key not in present:
            result.append((half.start, half.end))
    return _merged(result)


def unavailability(windows: list[Window]) -> list[Unavailability]:
    return [Unavailability(start_at=start, end_at=end) for start, end in windows]
