"""Late registrations and requests: on a published event that lets them continue, they wait for the next repair."""

from __future__ import annotations

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from models import ACTIVE, Company, Meeting, MeetingRequest


def waiting_requests(db: Session, company_id: int) -> set[int]:
    """Ids of the company's sent requests that have no meeting yet on a published event taking late requests:
    they wait for the organizer's update of the schedule (empty on any other event)."""
    company = db.get(Company, company_id)
    if company is None or not company.event.published or not company.event.late_changes:
        return set()
    met = (
        select(Meeting.id)
        .where(
            Meeting.status == ACTIVE,
            or_(
                and_(
                    Meeting.company_a_id == MeetingRequest.from_company_id,
                    Meeting.company_b_id == MeetingRequest.to_company_id,
                ),
                and_(
                    Meeting.company_b_id == MeetingRequest.from_company_id,
                    Meeting.company_a_id == MeetingRequest.to_company_id,
                ),
            ),
        )
        .exists()
    )
    return set(
        db.scalars(select(MeetingRequest.id).where(MeetingRequest.from_company_id == company_id, ~met))
    )
