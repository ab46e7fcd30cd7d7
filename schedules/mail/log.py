"""An event's mail log for the console: what was sent to whom, what waits, what failed and why."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import MailState, OutgoingMail
from schedules.errors import NotFound
from schedules.lookup import find_event
from schedules.mail.delivery import retry_mail

SHOWN = 500  # the newest rows a page lists


def mail_log(
    db: Session, event_id: int, company_id: int | None = None, state: str = ""
) -> list[OutgoingMail]:
    """The event's mails, newest first, optionally of one company and in one state."""
    find_event(db, event_id)
    query = select(OutgoingMail).where(OutgoingMail.event_id == event_id)
    if company_id is not None:
        query = query.where(OutgoingMail.company_id == company_id)
    if state in tuple(MailState):
        query = query.where(OutgoingMail.state == state)
    return list(
        db.scalars(
            query.options(selectinload(OutgoingMail.company)).order_by(OutgoingMail.id.desc()).limit(SHOWN)
        )
    )


def retry_failed(db: Session, event_id: int, mail_id: int) -> OutgoingMail:
    """Queue a failed mail of the event again (a sent or queued one is left as it is). Commits."""
    mail = db.get(OutgoingMail, mail_id)
    if mail is None or mail.event_id != event_id:
        raise NotFound(f"no mail {mail_id} in event {event_id}")
    retry_mail(db, mail)
    db.commit()
    return mail
