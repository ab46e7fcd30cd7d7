"""`python run.py export-calendars INSTANCE.json SCHEDULE.json -o DIR`: calendar files to mail out.

Writes ``DIR/<company id>.ics`` for every company with a meeting or a seminar it
attends, and ``DIR/interpreters/<id>.ics`` for every interpreter, with the same
exporters (and so the same UIDs) as the web's feeds.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

from matcher.domain.instance import Instance
from matcher.domain.schedule import Schedule
from matcher.domain.validator import validate
from matcher.formats.instance_io import InstanceError, load_instance
from matcher.formats.schedule_io import load_schedule
from schedules.exported import ExportedFile
from schedules.ical import calendar_meetings, company_calendar, interpreter_calendar

INTERPRETERS_DIR = "interpreters"


class _Refused(Exception):
    """Input the command will not export; the message lists every problem, one per line."""


def _read(instance_path: Path, schedule_path: Path) -> tuple[Instance, Schedule]:
    try:
        instance = load_instance(instance_path)
    except InstanceError as error:
        raise _Refused("\n".join(f"{instance_path}: {p}" for p in error.problems)) from None
    try:
        schedule = load_schedule(schedule_path, instance)
    except InstanceError as error:
        raise _Refused("\n".join(f"{schedule_path}: {p}" for p in error.problems)) from None
    violations = validate(instance, schedule)
    if violations:
        raise _Refused("\n".join(f"{schedule_path}: {v}" for v in violations))
    return instance, schedule


def calendar_files(
    instance: Instance, schedule: Schedule, stamp: datetime
) -> list[tuple[Path, ExportedFile]]:
    """Each file to write, by its path below the output folder; one DTSTAMP for the whole export."""
    meetings = calendar_meetings(schedule.meetings)
    busy = {c for m in schedule.meetings for c in m.companies}
    files = []
    for company in instance.companies:
        if company.id in busy or company.seminars:
            exported = company_calendar(instance, meetings, company.id, stamp=stamp)
            files.append((Path(exported.filename), exported))
    for interpreter in instance.interpreters:
        exported = interpreter_calendar(instance, meetings, interpreter.id, stamp=stamp)
        files.append((Path(INTERPRETERS_DIR) / exported.filename, exported))
    return files


def export_calendars_command(instance_path: Path, schedule_path: Path, out_dir: Path) -> int:
    """Write the calendars; bad input prints its located problems and exits 2, without a traceback."""
    try:
        instance, schedule = _read(Path(instance_path), Path(schedule_path))
        files = calendar_files(instance, schedule, datetime.now(UTC))
        for relative, exported in files:
            target = Path(out_dir) / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(exported.content)
    except _Refused as refused:
        print(f"error: nothing written\n{refused}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"error: cannot write to {out_dir}: {error.strerror or error}", file=sys.stderr)
        return 2
    companies = sum(1 for relative, _ in files if relative.parent == Path("."))
    print(f"wrote {companies} company and {len(files) - companies} interpreter calendars to {out_dir}")
    return 0
