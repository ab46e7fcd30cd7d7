"""A company asks the organizer for a change it may not make itself (one that would break a published meeting).

The request keeps the company's words and the refused edit (field -> the value it
wanted, as text), so the organizer sees both in the console.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ChangeRequest, Company
from schedules.errors import NotFound, Problem, Refused
from schedules.organizer.withdrawal_notices import notify_organizer_of_change_request
from schedules.transaction import saving

MESSAGE_LIMIT = 4000
VALUE_LIMIT = 2000
FIELDS = ("present", "seminars", "max_meetings", "languages", "contact", "request", "sectors", "interests")
"""What a refused edit may name: the profile's fields, a contact person, a request taken back."""


def send_change_request(
    db: Session, company_id: int, message: str, change: dict | None = None
) -> ChangeRequest:
    """Store the company's request for the organizer (and note whom to tell). Refused without any text or
    change, or with a change naming anything but the fields above."""
    change = change or {}
    message = message.strip()
    if not message and not change:
        raise Refused(Problem("change_request_empty", field="message"))
    if len(message) > MESSAGE_LIMIT:
        raise Refused(Problem("change_request_long", field="message", values={"limit": MESSAGE_LIMIT}))
    if not isinstance(change, dict) or any(
        key not in FIELDS or not isinstance(value, str) or len(value) > VALUE_LIMIT
        for key, value in change.items()
    ):
        raise Refused(Problem("change_request_bad", field="message"))
    with saving(db):
        company = db.get(Company, company_id)
        if company is None:
            raise NotFound(f"no company {company_id}")
        request = ChangeRequest(
            event_id=company.event_id, company_id=company.id, message=message, change=change
        )
        db.add(request)
        db.flush()
        notify_organizer_of_change_request(db, request)
    return request


def own_change_requests(db: Session, company_id: int) -> list[ChangeRequest]:
    """The company's change requests, newest first."""
    return list(
        db.scalars(
            select(ChangeRequest)
            .where(ChangeRequest.company_id == company_id)
            .order_by(ChangeRequest.id.desc())
        )
    )
