"""The VTIMEZONE block: built once per zone and span of years (it took a third of a feed request), and still
the block icalendar writes, in every file that needs it."""

from __future__ import annotations

from datetime import UTC, date, datetime

import icalendar
import pytest

from schedules import ical
from schedules.ical import calendar_meetings, company_calendar, event_days
from tests.schedules.ical_checks import assert_strict
from tests.schedules.paris import PARIS_MEETINGS, paris_instance
from tests.schedules.week import WEEK_MEETINGS, week_instance

STAMP = datetime(2019, 10, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def zones_built(monkeypatch) -> list[tuple[str, date, date]]:
    """Each VTIMEZONE icalendar builds from now on, as (zone, first date, last date)."""
    built = []
    from_tzid = icalendar.Timezone.from_tzid

    def counted(tzid: str, **dates) -> icalendar.Timezone:
        built.append((tzid, dates["first_date"], dates["last_date"]))
        return from_tzid(tzid, **dates)

    ical._timezone.cache_clear()
    monkeypatch.setattr(icalendar.Timezone, "from_tzid", counted)
    yield built
    ical._timezone.cache_clear()


def seoul_file(company_id: str) -> bytes:
    return company_calendar(
        week_instance(), calendar_meetings(WEEK_MEETINGS), company_id, stamp=STAMP
    ).content


def paris_file(company_id: str) -> bytes:
    return company_calendar(
        paris_instance(), calendar_meetings(PARIS_MEETINGS), company_id, stamp=STAMP
    ).content


def zone_blocks(data: bytes) -> list[bytes]:
    return [zone.to_ical() for zone in icalendar.Calendar.from_ical(data).walk("VTIMEZONE")]


def test_each_zone_is_built_once_for_many_files(zones_built):
    files = [
        seoul_file("KR-01"),
        seoul_file("KR-02"),
        seoul_file("KR-01"),
        paris_file("FR-01"),
        paris_file("DE-01"),
    ]

    assert zones_built == [
        ("Asia/Seoul", *event_days(week_instance())),
        ("Europe/Paris", *event_days(paris_instance())),
    ]
    for data in files:
        assert_strict(data)
    assert zone_blocks(files[0]) == zone_blocks(files[1]) == zone_blocks(files[2])


def test_the_block_is_the_one_icalendar_adds_itself():
    ours = icalendar.Calendar.from_ical(paris_file("FR-01"))
    theirs = icalendar.Calendar.from_ical(paris_file("FR-01"))
    for zone in theirs.walk("VTIMEZONE"):
        theirs.subcomponents.remove(zone)
    first, last = event_days(paris_instance())
    theirs.add_missing_timezones(first_date=first, last_date=last)
    for zone in theirs.walk("VTIMEZONE"):
        zone.pop("COMMENT")  # "This timezone only works from ... to ...": a warning to the reader, not a rule

    assert zone_blocks(ours.to_ical()) == zone_blocks(theirs.to_ical())
    assert b"COMMENT" not in ours.to_ical()
    assert (
        first <= min(m.start.date() for m in PARIS_MEETINGS)
        and max(m.end.date() for m in PARIS_MEETINGS) <= last
    )
    assert b"TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100" in ours.to_ical()  # the 27 October switch is in it
