"""A company withdraws (or the organizer withdraws it) and may be restored.

Its meetings are cancelled in place (same rows, so calendars show them cancelled
under the same UID with a higher SEQUENCE), its requests leave solving with it,
and its data stays. Restoring brings the company and its requests back, not
the cancelled meetings: the next repair may give it new ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from models import ACTIVE, CANCELLED, Company, Meeting
from models.base import utcnow
from schedules.errors import NotFound, Problem, Refused
from schedules.lookup import find_event, find_row
from schedules.organizer.checking import checked_change
from schedules.organizer.withdrawal_notices import notify_partners_of_withdrawal


@dataclass(frozen=True)
class Withdrawal:
    company: Company
    cancelled: list[Meeting]
    told: list[Company]  # the partners to tell of their cancelled meetings


def meetings_of(db: Session, company: Company) -> list[Meeting]:
    """The company's active meetings, in time order: what withdrawing it cancels."""
    return list(
        db.scalars(
            select(Meeting)
            .where(
                Meeting.event_id == company.event_id,
                Meeting.status == ACTIVE,
                or_(Meeting.company_a_id == company.id, Meeting.company_b_id == company.id),
            )
            .order_by(Meeting.start_at, Meeting.table_number)
        )
    )


def withdraw_company(db: Session, event_id: int, company_id: int) -> Withdrawal:
    """Withdraw the company: cancel its meetings, keep its rows. Refused if it is withdrawn already."""

    def change() -> Withdrawal:
        company = find_row(db, Company, event_id, company_id)
        if company.withdrawn_at is not None:
            raise Refused(Problem("already_withdrawn"))
        cancelled = meetings_of(db, company)
        for meeting in cancelled:
            meeting.status = CANCELLED
            meeting.sequence += 1
        company.withdrawn_at = utcnow()
        told = notify_partners_of_withdrawal(db, find_event(db, event_id), company, cancelled)
        return Withdrawal(company, cancelled, told)

    return checked_change(db, event_id, change)


def restore_company(db: Session, event_id: int, company_id: int) -> Company:
    """Bring a withdrawn company back (its cancelled meetings stay cancelled). Refused if it is not withdrawn."""

    def change() -> Company:
        company = find_row(db, Company, event_id, company_id)
        if company.withdrawn_at is None:
            raise Refused(Problem("not_withdrawn"))
        company.withdrawn_at = None
        return company

    return checked_change(db, event_id, change)


def company_by_key(db: Session, event_id: int, key: str) -> Company:
    """The event's company with this id of the event file (`KR-01`)."""
    find_event(db, event_id)
    company = db.scalar(select(Company).where(Company.event_id == event_id, Company.key == key))
    if company is None:
        raise NotFound(f"no company {key} in event {event_id}")
    return company
