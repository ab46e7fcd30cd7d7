"""A strict RFC 5545 checker for the calendars we write, since no library validates strictly.

It reads the raw bytes itself (not through the icalendar library that wrote them) and
returns every problem found, in words, so a failing test says what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

DATE_TIME_PROPERTIES = {"DTSTART", "DTEND", "DUE", "RECURRENCE-ID", "EXDATE", "RDATE"}
UTC_PROPERTIES = {"DTSTAMP", "LAST-MODIFIED", "CREATED"}
REQUIRED_IN_VEVENT = ("UID", "DTSTAMP", "DTSTART")
MAX_OCTETS = 75


@dataclass
class ContentLine:
    name: str
    params: dict[str, str]
    value: str


@dataclass
class Component:
    name: str
    lines: list[ContentLine] = field(default_factory=list)
    children: list[Component] = field(default_factory=list)

    def values(self, name: str) -> list[ContentLine]:
        return [line for line in self.lines if line.name == name]

    def walk(self, name: str) -> list[Component]:
        found = [self] if self.name == name else []
        for child in self.children:
            found += child.walk(name)
        return found


def _split_line(text: str) -> ContentLine:
    """``NAME;P1=a;P2="b:c":value``; colons and semicolons inside quotes belong to the parameter."""
    in_quotes = False
    for index, char in enumerate(text):
        if char == '"':
            in_quotes = not in_quotes
        elif char == ":" and not in_quotes:
            head, value = text[:index], text[index + 1 :]
            break
    else:
        raise ValueError(f"no value in line {text!r}")
    name, *raw_params = head.split(";")
    params = {}
    for raw in raw_params:
        key, _, param_value = raw.partition("=")
        params[key.upper()] = param_value.strip('"')
    return ContentLine(name.upper(), params, value)


def physical_lines(data: bytes) -> tuple[list[bytes], list[str]]:
    problems = []
    if not data.endswith(b"\r\n"):
        problems.append("the file does not end with CRLF")
    lines = data.split(b"\r\n")
    if lines and lines[-1] == b"":
        lines.pop()
    for number, line in enumerate(lines, 1):
        if b"\n" in line or b"\r" in line:
            problems.append(f"line {number}: a bare LF or CR instead of CRLF")
        if len(line) > MAX_OCTETS:
            problems.append(f"line {number}: {len(line)} octets, more than {MAX_OCTETS}")
    return lines, problems


def parse(data: bytes) -> Component:
    """The component tree of a calendar (folded lines joined), for checks and for reading values."""
    lines, _ = physical_lines(data)
    unfolded: list[bytes] = []
    for line in lines:
        if line[:1] in (b" ", b"\t") and unfolded:
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    root = Component("ROOT")
    stack = [root]
    for raw in unfolded:
        line = _split_line(raw.decode("utf-8"))
        if line.name == "BEGIN":
            child = Component(line.value.upper())
            stack[-1].children.append(child)
            stack.append(child)
        elif line.name == "END":
            if stack[-1].name != line.value.upper():
                raise ValueError(f"END:{line.value} closes {stack[-1].name}")
            stack.pop()
        else:
            stack[-1].lines.append(line)
    if len(stack) != 1:
        raise ValueError(f"{stack[-1].name} is never closed")
    return root


def local_time(line: ContentLine) -> datetime:
    """The moment a DATE-TIME line names, aware: UTC for ``Z``, else the TZID read as an IANA zone."""
    value = line.value
    if value.endswith("Z"):
        return datetime.strptime(value, "%Y%m%dT%H%M%SZ").replace(tzinfo=ZoneInfo("UTC"))
    naive = datetime.strptime(value, "%Y%m%dT%H%M%S")
    return naive.replace(tzinfo=ZoneInfo(line.params["TZID"])) if "TZID" in line.params else naive


def _event_problems(vevent: Component) -> list[str]:
    uid = (vevent.values("UID") or [ContentLine("UID", {}, "?")])[0].value
    problems = []
    for name in REQUIRED_IN_VEVENT:
        count = len(vevent.values(name))
        if count != 1:
            problems.append(f"VEVENT {uid}: {count} {name} lines, expected 1")
    for line in vevent.lines:
        is_date = line.params.get("VALUE") == "DATE" or "T" not in line.value
        floating = not line.value.endswith("Z") and "TZID" not in line.params
        if line.name in DATE_TIME_PROPERTIES and not is_date and floating:
            problems.append(f"VEVENT {uid}: floating {line.name}:{line.value}")
        if line.name in UTC_PROPERTIES and not line.value.endswith("Z"):
            problems.append(f"VEVENT {uid}: {line.name} is not in UTC")
    starts, ends = vevent.values("DTSTART"), vevent.values("DTEND")
    if len(starts) == 1 and len(ends) == 1 and "T" in starts[0].value and "T" in ends[0].value:
        start, end = local_time(starts[0]), local_time(ends[0])
        comparable = (start.tzinfo is None) == (end.tzinfo is None)
        if comparable and not end > start:
            problems.append(f"VEVENT {uid}: DTEND is not after DTSTART")
    return problems


def check_calendar(data: bytes) -> list[str]:
    """Every way the file falls short of RFC 5545 as we use it; empty when it is strict and sound."""
    _, problems = physical_lines(data)
    try:
        root = parse(data)
    except (ValueError, UnicodeDecodeError) as error:
        return [*problems, f"unreadable: {error}"]
    calendars = root.walk("VCALENDAR")
    if len(calendars) != 1 or root.children != calendars:
        return [*problems, f"expected one VCALENDAR, found {len(calendars)}"]
    calendar = calendars[0]
    if [line.value for line in calendar.values("VERSION")] != ["2.0"]:
        problems.append("VERSION:2.0 missing")
    if len(calendar.values("PRODID")) != 1:
        problems.append("PRODID missing")
    defined = set()
    for vtimezone in calendar.walk("VTIMEZONE"):
        defined.update(line.value for line in vtimezone.values("TZID"))
        if not vtimezone.walk("STANDARD") + vtimezone.walk("DAYLIGHT"):
            problems.append("a VTIMEZONE has no STANDARD or DAYLIGHT part")
    used = set()
    for vevent in calendar.walk("VEVENT"):
        problems += _event_problems(vevent)
        used.update(line.params["TZID"] for line in vevent.lines if "TZID" in line.params)
    problems += [f"TZID {tzid} has no VTIMEZONE" for tzid in sorted(used - defined)]
    return problems


def assert_strict(data: bytes) -> Component:
    """Fail with every problem listed, or return the calendar's VCALENDAR component."""
    problems = check_calendar(data)
    assert problems == [], "\n".join(problems)
    return parse(data).children[0]
