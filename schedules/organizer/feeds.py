"""Calendar feed addresses of a company, as the organizer manages them (the company can do the same)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from models import Company, FeedToken
from schedules.company import feeds
from schedules.lookup import find_row


def company_feeds(db: Session, event_id: int, company_id: int) -> dict[int | None, FeedToken]:
    """The live addresses: key None for the whole company, a contact's id for that person."""
    return feeds.feed_tokens(db, find_row(db, Company, event_id, company_id).id)


def change_feed(db: Session, event_id: int, company_id: int, contact_id: int | None, renew: bool) -> None:
    """Make a new address (the old one stops) or stop it; a contact of another company is `NotFound`."""
    company = find_row(db, Company, event_id, company_id)
    (feeds.renew_feed if renew else feeds.revoke_feed)(db, company.id, contact_id)
