"""A company's own edits may not break its published meetings: the validator is the judge.

Once the schedule is published, a change of the company's half-days, seminars,
meeting limit, languages (its contacts') or requests is checked as the
organizer's edits are (`schedules.organizer.checking`): any rule the published
schedule kept and the change would break refuses it, naming each meeting
concerned (partner, time, table) so the company can ask the organizer instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from sqlalchemy.orm import Session

from matcher.domain.instance import Instance
from matcher.domain.schedule import Meeting
from matcher.domain.validator import Violation
from models import Company
from schedules.errors import NotFound, Problem, Refused
from schedules.lookup import current_instance, find_event
from schedules.organizer.checking import new_violations
from schedules.schedule_store import planned_meetings
from schedules.timegrid import to_utc
from schedules.transaction import saving

T = TypeVar("T")
PUBLISHED = "published"

FIELDS = {
    "company-unavailable": "present",
    "company-in-seminar": "seminars",
    "too-many-meetings": "max_meetings",
    "no-interpreter": "languages",
    "interpreter-languages": "languages",
}
"""The form field a broken rule comes from (others, such as a pair no longer eligible, concern the whole form)."""


class BreaksPublished(Refused):
    """Refused because published meetings need things as they are: the company may ask the organizer instead."""


def guarded_change(db: Session, company_id: int, change: Callable[[Company], T]) -> T:
    """Apply `change(company)` in one transaction; on a published event, refused (nothing saved) if a
    published meeting would break a rule it kept."""
    with saving(db):
        company = db.get(Company, company_id)
        if company is None:
            raise NotFound(f"no company {company_id}")
        event_id = company.event_id
        if find_event(db, event_id).state != PUBLISHED:
            return change(company)
    with saving(db, holding=event_id):
        before = current_instance(db, event_id)
        meetings = planned_meetings(db, find_event(db, event_id))
        result = change(db.get(Company, company_id))
        after = current_instance(db, event_id)
        violations = new_violations(before, meetings, after, meetings)
        if violations:
            raise company_refusal(after, db.get(Company, company_id).key, violations, meetings)
    return result


def company_refusal(
    instance: Instance, company_key: str, violations: Sequence[Violation], meetings: Sequence[Meeting]
) -> Refused:
    """`BreaksPublished` naming, for each broken rule, the company's meeting it concerns: the partner, the time
    (aware UTC, with the event's zone) and the table; a limit below its published meetings names their count."""
    problems: list[Problem] = []
    for violation in violations:
        field = FIELDS.get(violation.code)
        meeting = violation.meeting
        if meeting is None:
            count = sum(1 for m in meetings if company_key in m.companies)
            problems.append(Problem("below_published", field=field, values={"count": count}))
            continue
        partner_key = next((c for c in meeting.companies if c != company_key), meeting.companies[-1])
        partner = instance.company_by_id.get(partner_key)
        session = instance.session_by_id.get(meeting.session)
        problems.append(
            Problem(
                "breaks_meeting",
                field=field,
                values={
                    "partner": partner.name if partner else partner_key,
                    "start": to_utc(meeting.start, instance.event.timezone),
                    "zone": instance.event.timezone,
                    "table": meeting.table,
                    "session": session.title if session else meeting.session,
                    "rule": violation.rule,
                    "code": violation.code,
                },
            )
        )
    return BreaksPublished(problems)
