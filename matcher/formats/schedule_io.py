"""Reading and writing `b2b-schedule/1` documents.

Reading checks the document's shape (and, given the instance, that every id it
names exists and every time is a real local time there); whether the meetings
keep the hard rules is the validator's question, not the reader's.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from matcher.domain.instance import Instance
from matcher.domain.schedule import Meeting, Schedule, Unscheduled
from matcher.formats.instance_io import InstanceError
from matcher.formats.reading import (
    Problem,
    Reader,
    child,
    format_time,
    read_json_file,
    write_json_file,
    zone_named,
)

FORMAT = "b2b-schedule/1"

__all__ = ["Problem", "ScheduleError", "dump_schedule", "load_schedule", "parse_schedule", "schedule_to_dict"]


class ScheduleError(InstanceError):
    """A document that is not a readable schedule; ``problems`` lists everything wrong with it."""


def _pair(reader: Reader, obj: dict, path: str) -> tuple[str, str] | None:
    companies = reader.texts(obj, "companies", path, required=True)
    if companies is not None and len(companies) != 2:
        reader.note(child(path, "companies"), f"must name two companies, not {len(companies)}")
        return None
    return companies


def _read_meeting(reader: Reader, obj: dict, path: str, instance: Instance | None) -> Meeting:
    companies = _pair(reader, obj, path)
    session = reader.text(obj, "session", path, empty=False)
    span = reader.interval(obj, path)
    interpreter = reader.text(obj, "interpreter", path, required=False, empty=False)
    if instance is not None:
        for i, company_id in enumerate(companies or ()):
            reader.known(child(child(path, "companies"), i), company_id, instance.company_by_id, "company")
        reader.known(child(path, "session"), session, instance.session_by_id, "session")
        reader.known(child(path, "interpreter"), interpreter, instance.interpreter_by_id, "interpreter")
    return Meeting(
        companies=companies,
        session=session,
        start=span.start if span else None,
        end=span.end if span else None,
        table=reader.integer(obj, "table", path, low=1),
        interpreter=interpreter,
    )


def _read_unscheduled(reader: Reader, obj: dict, path: str) -> Unscheduled:
    return Unscheduled(
        companies=_pair(reader, obj, path),
        reason=reader.text(obj, "reason", path, empty=False),
        detail=reader.text(obj, "detail", path, required=False) or "",
    )


def parse_schedule(data: Any, instance: Instance | None = None) -> Schedule:
    """The schedule a parsed `b2b-schedule/1` document describes; ScheduleError lists all that is wrong.

    Given the instance, unknown company, session and interpreter ids and local
    times that do not exist in the event's zone are problems too.
    """
    reader = Reader()
    if instance is not None:
        reader.zone = zone_named(instance.event.timezone)
    doc = reader.document(data, FORMAT)
    if doc is None:
        raise ScheduleError(reader.problems)
    meetings = [
        _read_meeting(reader, obj, path, instance)
        for path, obj in reader.objects(doc, "meetings", required=True)
    ]
    unscheduled = [_read_unscheduled(reader, obj, path) for path, obj in reader.objects(doc, "unscheduled")]
    stats = reader.object(doc, "stats", "", required=False) or {}
    if reader.problems:
        raise ScheduleError(reader.problems)
    return Schedule(meetings=tuple(meetings), unscheduled=tuple(unscheduled), stats=dict(stats))


def load_schedule(path: str | Path, instance: Instance | None = None) -> Schedule:
    """The schedule in a file; a missing file or malformed JSON is a ScheduleError too."""
    data, problems = read_json_file(path)
    if problems:
        raise ScheduleError(problems)
    return parse_schedule(data, instance)


def meeting_order(meeting: Meeting) -> tuple:
    """The order meetings are written in: by start, then session, then table."""
    return (meeting.start, meeting.session, meeting.table, meeting.companies)


def _meeting_dict(meeting: Meeting) -> dict:
    return {
        "companies": list(meeting.companies),
        "session": meeting.session,
        "start": format_time(meeting.start),
        "end": format_time(meeting.end),
        "table": meeting.table,
        "interpreter": meeting.interpreter,
    }


def schedule_to_dict(schedule: Schedule) -> dict:
    """The `b2b-schedule/1` document: meetings by start, session and table, then misses and stats."""
    document: dict = {
        "format": FORMAT,
        "meetings": [_meeting_dict(meeting) for meeting in sorted(schedule.meetings, key=meeting_order)],
    }
    if schedule.unscheduled:
        document["unscheduled"] = [
            {"companies": list(item.companies), "reason": item.reason, "detail": item.detail}
            for item in schedule.unscheduled
        ]
    if schedule.stats:
        document["stats"] = dict(schedule.stats)
    return document


def dump_schedule(schedule: Schedule, path: str | Path) -> None:
    write_json_file(schedule_to_dict(schedule), path)
