"""Local wall-clock times of an event and the aware UTC times the database keeps."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo


def to_utc(local: datetime, zone: str) -> datetime:
    """A naive local time in `zone` as an aware UTC datetime."""
    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(UTC)


def to_local(moment: datetime, zone: str) -> datetime:
    """An aware datetime as a naive local wall-clock time in `zone`."""
    return moment.astimezone(ZoneInfo(zone)).replace(tzinfo=None)
