"""Exported calendars in real calendar programs (Debian's calcurse and khal) show every meeting
at the right minute in the reader's own zone, and follow a moved meeting instead of doubling it.

Expected times are computed here with zoneinfo from the local times in the schedule, not read
back from the files.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from matcher.domain.instance import Instance
from schedules.ical import CalendarMeeting, calendar_meetings, company_calendar
from tests.schedules.paris import PARIS_MEETINGS, paris_instance
from tests.schedules.week import WEEK_MEETINGS, at, week_instance
from tests.system import require_command

READER_ZONES = ["Europe/Paris", "America/New_York"]
MINUTE = "%Y-%m-%d %H:%M"
STAMP = datetime(2019, 10, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Shown:
    """One appointment as a calendar program lists it: start and end in the reader's zone, and its title."""

    start: str
    end: str
    title: str


def expected(instance: Instance, start: datetime, end: datetime, title: str, reader_zone: str) -> Shown:
    event_zone, reader = ZoneInfo(instance.event.timezone), ZoneInfo(reader_zone)
    shown = [t.replace(tzinfo=event_zone).astimezone(reader).strftime(MINUTE) for t in (start, end)]
    return Shown(shown[0], shown[1], title)


def expected_meetings(
    instance: Instance, meetings, company_ids, reader_zone: str
) -> set[tuple[str, str, str]]:
    """(start, end, partner name) for each meeting of the companies, and the same for their seminars."""
    rows = set()
    for company_id in company_ids:
        for m in meetings:
            if company_id in m.companies:
                partner = next(c for c in m.companies if c != company_id)
                name = instance.company_by_id[partner].name
                shown = expected(instance, m.start, m.end, name, reader_zone)
                rows.add((shown.start, shown.end, name))
        for seminar in instance.seminars:
            if seminar.id in instance.company_by_id[company_id].seminars:
                shown = expected(instance, seminar.start, seminar.end, seminar.title, reader_zone)
                rows.add((shown.start, shown.end, seminar.title))
    return rows


