"""Invitations: each contact person of a company gets an account and a one-time link to choose a password.

A company's invitation status, as the console shows it: not invited, invited
(mail queued or sent), active (someone of the company has a password), or
mail failed (its latest invitation could not be delivered).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from accounts.service import find_account, new_link_token, new_session_key, normalise_email
from models import COMPANY, NO_PASSWORD, Account, Company, MailState, OutgoingMail
from schedules.lookup import find_event, find_row
from schedules.mail.account_mails import INVITATION, queue_invitation_mail

INVITATION_VALID_FOR = timedelta(days=14)


class InvitationStatus(StrEnum):
    NOT_INVITED = "not-invited"
    INVITED = "invited"
    ACTIVE = "active"
    MAIL_FAILED = "mail-failed"


@dataclass(frozen=True)
class Invited:
    companies: int = 0
    mails: int = 0


def invite_company(db: Session, company: Company, base: str) -> int:
    """Queue an invitation for each contact with an e-mail who has no password yet (not committed).

    A contact whose address already signs in for another company, or as an organizer, is skipped.
    Returns the number of mails queued.
    """
    queued = 0
    seen: set[str] = set()
    for contact in company.contacts:
        email = normalise_email(contact.email or "")
        if "@" not in email or email in seen:
            continue
        seen.add(email)
        account = find_account(db, email)
        if account is None:
            account = Account(
                email=email,
                password_hash=NO_PASSWORD,
                role=COMPANY,
                company_id=company.id,
                language=company.language,
                session_key=new_session_key(),
            )
            db.add(account)
            db.flush()
        elif account.company_id != company.id or account.password_hash != NO_PASSWORD:
            continue
        token = new_link_token(db, account, INVITATION_VALID_FOR)
        queue_invitation_mail(db, account, company, contact.name, token, base, INVITATION_VALID_FOR)
        queued += 1
    return queued


def invite_uninvited(db: Session, event_id: int, base: str) -> Invited:
    """Invite every company of the event still not invited (not committed)."""
    statuses = invitation_statuses(db, event_id)
    companies = db.scalars(
        select(Company)
        .where(Company.event_id == event_id)
        .options(selectinload(Company.contacts))
        .order_by(Company.position, Company.id)
    )
    invited = Invited()
    for company in companies:
        if statuses.get(company.id, InvitationStatus.NOT_INVITED) == InvitationStatus.NOT_INVITED:
            mails = invite_company(db, company, base)
            invited = Invited(invited.companies + (mails > 0), invited.mails + mails)
    return invited


def resend_invitation(db: Session, event_id: int, company_id: int, base: str) -> int:
    """Invite the company's contacts again (new links; older ones keep working until they expire). Commits."""
    company = find_row(db, Company, event_id, company_id)
    queued = invite_company(db, company, base)
    db.commit()
    return queued


def invite_everyone(db: Session, event_id: int, base: str) -> Invited:
    find_event(db, event_id)
    invited = invite_uninvited(db, event_id, base)
    db.commit()
    return invited


def invitation_statuses(db: Session, event_id: int) -> dict[int, InvitationStatus]:
    """Each company's invitation status (companies missing from the answer are not invited)."""
    statuses: dict[int, InvitationStatus] = {}
    latest = db.execute(
        select(OutgoingMail.company_id, OutgoingMail.state)
        .where(
            OutgoingMail.event_id == event_id,
            OutgoingMail.kind == INVITATION,
            OutgoingMail.company_id.is_not(None),
        )
        .order_by(OutgoingMail.id)
    )
    for company_id, state in latest:
        statuses[company_id] = (
            InvitationStatus.MAIL_FAILED if state == MailState.FAILED else InvitationStatus.INVITED
        )
    active = db.scalars(
        select(Account.company_id)
        .join(Company, Account.company_id == Company.id)
        .where(Company.event_id == event_id, Account.password_hash != NO_PASSWORD)
    )
    for company_id in active:
        statuses[company_id] = InvitationStatus.ACTIVE
    return statuses
