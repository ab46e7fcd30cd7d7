"""On the day and after it: companies checked in at the desk, meetings a partner missed, and outcomes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

if TYPE_CHECKING:
    from models.company import Company
    from models.meeting import Meeting

HELD = "held"
NO_SHOW = "no-show"
ATTENDANCE_STATES = (HELD, NO_SHOW)
OUTCOME_KINDS = ("not-pursued", "follow-up", "nda", "mou", "contract")


class CheckIn(Base):
    """A company marked arrived at the desk for one day of the event (local date)."""

    __tablename__ = "check_in"
    __table_args__ = (UniqueConstraint("company_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    day: Mapped[date]
    at: Mapped[datetime] = mapped_column(default=utcnow)

    company: Mapped[Company] = relationship()


class Attendance(Base):
    """Whether a meeting was held, or a side did not come (`absent_company_id`), and who said so."""

    __tablename__ = "attendance"
    __table_args__ = (
        CheckConstraint("status IN ('held', 'no-show')", name="status"),
        CheckConstraint("(status = 'no-show') = (absent_company_id IS NOT NULL)", name="absent_side"),
    )

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True)
    status: Mapped[str] = mapped_column(String(20))
    absent_company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"))
    reported_by: Mapped[str] = mapped_column(String(20))  # "desk", or "company"
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    meeting: Mapped[Meeting] = relationship()
    absent_company: Mapped[Company | None] = relationship()


class Outcome(Base):
    """What one side says came of a meeting; the partner never sees it."""

    __tablename__ = "outcome"
    __table_args__ = (
        UniqueConstraint("meeting_id", "company_id"),
        CheckConstraint("kind IN ('not-pursued', 'follow-up', 'nda', 'mou', 'contract')", name="kind"),
        CheckConstraint("amount IS NULL OR (amount >= 0 AND currency IS NOT NULL)", name="amount"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    currency: Mapped[str | None] = mapped_column(String(3))
    note: Mapped[str] = mapped_column(Text, default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    meeting: Mapped[Meeting] = relationship()
