"""The database itself: its schema's revisions, backups and restores."""

from __future__ import annotations

from pathlib import Path

import click

from cli import PATH, command
from config import Settings


@command("migrate", "bring the database to the latest revision")
def migrate() -> int:
    from schedules import commands

    with commands.database(Settings.from_env()):
        print("database is at the latest revision")
    return 0


@command("backup", "write an event, its schedule and accounts to a folder")
@click.argument("event_id", type=int)
@click.option("-o", "--output", type=PATH, required=True)
def backup(event_id: int, output: Path) -> int:
    from schedules.backup_cli import backup_command

    return backup_command(Settings.from_env(), event_id, output)


@command("restore", "bring a backup folder back as a new event; prints its id last")
@click.argument("folder", type=PATH)
def restore(folder: Path) -> int:
    from schedules.backup_cli import restore_command

    return restore_command(Settings.from_env(), folder)


@command("new-migration", "write the next schema revision from the models' changes (review it, then commit)")
@click.argument("message")
def new_migration(message: str) -> int:
    from models.db import make_engine, new_revision

    engine = make_engine(Settings.from_env().database_url)
    try:
        path = new_revision(engine, message)
    finally:
        engine.dispose()
    print(f"wrote {path}")
    return 0
