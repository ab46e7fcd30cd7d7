"""Why a company's requests did not become meetings, as codes a company may read.

The organizer's reasons (`schedules.organizer.unmet`) name companies, slots and rules; a company gets only the
code, which the web turns into a sentence that reveals nothing of the partner's own data (not when it is away,
whom it meets, nor its limit). Requests not accepted get the answer as their reason.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from models import MeetingRequest, RequestAnswer
from schedules.company.profile import company_of
from schedules.company.requests import received_requests, sent_requests
from schedules.organizer.listing import met_pairs
from schedules.organizer.unmet import unmet_reasons

PENDING, DECLINED, PARTNER_WITHDRAWN = "pending", "declined", "partner_withdrawn"


def unmet_requests(db: Session, company_id: int) -> dict[int, str]:
    """request id -> reason code, for each request the company sent (or accepted) that has no meeting in the
    published schedule; empty before publication, when the draft may still change."""
    company = company_of(db, company_id)
    if not company.event.published:
        return {}
    met = met_pairs(db, company.event_id)
    requests = [
        *sent_requests(db, company_id),
        *(r for r in received_requests(db, company_id) if r.answer == RequestAnswer.ACCEPTED),
    ]
    waiting = [r for r in requests if frozenset((r.from_company_id, r.to_company_id)) not in met]
    if not waiting:
        return {}
    reasons = unmet_reasons(db, company.event_id)
    return {r.id: _reason(r, reasons) for r in waiting}


def _reason(request: MeetingRequest, reasons: dict[frozenset[str], tuple[str, str]]) -> str:
    if request.answer == RequestAnswer.PENDING:
        return PENDING
    if request.answer == RequestAnswer.DECLINED:
        return DECLINED
    if request.from_company.withdrawn_at or request.to_company.withdrawn_at:
        return PARTNER_WITHDRAWN
    code, _detail = reasons.get(
        frozenset((request.from_company.key, request.to_company.key)), ("excluded", "")
    )
    return code
