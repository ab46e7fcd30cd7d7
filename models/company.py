"""Companies, their contact persons, availability and seminar attendance, and meeting requests."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, Column, ForeignKey, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

if TYPE_CHECKING:
    from models.event import ConsultationSession, Event, Interpreter, Sector, Seminar

company_sector = Table(
    "company_sector",
    Base.metadata,
    Column("company_id", ForeignKey("company.id", ondelete="CASCADE"), primary_key=True),
    Column("sector_id", ForeignKey("sector.id", ondelete="CASCADE"), primary_key=True),
)

company_interest = Table(
    "company_interest",
    Base.metadata,
    Column("company_id", ForeignKey("company.id", ondelete="CASCADE"), primary_key=True),
    Column("sector_id", ForeignKey("sector.id", ondelete="CASCADE"), primary_key=True),
)

seminar_attendance = Table(
    "seminar_attendance",
    Base.metadata,
    Column("company_id", ForeignKey("company.id", ondelete="CASCADE"), primary_key=True),
    Column("seminar_id", ForeignKey("seminar.id", ondelete="CASCADE"), primary_key=True),
)

request_session = Table(
    "request_session",
    Base.metadata,
    Column("request_id", ForeignKey("meeting_request.id", ondelete="CASCADE"), primary_key=True),
    Column("session_id", ForeignKey("consultation_session.id", ondelete="CASCADE"), primary_key=True),
)


class Company(Base):
    __tablename__ = "company"
    __table_args__ = (
        UniqueConstraint("event_id", "key"),
        CheckConstraint("max_meetings IS NULL OR max_meetings >= 0", name="max_meetings"),
        CheckConstraint("language IN ('ko', 'en')", name="language"),
        CheckConstraint("reminder_minutes IS NULL OR reminder_minutes IN (10, 30)", name="reminder_minutes"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(100))  # the file's company id
    name: Mapped[str] = mapped_column(String(300))
    name_latin: Mapped[str | None] = mapped_column(String(300))
    country: Mapped[str] = mapped_column(String(2))
    languages: Mapped[list[str]]
    max_meetings: Mapped[int | None]
    description: Mapped[str | None] = mapped_column(Text)
    website: Mapped[str | None] = mapped_column(String(500))
    reminder_minutes: Mapped[int | None] = mapped_column(default=10)  # before each meeting in its calendars
    position: Mapped[int] = mapped_column(default=0)
    language: Mapped[str] = mapped_column(String(2), default="ko", server_default="ko")  # of its mails
    withdrawn_at: Mapped[datetime | None]  # set while withdrawn: kept, but out of solving and agendas

    event: Mapped[Event] = relationship(back_populates="companies")
    sectors: Mapped[list[Sector]] = relationship(secondary=company_sector, order_by="Sector.position")
    interests: Mapped[list[Sector]] = relationship(secondary=company_interest, order_by="Sector.position")
    seminars: Mapped[list[Seminar]] = relationship(secondary=seminar_attendance, order_by="Seminar.position")
    contacts: Mapped[list[Contact]] = relationship(
        back_populates="company", cascade="all, delete-orphan", order_by="Contact.position"
    )
    unavailable: Mapped[list[Unavailability]] = relationship(
        back_populates="company", cascade="all, delete-orphan", order_by="Unavailability.start_at"
    )


def default_mail_language(country: str, home_country: str) -> str:
    """Korean for the host country's companies, English for the others, until the company says otherwise."""
    return "ko" if country == home_country else "en"


class Contact(Base):
    """A contact person of a company; the company's languages are those of its contacts."""

    __tablename__ = "contact"

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320), default="")
    phone: Mapped[str] = mapped_column(String(50), default="")
    languages: Mapped[list[str]]
    position: Mapped[int] = mapped_column(default=0)

    company: Mapped[Company] = relationship(back_populates="contacts")


class Unavailability(Base):
    """A window when a company or an interpreter (exactly one of them) cannot meet."""

    __tablename__ = "unavailability"
    __table_args__ = (
        CheckConstraint("end_at > start_at", name="end_after_start"),
        CheckConstraint("(company_id IS NULL) <> (interpreter_id IS NULL)", name="one_owner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    interpreter_id: Mapped[int | None] = mapped_column(
        ForeignKey("interpreter.id", ondelete="CASCADE"), index=True
    )
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]

    company: Mapped[Company | None] = relationship(back_populates="unavailable")
    interpreter: Mapped[Interpreter | None] = relationship(back_populates="unavailable")


class RequestAnswer(StrEnum):
    """The receiver's answer: pending until it accepts or declines (accepted at once where the event needs no
    answer). Only accepted requests reach the solver."""

    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"


class MeetingRequest(Base):
    """A wish of one company to meet another: priority 1 (nice), 2 (want), 3 (must), with the receiver's answer."""

    __tablename__ = "meeting_request"
    __table_args__ = (
        UniqueConstraint("from_company_id", "to_company_id"),
        CheckConstraint("priority BETWEEN 1 AND 3", name="priority"),
        CheckConstraint("from_company_id <> to_company_id", name="not_self"),
        CheckConstraint("answer IN ('pending', 'accepted', 'declined')", name="answer"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    from_company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    to_company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    priority: Mapped[int]
    position: Mapped[int] = mapped_column(default=0)
    answer: Mapped[str] = mapped_column(String(10), default=RequestAnswer.ACCEPTED, server_default="accepted")
    answered_at: Mapped[datetime | None]

    event: Mapped[Event] = relationship(back_populates="requests")
    from_company: Mapped[Company] = relationship(foreign_keys=[from_company_id])
    to_company: Mapped[Company] = relationship(foreign_keys=[to_company_id])
    sessions: Mapped[list[ConsultationSession]] = relationship(
        secondary=request_session, order_by="ConsultationSession.position"
    )


class DeclinedPair(Base):
    """A company's "no" to meeting a partner, kept so that the pair is never scheduled: it withdrew its request
    (`withdrawn`) or declined a suggested meeting (`suggestion`). Asking to meet the partner again lifts it."""

    __tablename__ = "declined_pair"
    __table_args__ = (
        UniqueConstraint("company_id", "partner_id"),
        CheckConstraint("kind IN ('withdrawn', 'suggestion')", name="kind"),
        CheckConstraint("company_id <> partner_id", name="not_self"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    company: Mapped[Company] = relationship(foreign_keys=[company_id])
    partner: Mapped[Company] = relationship(foreign_keys=[partner_id])
