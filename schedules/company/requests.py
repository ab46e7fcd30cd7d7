"""Meeting requests a company sends (with a priority: must, want, nice), withdraws, receives and answers.

Where the event needs answers a request waits (pending) until the receiver accepts or declines it; elsewhere it
is accepted at once and the receiver may still decline it. After the event's request deadline nothing is sent,
withdrawn or answered. A withdrawal is the requester's "no" to the pair (`DeclinedPair`), so the pair is not
scheduled as a suggestion either; asking again lifts it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session, selectinload

from models import ACTIVE, CANCELLED, DeclinedPair, Event, Meeting, MeetingRequest, RequestAnswer
from models.base import utcnow
from schedules.company.guard import guarded_change
from schedules.company.partners import partner
from schedules.company.registration import registration_open
from schedules.errors import Conflict, NotFound, Problem, Refused
from schedules.labels import zone_abbreviation
from schedules.timegrid import to_local
from schedules.transaction import saving

PRIORITIES = {3: "must", 2: "want", 1: "nice"}
WITHDRAWN = "withdrawn"


def past_deadline(event: Event, now: datetime | None = None) -> bool:
    """Whether the event's request deadline has passed."""
    return event.requests_close_at is not None and (now or utcnow()) >= event.requests_close_at


def requests_open(event: Event, now: datetime | None = None) -> bool:
    """Whether requests may be sent, withdrawn and answered: registration open and the deadline not passed."""
    return registration_open(event) and not past_deadline(event, now)


def deadline_text(event: Event) -> str:
    """The deadline in the event's zone, e.g. `2019-10-20 18:00 KST` (the same in every language)."""
    local = to_local(event.requests_close_at, event.timezone)
    return f"{local:%Y-%m-%d %H:%M} {zone_abbreviation(local, event.timezone)}"


def _check_open(event: Event, field: str) -> None:
    if not registration_open(event):
        raise Refused(Problem("requests_closed", field))
    if past_deadline(event):
        raise Refused(Problem("requests_deadline", field, {"when": deadline_text(event)}))


def cancel_draft_meeting(db: Session, event: Event, company_id: int, partner_id: int) -> None:
    """Before publication, take the pair's draft meeting out of the schedule (a company said no to it)."""
    if event.published:
        return
    a, b = sorted((company_id, partner_id))
    for row in db.scalars(
        select(Meeting).where(
            Meeting.event_id == event.id,
            Meeting.company_a_id == a,
            Meeting.company_b_id == b,
            Meeting.status == ACTIVE,
        )
    ):
        row.status, row.locked = CANCELLED, False
        row.sequence += 1


def send_request(db: Session, company_id: int, partner_id: int, priority: int) -> MeetingRequest:
    """Ask to meet a partner, or change the priority of the request already sent.

    Raises NotFound for a company it may not meet, Refused once the schedule is published.
    """
    if priority not in PRIORITIES:
        raise Refused(Problem("bad_priority", "priority"))
    try:
        with saving(db):
            found = partner(db, company_id, partner_id)
            event = found.company.event
            _check_open(event, "priority")
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
                    answer=RequestAnswer.PENDING if event.requests_need_answer else RequestAnswer.ACCEPTED,
                )
                db.add(request)
            request.priority = priority
            _lift_own_noes(db, company_id, partner_id, found.received)
    except Conflict:  # the same request sent twice at once: the other one is stored, so change it
        return send_request(db, company_id, partner_id, priority)
    return request


def own_request(db: Session, company_id: int, request_id: int) -> MeetingRequest:
    """A request the company sent; anyone else's, or none, raises NotFound."""
    return _request(db, request_id, MeetingRequest.from_company_id == company_id)


def received_request(db: Session, company_id: int, request_id: int) -> MeetingRequest:
    """A request sent to the company; anyone else's, or none, raises NotFound."""
    return _request(db, request_id, MeetingRequest.to_company_id == company_id)


def _request(db: Session, request_id: int, mine) -> MeetingRequest:
    request = db.scalar(select(MeetingRequest).where(MeetingRequest.id == request_id, mine))
    if request is None:
        raise NotFound(request_id)
    return request


def _lift_own_noes(db: Session, company_id: int, partner_id: int, received: MeetingRequest | None) -> None:
    """Asking to meet a partner takes back the company's own earlier "no" to it."""
    db.execute(
        delete(DeclinedPair).where(
            DeclinedPair.company_id == company_id, DeclinedPair.partner_id == partner_id
        )
    )
    if received is not None and received.answer == RequestAnswer.DECLINED:
        received.answer, received.answered_at = RequestAnswer.ACCEPTED, utcnow()


def withdraw_request(db: Session, company_id: int, request_id: int) -> None:
    """Take back a request: the pair is then never scheduled (its draft meeting is cancelled); after publication
    (where requests continue) refused if a published meeting of the pair needs it (`Refused`, see
    `schedules.company.guard`)."""
    request = own_request(db, company_id, request_id)
    _check_open(request.event, "request")

    def withdraw(_company) -> None:
        found = own_request(db, company_id, request_id)
        say_no(db, found.event, company_id, found.to_company_id, WITHDRAWN)
        db.delete(found)

    guarded_change(db, company_id, withdraw)


def say_no(db: Session, event: Event, company_id: int, partner_id: int, kind: str) -> None:
    """Record the company's "no" to meeting the partner, and cancel their draft meeting."""
    held = db.scalar(
        select(DeclinedPair).where(
            DeclinedPair.company_id == company_id, DeclinedPair.partner_id == partner_id
        )
    )
    if held is None:
        db.add(DeclinedPair(event_id=event.id, company_id=company_id, partner_id=partner_id, kind=kind))
    cancel_draft_meeting(db, event, company_id, partner_id)


def answer_request(db: Session, company_id: int, request_id: int, accept: bool) -> MeetingRequest:
    """Accept or decline a request the company received (it may change its answer until requests close).

    A declined pair is never scheduled: before publication its draft meeting is cancelled; after publication
    (where requests continue) declining is refused if a published meeting of the pair needs it.
    """
    request = received_request(db, company_id, request_id)
    _check_open(request.event, "answer")

    def answer(_company) -> MeetingRequest:
        found = received_request(db, company_id, request_id)
        found.answer = RequestAnswer.ACCEPTED if accept else RequestAnswer.DECLINED
        found.answered_at = utcnow()
        if not accept:
            cancel_draft_meeting(db, found.event, company_id, found.from_company_id)
        return found

    return guarded_change(db, company_id, answer)


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


def pair_requests(
    db: Session, company_id: int
) -> dict[int, tuple[MeetingRequest | None, MeetingRequest | None]]:
    """partner id -> (the company's request to it, its request to the company), for every partner either asked."""
    found: dict[int, tuple[MeetingRequest | None, MeetingRequest | None]] = {}
    for r in db.scalars(
        select(MeetingRequest).where(
            or_(MeetingRequest.from_company_id == company_id, MeetingRequest.to_company_id == company_id)
        )
    ):
        other = r.to_company_id if r.from_company_id == company_id else r.from_company_id
        sent, received = found.get(other, (None, None))
        found[other] = (r, received) if r.from_company_id == company_id else (sent, r)
    return found
