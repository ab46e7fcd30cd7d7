"""The capacity planner for an event as it stands: how many requests any schedule could meet, and what one
more table or interpreter would add (see :mod:`matcher.capacity`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from matcher.capacity import CapacityReport, plan_capacity
from models import ConsultationSession
from schedules.lookup import current_instance, find_event


@dataclass(frozen=True)
class EventCapacity:
    report: CapacityReport
    sessions: dict[str, ConsultationSession]  # by the session's id in the report, for its day and times


def event_capacity(db: Session, event_id: int) -> EventCapacity:
    report = plan_capacity(current_instance(db, event_id))
    return EventCapacity(report, {s.key: s for s in find_event(db, event_id).sessions})
