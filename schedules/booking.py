"""Holding an event's schedule for one transaction, so a rule checked on it still holds when the change is saved.

The database's unique indexes already stop two meetings at one table in one
slot, and a pair meeting twice. A company (or an interpreter) in two
overlapping meetings in different sessions is a rule across rows that no index
sees: two hand edits checked at the same moment would each pass the validator
and both be saved. So every write to an event's meetings takes this hold
first, and the writes of one event follow one another:

- PostgreSQL: `SELECT ... FOR UPDATE` on the event's row; later statements
  of the transaction (READ COMMITTED) see what the previous holder saved.
- SQLite: `BEGIN IMMEDIATE`, the database's write lock, taken before the
  transaction reads anything (Python's sqlite3 would begin only at the first
  write, after the reads the check relied on).

The hold ends with the transaction (commit or rollback).
"""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from models import Event
from schedules.errors import Conflict

WAIT_SECONDS = 10


def hold_schedule(db: Session, event_id: int, wait: float | None = None) -> None:
    """Take the event's schedule for this transaction; call it before reading what the change is checked on.

    Waits for another holder (`wait` seconds, 0 not at all; by default PostgreSQL: WAIT_SECONDS, SQLite: its
    busy timeout), then raises `Conflict` (a 409: try again).
    """
    connection = db.connection()
    try:
        if connection.dialect.name == "sqlite":
            if not connection.connection.dbapi_connection.in_transaction:
                _begin_immediate(connection, wait)
            return
        if wait is not None and wait <= 0:
            db.execute(select(Event.id).where(Event.id == event_id).with_for_update(nowait=True))
            return
        db.execute(
            text(f"SET LOCAL lock_timeout = '{int((WAIT_SECONDS if wait is None else wait) * 1000)}ms'")
        )
        db.execute(select(Event.id).where(Event.id == event_id).with_for_update())
    except OperationalError:
        db.rollback()
        raise Conflict("the schedule is being changed by someone else; try again") from None


def _begin_immediate(connection, wait: float | None) -> None:
    """SQLite's write lock, waiting `wait` seconds for another holder (the connection's own timeout if None)."""
    if wait is None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        return
    usual = connection.exec_driver_sql("PRAGMA busy_timeout").scalar()
    connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(wait * 1000)}")
    try:
        connection.exec_driver_sql("BEGIN IMMEDIATE")
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout = {int(usual)}")
