"""Commands on files alone, no database needed: solve, validate, capacity, export-calendars."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from cli import PATH, command
from config import Settings


@command("solve", "schedule an instance file (no database needed)")
@click.argument("instance", type=PATH)
@click.option("-o", "--output", type=PATH, required=True)
@click.option(
    "--time-limit",
    type=float,
    default=Settings.solve_time_limit,
    show_default=False,
    help=f"seconds (default {Settings.solve_time_limit:g})",
)
@click.option("--seed", type=int, default=Settings.solve_seed)
@click.option("--workers", type=int, default=Settings.solve_workers)
@click.option("--lock", type=PATH, help="a b2b-schedule/1 file whose meetings stay as they are")
@click.option(
    "--repair",
    type=PATH,
    metavar="PUBLISHED",
    help="a published b2b-schedule/1: keep its meetings still valid exactly, drop the others, never schedule "
    "its cancelled pairs; stats add kept, moved, dropped, added",
)
def solve(
    instance: Path,
    output: Path,
    time_limit: float,
    seed: int,
    workers: int,
    lock: Path | None,
    repair: Path | None,
) -> int:
    if repair is not None:
        from matcher.cli import repair_command

        if lock is not None:
            print(
                "error: --lock and --repair do not go together (a repair keeps what is still valid)",
                file=sys.stderr,
            )
            return 2
        return repair_command(instance, repair, output, time_limit, seed, workers)
    from matcher.cli import solve_command

    return solve_command(instance, output, time_limit, seed, workers, lock)


@command("validate", "check a schedule against an instance's hard rules")
@click.argument("instance", type=PATH)
@click.argument("schedule", type=PATH)
def validate(instance: Path, schedule: Path) -> int:
    from matcher.cli import validate_command

    return validate_command(instance, schedule)


@command("capacity", "bounds on the requests an instance can meet, +1 table gains")
@click.argument("instance", type=PATH)
@click.option("--json", "as_json", is_flag=True, help="print the report as JSON")
def capacity(instance: Path, as_json: bool) -> int:
    from matcher.cli import capacity_command

    return capacity_command(instance, as_json)


@command("export-calendars", "write .ics files per company and interpreter")
@click.argument("instance", type=PATH)
@click.argument("schedule", type=PATH)
@click.option("-o", "--output", type=PATH, required=True)
def export_calendars(instance: Path, schedule: Path, output: Path) -> int:
    from schedules.calendar_cli import export_calendars_command

    return export_calendars_command(instance, schedule, output)
