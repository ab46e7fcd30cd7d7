"""Meeting requests a company sends (with a priority: must, want, nice), withdraws, and receives."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from models import MeetingRequest
from schedules.company.guard import guarded_change
from schedules.company.partners import partner
from schedules.company.registration import registration_open
from schedules.errors import Conflict, NotFound, Problem, Refused
from schedules.transaction import saving

PRIORITIES = {3: "must", 2: "want", 1: "nice"}


def send_request(db: Session, company_id: int, partner_id: int, priority: int) -> MeetingRequest:
    """Ask to meet a partner, or change the priority of the request already sent.

    Raises NotFound for a company it may not meet, Refused once the schedule is published.
    """
    if priority not in PRIORITIES:
        raise Refused(Problem("bad_priority", "priority"))
    try:
        with saving(db):
            found = partner(db, company_id, partner_id)
            if not registration_open(found.company.event):
                raise Refused(Problem("requests_closed", "priority"))
            request = found.sent
            if request is None:
                position = db.scalar(
                    select(func.max(MeetingRequest.position)).where(
                        MeetingRequest.event_id == found.company.event_id
                    )
                )
                request = MeetingRequest(
                    event_id=found.company.event_id,
                    from_company_id=company_id,
                    to_company_id=partner_id,
                    priority=priority,
                    position=(position or 0) + 1,
                )
                db.add(request)
            request.priority = priority
    except Conflict:  # the same request sent twice at once: the other one is stored, so change it
        return send_request(db, company_id, partner_id, priority)
    return request


def own_request(db: Session, company_id: int, request_id: int) -> MeetingRequest:
    """A request the company sent; anyone else's, or none, raises NotFound."""
    request = db.scalar(
        select(MeetingRequest).where(
            MeetingRequest.id == request_id, MeetingRequest.from_company_id == company_id
        )
    )
    if request is None:
        raise NotFound(request_id)
    return request


def withdraw_request(db: Session, company_id: int, request_id: int) -> None:
    """Take back a request; after publication (where requests continue) refused if a published meeting of the
    pair needs it (`Refused`, see `schedules.company.guard`)."""
    request = own_request(db, company_id, request_id)
    if not registration_open(request.event):
        raise Refused(Problem("requests_closed", "request"))
    guarded_change(db, company_id, lambda _company: db.delete(own_request(db, company_id, request_id)))


def _listed(db: Session, condition) -> list[MeetingRequest]:
    return list(
        db.scalars(
            select(MeetingRequest)
            .where(condition)
            .options(selectinload(MeetingRequest.from_company), selectinload(MeetingRequest.to_company))
            .order_by(MeetingRequest.priority.desc(), MeetingRequest.id)
        )
    )


def sent_requests(db: Session, company_id: int) -> list[MeetingRequest]:
    return _listed(db, MeetingRequest.from_company_id == company_id)


def received_requests(db: Session, company_id: int) -> list[MeetingRequest]:
    return _listed(db, MeetingRequest.to_company_id == company_id)
