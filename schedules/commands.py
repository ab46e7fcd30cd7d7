"""Command-line operations on the database: import, export, the demo week.

Each returns an exit code and prints what the user needs; problems with
files, settings or the database are reported as one clear message each.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from config import ROOT, Settings
from matcher.domain.schedule import Schedule
from matcher.domain.validator import validate
from matcher.formats.instance_io import InstanceError, dump_instance, load_instance
from matcher.formats.schedule_io import dump_schedule, load_schedule
from models import EventState
from models.db import database
from schedules.booking import WAIT_SECONDS, hold_schedule
from schedules.cleaning import instance_problems
from schedules.codes import instance_code_problems
from schedules.errors import Conflict
from schedules.event_store import event_to_instance, find_event_by_key, load_event, store_instance
from schedules.schedule_store import planned_meetings, save_schedule

DEMO_WEEK = ROOT / "data" / "demo-week.json"
log = logging.getLogger(__name__)


def import_event(settings: Settings, path: Path) -> int:
    instance = load_instance(path)
    problems = instance_problems(instance) + instance_code_problems(instance)
    if problems:
        raise InstanceError(problems)
    with database(settings) as db:
        event = store_instance(db, instance)
        event_id = event.id
    log.info("imported %s as event %s", path, event_id)
    print(f"imported {len(instance.companies)} companies, {len(instance.requests)} requests as event")
    print(event_id)
    return 0


def export_event(settings: Settings, event_id: int, output: Path) -> int:
    with database(settings) as db:
        instance = event_to_instance(load_event(db, event_id))
    dump_instance(instance, output)
    print(f"wrote {output}")
    return 0


def import_schedule(settings: Settings, event_id: int, path: Path, wait: float = WAIT_SECONDS) -> int:
    """Store the file as the event's meetings, holding its schedule as every other writer does: refused (exit 1,
    nothing stored) when someone else (the console, a solve) holds it for more than `wait` seconds."""
    schedule = load_schedule(path)
    with database(settings) as db:
        try:
            hold_schedule(db, event_id, wait=wait)
        except Conflict:
            print(
                f"error: the schedule of event {event_id} is being changed by someone else (the console or a solve);"
                " nothing was stored: try again",
                file=sys.stderr,
            )
            return 1
        event = load_event(db, event_id)
        instance = event_to_instance(event, withdrawn=False)
        violations = validate(instance, schedule)
        if violations:
            for violation in violations:
                print(violation, file=sys.stderr)
            print(f"error: {path} breaks {len(violations)} rule(s); nothing was stored", file=sys.stderr)
            return 1
        changes = save_schedule(db, event, list(schedule.meetings))
    log.info("imported the schedule %s into event %s: %s", path, event_id, changes)
    print(
        f"{changes.added} added, {changes.moved} moved, {changes.cancelled} cancelled, "
        f"{changes.unchanged} unchanged"
    )
    return 0


def export_schedule(settings: Settings, event_id: int, output: Path) -> int:
    with database(settings) as db:
        event = load_event(db, event_id)
        schedule = Schedule(meetings=tuple(planned_meetings(db, event)))
    dump_schedule(schedule, output)
    print(f"wrote {output}")
    return 0


def print_agendas(settings: Settings, event_id: int, output: Path) -> int:
    """The registration desk's booklet (in English; the console prints it in the organizer's language)."""
    from schedules.organizer.exports import schedule_file

    with database(settings) as db:
        booklet = schedule_file(db, event_id, "agendas.pdf")
    output.write_bytes(booklet.content)
    print(f"wrote {output}")
    return 0


def load_demo(settings: Settings, path: Path = DEMO_WEEK) -> int:
    """Load the demo week, open for registration, unless an event with its `event.id` is already stored."""
    instance = load_instance(path)
    with database(settings) as db:
        existing = find_event_by_key(db, instance.event.id) if instance.event.id else None
        if existing is not None:
            print(f'demo week "{instance.event.id}" is already loaded')
            print(existing.id)
            return 0
        event = store_instance(db, instance)
        event.state = EventState.OPEN  # shown on the public home page and open to registration, to be tried
        event_id = event.id
    log.info("loaded the demo week as event %s", event_id)
    print(f"loaded the demo week: {len(instance.companies)} companies")
    print(event_id)
    return 0
