"""Calendar feed addresses: an unguessable token per company and per contact person, revocable and renewable."""

from __future__ import annotations

import secrets
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import FeedToken
from models.base import utcnow
from schedules.company.agenda import Calendar, company_calendar_file
from schedules.company.contacts import contact_of
from schedules.company.profile import company_of
from schedules.errors import NotFound, Problem, Refused
from schedules.ical import REMINDERS
from schedules.labels import Labels
from schedules.transaction import saving


def _live(db: Session, company_id: int, contact_id: int | None) -> FeedToken | None:
    return db.scalar(
        select(FeedToken).where(
            FeedToken.company_id == company_id,
            FeedToken.contact_id.is_(None) if contact_id is None else FeedToken.contact_id == contact_id,
            FeedToken.revoked_at.is_(None),
        )
    )


def feed_tokens(db: Session, company_id: int) -> dict[int | None, FeedToken]:
    """The live tokens of the company (key None) and of its contact persons (key: contact id)."""
    rows = db.scalars(
        select(FeedToken).where(FeedToken.company_id == company_id, FeedToken.revoked_at.is_(None))
    )
    return {row.contact_id: row for row in rows}


def renew_feed(db: Session, company_id: int, contact_id: int | None = None) -> FeedToken:
    """A new address; the old one stops working. For a contact, it must be the company's own."""
    with saving(db):
        revoke_feed_row(db, company_id, contact_id)
        token = FeedToken(token=secrets.token_urlsafe(24), company_id=company_id, contact_id=contact_id)
        db.add(token)
    return token


def revoke_feed(db: Session, company_id: int, contact_id: int | None = None) -> None:
    with saving(db):
        revoke_feed_row(db, company_id, contact_id)


def revoke_feed_row(db: Session, company_id: int, contact_id: int | None) -> None:
    """Stop the live address (in the caller's transaction); for a contact, it must be the company's own."""
    if contact_id is not None:
        contact_of(db, company_id, contact_id)
    old = _live(db, company_id, contact_id)
    if old is not None:
        old.revoked_at = utcnow()


def _live_token(db: Session, token: str) -> FeedToken:
    row = db.scalar(select(FeedToken).where(FeedToken.token == token, FeedToken.revoked_at.is_(None)))
    if row is None:
        raise NotFound("feed")
    return row


def feed_language(db: Session, token: str, languages: Collection[str]) -> str:
    """The language its owner chose at registration (the one its mails speak): calendar apps send no
    Accept-Language worth following. NotFound for a dead token."""
    company = _live_token(db, token).company
    return company.language if company.language in languages else "en"


def set_reminder(db: Session, company_id: int, minutes: int | None) -> None:
    """How long before each meeting the company's calendars remind it (None: no reminder)."""
    if minutes not in REMINDERS:
        raise Refused(Problem("reminder_choice", field="reminder"))
    with saving(db):
        company_of(db, company_id).reminder_minutes = minutes


def feed_calendar(db: Session, token: str, labels: Labels) -> Calendar:
    """The calendar behind a live token. Raises NotFound for an unknown or revoked one, telling nothing more."""
    row = _live_token(db, token)
    return company_calendar_file(db, row.company_id, labels, row.contact)
