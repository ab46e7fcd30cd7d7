"""The companies' change requests of an event, as the console lists them; the organizer marks them handled."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import ChangeRequest
from models.base import utcnow
from schedules.lookup import find_event, find_row
from schedules.transaction import saving


def event_change_requests(db: Session, event_id: int) -> list[ChangeRequest]:
    """Open requests first (oldest first: they have waited longest), then handled ones (newest first)."""
    find_event(db, event_id)
    rows = list(
        db.scalars(
            select(ChangeRequest)
            .where(ChangeRequest.event_id == event_id)
            .options(selectinload(ChangeRequest.company))
            .order_by(ChangeRequest.id)
        )
    )
    return [r for r in rows if r.handled_at is None] + sorted(
        (r for r in rows if r.handled_at is not None), key=lambda r: r.id, reverse=True
    )


def mark_handled(db: Session, event_id: int, request_id: int, handled: bool = True) -> ChangeRequest:
    """Mark the request handled (or open again). Raises NotFound for another event's request."""
    with saving(db):
        request = find_row(db, ChangeRequest, event_id, request_id)
        request.handled_at = utcnow() if handled else None
    return request
