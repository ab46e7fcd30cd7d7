"""What each company's calendars last showed, so that every change moves SEQUENCE, DTSTAMP and Last-Modified."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.base import Base


class CalendarRevision(Base):
    """One event (meeting or seminar) as a company's calendar in one language last showed it.

    `digest` is the SHA-256 of the event without its SEQUENCE and DTSTAMP; when
    what is shown changes, the digest changes and the event gets the next
    `sequence` and a new `stamp` (its DTSTAMP).
    """

    __tablename__ = "calendar_revision"
    __table_args__ = (
        UniqueConstraint("company_id", "language", "uid"),
        CheckConstraint("sequence >= 0", name="sequence"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8))
    uid: Mapped[str] = mapped_column(String(500))
    digest: Mapped[str] = mapped_column(String(64))
    sequence: Mapped[int]
    stamp: Mapped[datetime]


class CalendarState(Base):
    """A whole calendar file (the company's, or one contact's) in one language: its digest and last change,
    served as Last-Modified."""

    __tablename__ = "calendar_state"
    __table_args__ = (UniqueConstraint("company_id", "scope", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    scope: Mapped[str] = mapped_column(String(40))  # "company", or "contact-<id>"
    language: Mapped[str] = mapped_column(String(8))
    digest: Mapped[str] = mapped_column(String(64))
    changed_at: Mapped[datetime]
