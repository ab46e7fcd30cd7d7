"""The strict checker must catch each defect it claims to, or the calendar tests prove nothing."""

from __future__ import annotations

import pytest

from tests.schedules.ical_checks import check_calendar

GOOD = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//test//EN",
    "BEGIN:VTIMEZONE",
    "TZID:Asia/Seoul",
    "BEGIN:STANDARD",
    "DTSTART:19700101T000000",
    "TZOFFSETFROM:+0900",
    "TZOFFSETTO:+0900",
    "END:STANDARD",
    "END:VTIMEZONE",
    "BEGIN:VEVENT",
    "UID:meeting-x@matchweek",
    "DTSTAMP:20191001T000000Z",
    "DTSTART;TZID=Asia/Seoul:20191028T133000",
    "DTEND;TZID=Asia/Seoul:20191028T140000",
    "SUMMARY:Meeting",
    "END:VEVENT",
    "END:VCALENDAR",
]


def calendar(lines: list[str], ending: str = "\r\n") -> bytes:
    return ending.join(lines).encode() + ending.encode()


def replaced(old: str, new: str | None) -> list[str]:
    return [new if line == old else line for line in GOOD if not (line == old and new is None)]


def test_a_sound_calendar_passes():
    assert check_calendar(calendar(GOOD)) == []


@pytest.mark.parametrize(
    ("lines", "problem"),
    [
        (replaced("VERSION:2.0", None), "VERSION"),
        (replaced("PRODID:-//test//EN", None), "PRODID"),
        (replaced("UID:meeting-x@matchweek", None), "UID"),
        (replaced("DTSTAMP:20191001T000000Z", None), "DTSTAMP"),
        (replaced("DTSTAMP:20191001T000000Z", "DTSTAMP:20191001T000000"), "DTSTAMP is not in UTC"),
        (replaced("DTSTART;TZID=Asia/Seoul:20191028T133000", None), "DTSTART"),
        (replaced("DTSTART;TZID=Asia/Seoul:20191028T133000", "DTSTART:20191028T133000"), "floating"),
        (replaced("DTEND;TZID=Asia/Seoul:20191028T140000", "DTEND;TZID=Asia/Seoul:20191028T133000"), "DTEND"),
        (replaced("TZID:Asia/Seoul", "TZID:Europe/Paris"), "TZID Asia/Seoul has no VTIMEZONE"),
        (replaced("SUMMARY:Meeting", "SUMMARY:" + "x" * 80), "octets"),
    ],
)
def test_each_defect_is_named(lines, problem):
    problems = check_calendar(calendar(lines))
    assert any(problem in p for p in problems), problems


def test_bare_line_feeds_are_caught():
    assert any("CRLF" in p for p in check_calendar(calendar(GOOD, "\n")))


def test_dtend_is_compared_as_a_moment_not_as_text():
    lines = replaced("DTEND;TZID=Asia/Seoul:20191028T140000", "DTEND:20191028T050000Z")
    assert check_calendar(calendar(lines)) == []
    lines = replaced("DTEND;TZID=Asia/Seoul:20191028T140000", "DTEND:20191028T043000Z")
    assert any("DTEND" in p for p in check_calendar(calendar(lines)))
