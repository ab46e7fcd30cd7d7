"""Mails waiting to leave, sent, or given up on: each message is a row before it is sent.

A row is written in the same transaction as the change that causes it, so a
change is never saved without its mail, nor a mail queued for a change that
was rolled back. Delivery (`schedules.mail.delivery`) claims queued rows,
sends them and marks them sent, or retries later, up to a limit, then failed.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

if TYPE_CHECKING:
    from models.company import Company
    from models.event import Event


class MailState(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


MAIL_LANGUAGES = ("ko", "en")


class OutgoingMail(Base):
    """One message to one recipient: what it says, and where its delivery stands."""

    __tablename__ = "outgoing_mail"
    __table_args__ = (
        CheckConstraint("state IN ('queued', 'sent', 'failed')", name="state"),
        CheckConstraint("attempts >= 0", name="attempts"),
        Index("ix_outgoing_mail_due", "state", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int | None] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id", ondelete="SET NULL"), index=True)
    recipient: Mapped[str] = mapped_column(String(320))
    kind: Mapped[str] = mapped_column(String(40))  # "invitation", "password-reset", "agenda", ...
    language: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    html: Mapped[str | None] = mapped_column(Text)
    # Set while the body is still to be written, at delivery, by that composer (a long agenda is composed off
    # the request that queued it); None once written.
    composer: Mapped[str | None] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(10), default=MailState.QUEUED)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]

    event: Mapped[Event | None] = relationship()
    company: Mapped[Company | None] = relationship()
    attachments: Mapped[list[MailAttachment]] = relationship(
        back_populates="mail", cascade="all, delete-orphan", order_by="MailAttachment.id"
    )


class MailAttachment(Base):
    """A file sent with a mail, e.g. the company's `.ics` calendar."""

    __tablename__ = "mail_attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    mail_id: Mapped[int] = mapped_column(ForeignKey("outgoing_mail.id", ondelete="CASCADE"), index=True)
    filename: Mapped[str] = mapped_column(String(300))
    content_type: Mapped[str] = mapped_column(String(200))
    content: Mapped[bytes] = mapped_column(LargeBinary)

    mail: Mapped[OutgoingMail] = relationship(back_populates="attachments")
