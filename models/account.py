"""Accounts that sign in, the one-time password reset links, and calendar feed tokens."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

if TYPE_CHECKING:
    from models.company import Company, Contact

COMPANY = "company"
ORGANIZER = "organizer"
ROLES = (COMPANY, ORGANIZER)
NO_PASSWORD = "!"  # the hash of an account whose person has not chosen a password yet


class Account(Base):
    """A person who signs in: an organizer, or someone acting for exactly one company.

    An invited contact's account has no password (`NO_PASSWORD`, which no
    password matches) until the person sets one from the invitation link.

    A site administrator (`is_admin`, made by `create-organizer`) sees and
    manages every event; other organizers only the events they belong to
    (`models.team.EventOrganizer`).

    `email` is stored lower-cased. `session_key` is part of the login cookie's
    identity, so renewing it (on a password change) signs out every other session.
    """

    __tablename__ = "account"
    __table_args__ = (
        CheckConstraint("role IN ('company', 'organizer')", name="role"),
        CheckConstraint("(role = 'company') = (company_id IS NOT NULL)", name="company_role"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("company.id", ondelete="CASCADE"), index=True
    )  # one account per contact person of the company
    language: Mapped[str | None] = mapped_column(String(8))
    session_key: Mapped[str] = mapped_column(String(64))
    is_admin: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    company: Mapped[Company | None] = relationship()


class PasswordReset(Base):
    """A one-time reset link: only the SHA-256 of its token is kept, used once before it expires."""

    __tablename__ = "password_reset"

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("account.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    account: Mapped[Account] = relationship()


class FeedToken(Base):
    """An unguessable calendar feed address for a company, or for one of its contact persons.

    The token is kept as is, because the portal shows the subscription link
    again; revoking sets `revoked_at` and renewing issues a new row.
    """

    __tablename__ = "feed_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]

    company: Mapped[Company] = relationship()
    contact: Mapped[Contact | None] = relationship()