def matched(listed: list[Shown], rows: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """The expected rows as found in the program's listing: same start, same end, the name in the title."""
    return {
        (s.start, s.end, name)
        for s in listed
        for (start, end, name) in rows
        if (s.start, s.end) == (start, end) and name in s.title
    }


def write_files(tmp_path: Path, instance: Instance, meetings, company_ids) -> list[Path]:
    paths = []
    for company_id in company_ids:
        path = tmp_path / f"{company_id}.ics"
        path.write_bytes(company_calendar(instance, meetings, company_id, stamp=STAMP).content)
        paths.append(path)
    return paths


def calcurse_listing(tmp_path: Path, files: list[Path], zone: str, first_day: str, days: int) -> list[Shown]:
    """Import the files into a fresh calcurse and query the days, all with the machine zone ``zone``."""
    calcurse = require_command("calcurse")
    data_dir = tmp_path / f"calcurse-{zone.replace('/', '-')}"
    data_dir.mkdir()
    env = {**os.environ, "TZ": zone}
    for path in files:
        subprocess.run([calcurse, "-D", data_dir, "-q", "-i", path], env=env, check=True, capture_output=True)
    month_first = datetime.strptime(first_day, "%Y-%m-%d").strftime("%m/%d/%Y")
    query = [
        calcurse,
        "-D",
        data_dir,
        "-Q",
        "--filter-type",
        "apt",
        "--from",
        month_first,
        "--days",
        str(days),
        "--format-apt",
        "%(start:" + MINUTE + ")|%(end:" + MINUTE + ")|%m\\n",
    ]
    output = subprocess.run(query, env=env, check=True, capture_output=True, text=True).stdout
    return [Shown(*line.split("|", 2)) for line in output.splitlines() if line.count("|") >= 2]


class Khal:
    """A throwaway khal with one calendar folder, reading times in the zone ``zone``."""

    def __init__(self, tmp_path: Path, zone: str):
        self.program = require_command("khal")
        root = tmp_path / f"khal-{zone.replace('/', '-')}"
        (root / "calendar").mkdir(parents=True)
        self.config = root / "config"
        self.config.write_text(
            "[calendars]\n[[week]]\n"
            f"path = {root / 'calendar'}\n"
            "[locale]\n"
            f"local_timezone = {zone}\ndefault_timezone = {zone}\n"
            "timeformat = %H:%M\ndateformat = %Y-%m-%d\nlongdateformat = %Y-%m-%d\n"
            "datetimeformat = %Y-%m-%d %H:%M\nlongdatetimeformat = %Y-%m-%d %H:%M\n"
            f"[sqlite]\npath = {root / 'khal.db'}\n"
        )
        self.env = {**os.environ, "TZ": zone}

    def _run(self, *args: str | Path) -> str:
        command = [self.program, "-c", self.config, *args]
        return subprocess.run(command, env=self.env, check=True, capture_output=True, text=True).stdout

    def import_file(self, path: Path) -> None:
        self._run("import", "--batch", path)

    def listing(self, first_day: str, days: int) -> list[Shown]:
        output = self._run("list", "--once", "--format", "{start}|{end}|{title}", first_day, f"{days}d")
        return [Shown(*line.split("|", 2)) for line in output.splitlines() if line.count("|") >= 2]


KOREAN_SIDE = ["KR-01", "KR-02", "KR-03", "KR-04", "KR-05", "KR-06"]


@pytest.mark.parametrize("zone", READER_ZONES)
def test_calcurse_shows_every_meeting_of_the_seoul_week_at_the_right_minute(tmp_path, zone):
    instance, meetings = week_instance(), calendar_meetings(WEEK_MEETINGS)
    files = write_files(tmp_path, instance, meetings, KOREAN_SIDE)
    listed = calcurse_listing(tmp_path, files, zone, "2019-10-26", 7)
    rows = expected_meetings(instance, WEEK_MEETINGS, KOREAN_SIDE, zone)
    assert len(rows) == len(WEEK_MEETINGS) + 2
    assert matched(listed, rows) == rows
    assert len(listed) == len(rows)


@pytest.mark.parametrize("zone", READER_ZONES)
def test_khal_shows_every_meeting_of_the_seoul_week_at_the_right_minute(tmp_path, zone):
    instance, meetings = week_instance(), calendar_meetings(WEEK_MEETINGS)
    khal = Khal(tmp_path, zone)
    for path in write_files(tmp_path, instance, meetings, KOREAN_SIDE):
        khal.import_file(path)
    listed = khal.listing("2019-10-26", 7)
    rows = expected_meetings(instance, WEEK_MEETINGS, KOREAN_SIDE, zone)
    assert matched(listed, rows) == rows
    assert len(listed) == len(rows)


def test_the_seoul_week_falls_between_europes_and_americas_switch_to_winter_time():
    start = at(28, "13:30").replace(tzinfo=ZoneInfo("Asia/Seoul"))
    assert start.astimezone(ZoneInfo("Europe/Paris")).strftime("%H:%M %Z") == "05:30 CET"
    assert start.astimezone(ZoneInfo("America/New_York")).strftime("%H:%M %Z") == "00:30 EDT"


@pytest.mark.parametrize("zone", [*READER_ZONES, "Asia/Seoul"])
def test_an_event_spanning_a_daylight_saving_switch_keeps_each_days_offset(tmp_path, zone):
    instance = paris_instance()
    files = write_files(tmp_path, instance, calendar_meetings(PARIS_MEETINGS), ["FR-01"])
    rows = expected_meetings(instance, PARIS_MEETINGS, ["FR-01"], zone)
    khal = Khal(tmp_path, zone)
    khal.import_file(files[0])
    assert matched(khal.listing("2019-10-25", 5), rows) == rows
    assert matched(calcurse_listing(tmp_path, files, zone, "2019-10-25", 5), rows) == rows


def test_in_new_york_the_switch_moves_the_paris_meetings_by_different_hours():
    saturday, monday = (m.start.replace(tzinfo=ZoneInfo("Europe/Paris")) for m in PARIS_MEETINGS)
    new_york = ZoneInfo("America/New_York")
    assert saturday.astimezone(new_york).hour == 8 and monday.astimezone(new_york).hour == 4


@pytest.mark.parametrize("zone", READER_ZONES)
def test_a_moved_meeting_replaces_the_old_one_in_khal(tmp_path, zone):
    instance = week_instance()
    original = WEEK_MEETINGS[0]
    moved = replace(original, start=at(28, "15:00"), end=at(28, "15:30"), table=3)
    khal = Khal(tmp_path, zone)
    for version, item in enumerate([CalendarMeeting(original), CalendarMeeting(moved, sequence=1)]):
        path = tmp_path / f"v{version}.ics"
        path.write_bytes(company_calendar(instance, [item], "KR-01").content)
        khal.import_file(path)
    listed = [s for s in khal.listing("2019-10-26", 7) if "Amplitude" in s.title]
    new_time = expected(instance, moved.start, moved.end, "", zone)
    assert [(s.start, s.end) for s in listed] == [(new_time.start, new_time.end)]
    assert "Table 3" in listed[0].title
