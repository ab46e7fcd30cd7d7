"""Who organizes an event: its owners, co-organizers and check-in desk."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

if TYPE_CHECKING:
    from models.account import Account

OWNER = "owner"
CO_ORGANIZER = "co-organizer"
DESK = "desk"
TEAM_ROLES = (OWNER, CO_ORGANIZER, DESK)


class EventOrganizer(Base):
    """An organizer account's role in one event.

    Owners manage the team; co-organizers run everything else; the desk checks
    companies in on the day. Site administrators (`Account.is_admin`) see every
    event without a row here.
    """

    __tablename__ = "event_organizer"
    __table_args__ = (
        UniqueConstraint("event_id", "account_id"),
        CheckConstraint("role IN ('owner', 'co-organizer', 'desk')", name="role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    account: Mapped[Account] = relationship()
