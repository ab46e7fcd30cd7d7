"""Rows of one event, found by id; a row of another event is as absent as a missing one."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy.orm import Session

from matcher.domain.instance import Instance
from models import Event
from schedules.errors import NotFound
from schedules.event_store import event_to_instance, load_event

Row = TypeVar("Row")


def find_event(db: Session, event_id: int) -> Event:
    event = db.get(Event, event_id)
    if event is None:
        raise NotFound(f"no event {event_id}")
    return event


def find_row(db: Session, model: type[Row], event_id: int, row_id: int) -> Row:
    """The row of `model` with this id, if it belongs to the event."""
    row = db.get(model, row_id)
    if row is None or row.event_id != event_id:
        raise NotFound(f"no {model.__name__} {row_id} in event {event_id}")
    return row


def current_instance(db: Session, event_id: int) -> Instance:
    """The event as the matcher sees it now (withdrawn companies left out), including this transaction's unsaved
    changes."""
    db.flush()
    db.expire_all()
    return event_to_instance(load_event(db, event_id), withdrawn=False)
