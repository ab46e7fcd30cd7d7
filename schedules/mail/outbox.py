"""Queue a mail in the caller's transaction; its delivery starts once that transaction commits."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import event
from sqlalchemy.orm import Session

from models import MAIL_LANGUAGES, MailAttachment, OutgoingMail

QUEUED_HERE = "matchweek.mail_queued"
DELIVER = "matchweek.deliver_mail"  # Session.info key: a callable that starts delivery (set by the app)

Attachment = tuple[str, str, bytes]  # file name, content type, content


def queue_mail(
    db: Session,
    *,
    to: str,
    kind: str,
    language: str,
    subject: str,
    text: str,
    html: str | None = None,
    attachments: Iterable[Attachment] = (),
    company_id: int | None = None,
    event_id: int | None = None,
) -> OutgoingMail:
    """Add one message to the outbox, unsent, in `db`'s transaction (the caller commits).

    Saved with the change that causes it, or rolled back with it. After the
    commit, the session's delivery hook (the app's job runner) starts sending.
    """
    if language not in MAIL_LANGUAGES:
        raise ValueError(f"mail language {language!r}: one of {', '.join(MAIL_LANGUAGES)}")
    mail = OutgoingMail(
        recipient=to.strip(),
        kind=kind,
        language=language,
        subject=subject,
        text=text,
        html=html,
        company_id=company_id,
        event_id=event_id,
        attachments=[MailAttachment(filename=n, content_type=t, content=c) for n, t, c in attachments],
    )
    db.add(mail)
    db.info[QUEUED_HERE] = True
    return mail


def queue_to_compose(
    db: Session,
    *,
    composer: str,
    to: str,
    kind: str,
    language: str,
    subject: str,
    company_id: int | None = None,
    event_id: int | None = None,
) -> OutgoingMail:
    """Queue a mail whose body `composer` writes at delivery (see `schedules.mail.composers`), in `db`'s
    transaction: the row is saved with the change, the costly writing happens off the request."""
    mail = queue_mail(
        db,
        to=to,
        kind=kind,
        language=language,
        subject=subject,
        text="",
        company_id=company_id,
        event_id=event_id,
    )
    mail.composer = composer
    return mail


def deliver_after_commit(session_info: dict, deliver: Callable[[], None]) -> None:
    """Have sessions carrying `session_info` start `deliver` after each commit that queued a mail."""
    session_info[DELIVER] = deliver


@event.listens_for(Session, "after_commit")
def _start_delivery(session: Session) -> None:
    if session.info.pop(QUEUED_HERE, False) and (deliver := session.info.get(DELIVER)) is not None:
        deliver()


@event.listens_for(Session, "after_rollback")
def _forget_queued(session: Session) -> None:
    session.info.pop(QUEUED_HERE, None)
