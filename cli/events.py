"""Events and their schedules in and out of the database as b2b-instance/1 and b2b-schedule/1 files."""

from __future__ import annotations

from pathlib import Path

import click

from cli import PATH, command
from config import Settings


@command("import-event", "store a b2b-instance/1 file; prints the new event's id last")
@click.argument("file", type=PATH)
def import_event(file: Path) -> int:
    from schedules import commands

    return commands.import_event(Settings.from_env(), file)


@command("export-event", "write a stored event as b2b-instance/1")
@click.argument("event_id", type=int)
@click.option("-o", "--output", type=PATH, required=True)
def export_event(event_id: int, output: Path) -> int:
    from schedules import commands

    return commands.export_event(Settings.from_env(), event_id, output)


@command("import-schedule", "store a b2b-schedule/1 file as an event's meetings")
@click.argument("event_id", type=int)
@click.argument("file", type=PATH)
@click.option(
    "--wait",
    type=click.FloatRange(min=0),
    default=10.0,
    show_default=True,
    help="seconds to wait while the console or a solve is changing the schedule (then exit 1)",
)
def import_schedule(event_id: int, file: Path, wait: float) -> int:
    from schedules import commands

    return commands.import_schedule(Settings.from_env(), event_id, file, wait)


@command("export-schedule", "write an event's meetings as b2b-schedule/1")
@click.argument("event_id", type=int)
@click.option("-o", "--output", type=PATH, required=True)
def export_schedule(event_id: int, output: Path) -> int:
    from schedules import commands

    return commands.export_schedule(Settings.from_env(), event_id, output)


@command("print-agendas", "write the booklet of every company's agenda (PDF) for the registration desk")
@click.argument("event_id", type=int)
@click.option("-o", "--output", type=PATH, required=True)
def print_agendas(event_id: int, output: Path) -> int:
    from schedules import commands

    return commands.print_agendas(Settings.from_env(), event_id, output)


@command("demo", "load the 2019 demo week unless it is already stored")
def demo() -> int:
    from schedules import commands

    return commands.load_demo(Settings.from_env())


@command("withdraw", "withdraw a company: its meetings are cancelled, its data stays")
@click.argument("event_id", type=int)
@click.argument("company_id")
def withdraw(event_id: int, company_id: str) -> int:
    """COMPANY_ID is the company's id in the event file, e.g. KR-01."""
    from schedules.organizer.withdrawal_cli import withdraw_command

    return withdraw_command(Settings.from_env(), event_id, company_id)


@command("remind-outcomes", "list the companies owing outcomes of a day's meetings (the mails to send)")
@click.argument("event_id", type=int)
@click.argument("day")
def remind_outcomes(event_id: int, day: str) -> int:
    from schedules.organizer.notices import remind_outcomes_command

    return remind_outcomes_command(Settings.from_env(), event_id, day)
