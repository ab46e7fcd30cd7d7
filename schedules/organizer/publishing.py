"""An event's state: draft while it is set up, open for registration and requests, published with its
schedule. Publishing shows every company its agenda, so a schedule breaking a rule cannot be published."""

from __future__ import annotations

import logging
from collections.abc import Callable

from sqlalchemy.orm import Session

from matcher.domain.validator import validate
from models import EVENT_STATES, Event, EventState
from schedules.errors import Problem, Refused
from schedules.lookup import current_instance, find_event
from schedules.organizer.checking import refusal
from schedules.schedule_store import planned_meetings
from schedules.transaction import saving

log = logging.getLogger(__name__)


def set_state(
    db: Session, event_id: int, state: str, announce: Callable[[Session, Event], object] | None = None
) -> Event:
    """Move the event to `state`; publishing is refused, naming the rules, while the schedule breaks any.

    On publishing, `announce(db, event)` runs in the same transaction (it queues the agenda mails).
    """
    if state not in EVENT_STATES:
        raise Refused(Problem("bad_state", field="state"))
    with saving(db, holding=event_id):
        event = find_event(db, event_id)
        if state == EventState.PUBLISHED:
            meetings = planned_meetings(db, event)
            if not meetings:
                raise Refused(Problem("nothing_to_publish"))
            instance = current_instance(db, event_id)
            violations = validate(instance, meetings)
            if violations:
                raise refusal(instance, violations)
        event.state = state
        if state == "published" and announce is not None:
            announce(db, event)
    log.info("event %s is now %s", event_id, state)
    return event
