"""`python run.py backup EVENT_ID -o DIR` and `python run.py restore DIR`."""

from __future__ import annotations

import logging
from pathlib import Path

from config import Settings
from schedules.backup import restore_backup, write_backup
from schedules.commands import database

log = logging.getLogger(__name__)


def backup_command(settings: Settings, event_id: int, folder: Path) -> int:
    with database(settings) as db:
        summary = write_backup(db, event_id, folder)
    print(
        f"backed up event {summary.event_id}: {summary.companies} companies, {summary.meetings} meetings "
        f"({summary.cancelled} cancelled kept), {summary.accounts} accounts, to {folder}"
    )
    return 0


def restore_command(settings: Settings, folder: Path) -> int:
    """Restore as a new event in one transaction; prints the new event's id last."""
    with database(settings) as db:
        summary = restore_backup(db, folder)
    log.info("restored %s as event %s", folder, summary.event_id)
    print(
        f"restored {summary.companies} companies, {summary.meetings} meetings "
        f"({summary.cancelled} cancelled), {summary.accounts} accounts as event"
    )
    print(summary.event_id)
    return 0
