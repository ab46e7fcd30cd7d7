"""Reading typed fields out of a parsed JSON document, collecting every problem with its place.

The instance and schedule readers share this, so that a bad file is answered
with one list of located problems (``companies[3].id: duplicate id "KR-01"``)
rather than with the first error only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from matcher.domain.instance import Interval

TIME_FORMAT = "%Y-%m-%dT%H:%M"
_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")
_MISSING = object()


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a document: where (``requests[2].to``) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def child(path: str, key: str | int) -> str:
    """The path of a key or list index below ``path``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def format_time(moment: datetime) -> str:
    return moment.strftime(TIME_FORMAT)


def zone_named(name: str) -> ZoneInfo | None:
    """The IANA zone of that name, or None when there is none."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def wall_time_problem(moment: datetime, zone: ZoneInfo) -> str | None:
    """Why a naive local time cannot stand for one instant in ``zone`` (a DST gap or fold), if so."""
    early, late = moment.replace(tzinfo=zone, fold=0), moment.replace(tzinfo=zone, fold=1)
    if early.utcoffset() == late.utcoffset():
        return None
    if early.astimezone(UTC).astimezone(zone).replace(tzinfo=None) != moment:
        return f"{format_time(moment)} does not exist in {zone.key} (clocks skip it)"
    return f"{format_time(moment)} is ambiguous in {zone.key} (clocks pass it twice)"


def read_json_file(path: str | Path) -> tuple[Any, list[Problem]]:
    """The parsed document, or the problems that stopped reading it (missing file, bad JSON)."""
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem(where, "no such file")]
    except (OSError, UnicodeDecodeError) as error:
        return None, [Problem(where, f"cannot be read: {error}")]
    try:
        return json.loads(text), []
    except json.JSONDecodeError as error:
        return None, [
            Problem(where, f"not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}")
        ]


def write_json_file(document: dict, path: str | Path) -> None:
    Path(path).write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


class Reader:
    """Reads fields of JSON objects, noting a located problem for each one that is missing or wrong.

    Each getter returns the value, or None when the field is absent (optional)
    or wrong (a problem is noted); ``null`` counts as absent.
    """

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.zone: ZoneInfo | None = None

    def note(self, path: str, message: str) -> None:
        self.problems.append(Problem(path, message))

    def _get(self, obj: dict, key: str, path: str, required: bool) -> Any:
        value = obj.get(key)
        if value is None:
            if required:
                self.note(child(path, key), "missing")
            return _MISSING
        return value

    def document(self, data: Any, expected_format: str) -> dict | None:
        """The top-level object, if it is one and carries the right ``format`` tag."""
        if not isinstance(data, dict):
            self.note("", f"a {expected_format} document must be a JSON object")
            return None
        if data.get("format") != expected_format:
            found = "missing" if "format" not in data else f"is {data['format']!r}"
            self.note("format", f'must be "{expected_format}" ({found})')
        return data

    def object(self, obj: dict, key: str, path: str, required: bool = True) -> dict | None:
        value = self._get(obj, key, path, required)
        if value is _MISSING:
            return None
        if not isinstance(value, dict):
            self.note(child(path, key), "must be an object")
            return None
        return value

    def objects(self, obj: dict, key: str, path: str = "", required: bool = False) -> list[tuple[str, dict]]:
        """The objects of a list, each with its path; wrong entries are noted and left out."""
        value = self._get(obj, key, path, required)
        if value is _MISSING:
            return []
        where = child(path, key)
        if not isinstance(value, list):
            self.note(where, "must be a list")
            return []
        found = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                found.append((child(where, i), item))
            else:
                self.note(child(where, i), "must be an object")
        return found

    def text(
        self,
        obj: dict,
        key: str,
        path: str,
        *,
        required: bool = True,
        pattern: re.Pattern | None = None,
        rule: str = "",
        empty: bool = True,
    ) -> str | None:
        """A string; ``pattern`` (explained by ``rule``) must match it whole; ``empty=False`` refuses ""."""
        value = self._get(obj, key, path, required)
        if value is _MISSING:
            return None
        return self._check_text(value, child(path, key), pattern, rule, empty)

    def _check_text(
        self, value: Any, where: str, pattern: re.Pattern | None, rule: str, empty: bool
    ) -> str | None:
        if not isinstance(value, str):
            self.note(where, "must be a string")
        elif not empty and not value.strip():
            self.note(where, "must not be empty")
        elif pattern is not None and not pattern.fullmatch(value):
            self.note(where, f"{value!r} is not {rule}")
        else:
            return value
        return None

    def texts(
        self,
        obj: dict,
        key: str,
        path: str,
        *,
        required: bool = False,
        non_empty: bool = False,
        pattern: re.Pattern | None = None,
        rule: str = "",
    ) -> tuple[str, ...] | None:
        """A list of non-empty strings; ``non_empty`` refuses an empty list."""
        value = self._get(obj, key, path, required)
        if value is _MISSING:
            return None
        where = child(path, key)
        if not isinstance(value, list):
            self.note(where, "must be a list of strings")
            return None
        if non_empty and not value:
            self.note(where, "must not be empty")
            return None
        checked = [
            self._check_text(item, child(where, i), pattern, rule, False) for i, item in enumerate(value)
        ]
        return None if None in checked else tuple(checked)

    def integer(
        self,
        obj: dict,
        key: str,
        path: str,
        *,
        required: bool = True,
        low: int | None = None,
        high: int | None = None,
    ) -> int | None:
        """A whole number (not a bool, not 2.5) within ``low..high``."""
        value = self._get(obj, key, path, required)
        if value is _MISSING:
            return None
        where = child(path, key)
        if isinstance(value, bool) or not isinstance(value, int):
            self.note(where, f"must be a whole number, not {json.dumps(value, ensure_ascii=False)}")
        elif low is not None and value < low or high is not None and value > high:
            bounds = f"from {low} to {high}" if high is not None else f"at least {low}"
            self.note(where, f"must be {bounds}, not {value}")
        else:
            return value
        return None

    def number(
        self, obj: dict, key: str, path: str, *, required: bool = True, low: float, high: float
    ) -> float | None:
        """A number (whole or not, not a bool) within ``low..high``."""
        value = self._get(obj, key, path, required)
        if value is _MISSING:
            return None
        where = child(path, key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.note(where, f"must be a number, not {json.dumps(value, ensure_ascii=False)}")
        elif not low <= value <= high:
            self.note(where, f"must be from {low:g} to {high:g}, not {value}")
        else:
            return float(value)
        return None

    def time(self, obj: dict, key: str, path: str, required: bool = True) -> datetime | None:
        """A local time ``YYYY-MM-DDTHH:MM`` that names one instant in the reader's zone."""
        value = self._get(obj, key, path, required)
        if value is _MISSING:
            return None
        where = child(path, key)
        if not isinstance(value, str) or not _TIME.fullmatch(value):
            self.note(
                where, f"{json.dumps(value, ensure_ascii=False)} is not a time written YYYY-MM-DDTHH:MM"
            )
            return None
        try:
            moment = datetime.strptime(value, TIME_FORMAT)
        except ValueError:
            self.note(where, f"{value} is not a real date and time")
            return None
        problem = wall_time_problem(moment, self.zone) if self.zone else None
        if problem:
            self.note(where, problem)
            return None
        return moment

    def interval(self, obj: dict, path: str) -> Interval | None:
        """``start`` and ``end`` with the end after the start."""
        start, end = self.time(obj, "start", path), self.time(obj, "end", path)
        if start is None or end is None:
            return None
        if end <= start:
            self.note(child(path, "end"), f"must be after the start ({format_time(start)})")
            return None
        return Interval(start, end)

    def unique(self, ids: Iterable[tuple[str, str | None]], what: str = "id") -> set[str]:
        """Note every id met before in the same list; return the ids."""
        seen: set[str] = set()
        for where, value in ids:
            if value is None:
                continue
            if value in seen:
                self.note(where, f'duplicate {what} "{value}"')
            seen.add(value)
        return seen

    def known(self, where: str, value: str | None, known: Iterable[str] | dict, what: str) -> bool:
        """Whether ``value`` is one of ``known``; an unknown one is noted (None passes silently)."""
        if value is None:
            return False
        if value not in known:
            self.note(where, f'unknown {what} "{value}"')
            return False
        return True
