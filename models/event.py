"""An event and what the organizer sets up for it: sectors, sessions, seminars, interpreters."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

if TYPE_CHECKING:
    from models.company import Company, DeclinedPair, MeetingRequest, Unavailability
    from models.meeting import Meeting, SolveRun


class EventState(StrEnum):
    """Draft while set up, open for registrations, published once companies see their meetings."""

    DRAFT = "draft"
    OPEN = "open"
    PUBLISHED = "published"


EVENT_STATES = tuple(EventState)


class Event(Base):
    __tablename__ = "event"
    __table_args__ = (
        CheckConstraint("state IN ('draft', 'open', 'published')", name="state"),
        CheckConstraint("pairing IN ('home-foreign', 'any')", name="pairing"),
        CheckConstraint("default_max_meetings >= 0", name="default_max_meetings"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str | None] = mapped_column(String(100), unique=True)  # the file's `event.id`
    name: Mapped[str] = mapped_column(String(300))
    timezone: Mapped[str] = mapped_column(String(64))
    home_country: Mapped[str] = mapped_column(String(2))
    pairing: Mapped[str] = mapped_column(String(20), default="home-foreign")
    default_max_meetings: Mapped[int] = mapped_column(Integer, default=8)
    state: Mapped[str] = mapped_column(String(20), default=EventState.DRAFT)
    # Registrations and requests continue after publication, waiting for the next repair.
    late_changes: Mapped[bool] = mapped_column(default=False)
    # Requests wait for the receiver's answer (else accepted at once); none are sent or answered after the close.
    requests_need_answer: Mapped[bool] = mapped_column(default=False, server_default=false())
    requests_close_at: Mapped[datetime | None]
    # Pairs nobody requested may be scheduled where sectors fit (else only accepted requests meet).
    suggestions: Mapped[bool] = mapped_column(default=True, server_default=true())
    venue_name: Mapped[str | None] = mapped_column(String(300))
    venue_address: Mapped[str | None] = mapped_column(String(500))
    venue_latitude: Mapped[float | None] = mapped_column(Float)
    venue_longitude: Mapped[float | None] = mapped_column(Float)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    sectors: Mapped[list[Sector]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Sector.position"
    )
    sessions: Mapped[list[ConsultationSession]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="ConsultationSession.position"
    )
    seminars: Mapped[list[Seminar]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Seminar.position"
    )
    companies: Mapped[list[Company]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Company.position"
    )
    interpreters: Mapped[list[Interpreter]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="Interpreter.position"
    )
    requests: Mapped[list[MeetingRequest]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="MeetingRequest.position"
    )
    declined_pairs: Mapped[list[DeclinedPair]] = relationship(
        cascade="all, delete-orphan", order_by="DeclinedPair.id"
    )
    meetings: Mapped[list[Meeting]] = relationship(back_populates="event", cascade="all, delete-orphan")
    solve_runs: Mapped[list[SolveRun]] = relationship(back_populates="event", cascade="all, delete-orphan")

    @property
    def published(self) -> bool:
        """Companies see their meetings; registrations and requests are closed."""
        return self.state == EventState.PUBLISHED

    @property
    def public(self) -> bool:
        """Open or published: listed on the home page and reachable by anyone; a draft is the organizer's alone."""
        return self.state in (EventState.OPEN, EventState.PUBLISHED)


class Sector(Base):
    """A sector code with its Korean and English names, per event."""

    __tablename__ = "sector"
    __table_args__ = (UniqueConstraint("event_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(100))
    name_ko: Mapped[str] = mapped_column(String(200), default="")
    name_en: Mapped[str] = mapped_column(String(200), default="")
    described: Mapped[bool] = mapped_column(default=False)  # listed in the file's `sectors[]`
    position: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="sectors")


class ConsultationSession(Base):
    """A block of 1:1 consultations, cut into slots, with numbered tables."""

    __tablename__ = "consultation_session"
    __table_args__ = (
        UniqueConstraint("event_id", "key"),
        CheckConstraint("end_at > start_at", name="end_after_start"),
        CheckConstraint("slot_minutes > 0", name="slot_minutes"),
        CheckConstraint("tables > 0", name="tables"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(300), default="")
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]
    slot_minutes: Mapped[int]
    tables: Mapped[int]
    countries: Mapped[list[str] | None]  # foreign countries admitted; None = all
    room: Mapped[str | None] = mapped_column(String(200))  # the hall or room of its tables
    position: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="sessions")


class Seminar(Base):
    __tablename__ = "seminar"
    __table_args__ = (
        UniqueConstraint("event_id", "key"),
        CheckConstraint("end_at > start_at", name="end_after_start"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(100))
    title: Mapped[str] = mapped_column(String(300), default="")
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]
    country: Mapped[str | None] = mapped_column(String(2))
    room: Mapped[str | None] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    position: Mapped[int] = mapped_column(default=0)

    event: Mapped[Event] = relationship(back_populates="seminars")


class Interpreter(Base):
    __tablename__ = "interpreter"
    __table_args__ = (UniqueConstraint("event_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200))
    languages: Mapped[list[str]]
    position: Mapped[int] = mapped_column(default=0)
    # The unguessable address of the interpreter's calendar feed, None while the organizer has made none;
    # renewing replaces it (the old address stops working).
    feed_token: Mapped[str | None] = mapped_column(String(64), unique=True, index=True)

    event: Mapped[Event] = relationship(back_populates="interpreters")
    unavailable: Mapped[list[Unavailability]] = relationship(
        back_populates="interpreter", cascade="all, delete-orphan", order_by="Unavailability.start_at"
    )
