"""Who must be told of a withdrawal or a change request (after publication).

INTEGRATOR: these functions decide the recipients but send nothing yet. Wire each to the mail queue
(`schedules.mail.queue_mail(db, ...)`, from the mail branch) in the same transaction as the change.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ORGANIZER, Account, ChangeRequest, Company, Event, Meeting


def partners_of(company: Company, meetings: Sequence[Meeting]) -> list[Company]:
    """The other side of each meeting, each company once, in name order."""
    partners = {
        m.company_b.id if m.company_a_id == company.id else m.company_a.id: m.company_b
        if m.company_a_id == company.id
        else m.company_a
        for m in meetings
    }
    return sorted(partners.values(), key=lambda c: (c.name, c.id))


def notify_partners_of_withdrawal(
    db: Session, event: Event, company: Company, cancelled_meetings: Sequence[Meeting]
) -> list[Company]:
    """The partners whose meetings with the withdrawn `company` were cancelled: each is to get one mail
    listing them. Returns those companies; records nothing yet (see the module's note)."""
    return partners_of(company, cancelled_meetings)


def notify_organizer_of_change_request(db: Session, change_request: ChangeRequest) -> list[Account]:
    """The organizer accounts to tell of a company's new change request. Records nothing yet (see above)."""
    return list(db.scalars(select(Account).where(Account.role == ORGANIZER).order_by(Account.id)))
