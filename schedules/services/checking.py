"""The validator as the judge of every change: an edit may not break a rule that held before it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy.orm import Session

from matcher.instance import Instance
from matcher.schedule import Meeting
from matcher.validator import Violation, validate
from schedules.schedule_store import planned_meetings
from schedules.services.errors import Problem, Refused
from schedules.services.lookup import current_instance, find_event
from schedules.services.transaction import saving

T = TypeVar("T")


def new_violations(
    before: Instance, meetings_before: Sequence[Meeting], after: Instance, meetings_after: Sequence[Meeting]
) -> list[Violation]:
    """Violations after the change that were not there before it (problems made elsewhere are not the edit's)."""
    known = set(validate(before, list(meetings_before)))
    return [violation for violation in validate(after, list(meetings_after)) if violation not in known]


def refusal(violations: Sequence[Violation]) -> Refused:
    return Refused([
        Problem("rule", values={"rule": v.rule, "code": v.code, "message": v.message}) for v in violations
    ])


def require_no_new_violations(
    before: Instance, meetings_before: Sequence[Meeting], after: Instance, meetings_after: Sequence[Meeting]
) -> None:
    """Raise `Refused` naming every rule the change would break."""
    violations = new_violations(before, meetings_before, after, meetings_after)
    if violations:
        raise refusal(violations)


def checked_change(db: Session, event_id: int, change: Callable[[], T]) -> T:
    """Apply `change` in one transaction, refused if the event's schedule would break a rule it kept."""
    with saving(db, holding=event_id):
        before = current_instance(db, event_id)
        meetings_before = planned_meetings(db, find_event(db, event_id))
        result = change()
        after = current_instance(db, event_id)
        meetings_after = planned_meetings(db, find_event(db, event_id))
        require_no_new_violations(before, meetings_before, after, meetings_after)
    return result
