"""Scheduled meetings and the solver runs that produce them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from models.base import Base, utcnow

if TYPE_CHECKING:
    from models.company import Company
    from models.event import ConsultationSession, Event, Interpreter


class MeetingStatus(StrEnum):
    """A meeting holds its place while active; a cancelled one stays as a revision for calendars."""

    ACTIVE = "active"
    CANCELLED = "cancelled"


class SolveStatus(StrEnum):
    """A solve run is queued, then running, then ends succeeded, failed or cancelled."""

    QUEUED = "queued"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
    CANCELLED = "cancelled"


ACTIVE, CANCELLED = MeetingStatus.ACTIVE, MeetingStatus.CANCELLED
SOLVE_UNDER_WAY = (SolveStatus.QUEUED, SolveStatus.RUNNING)
_ACTIVE_ONLY = text("status = 'active'")
_UNDER_WAY = text("status IN ('queued', 'running')")


class Meeting(Base):
    """A 1:1 consultation: a pair (stored in id order) in one slot of a session at a table.

    A meeting row keeps its identity across edits and re-solves: a move raises
    `sequence`, a dropped meeting becomes cancelled. The uniqueness rules (one
    meeting per table and slot, a pair meets once) hold for active meetings only.
    """

    __tablename__ = "meeting"
    __table_args__ = (
        CheckConstraint("company_a_id < company_b_id", name="pair_order"),
        CheckConstraint("end_at > start_at", name="end_after_start"),
        CheckConstraint("table_number > 0", name="table_number"),
        CheckConstraint("status IN ('active', 'cancelled')", name="status"),
        CheckConstraint("sequence >= 0", name="sequence"),
        Index(
            "uq_meeting_session_start_table",
            "session_id",
            "start_at",
            "table_number",
            unique=True,
            sqlite_where=_ACTIVE_ONLY,
            postgresql_where=_ACTIVE_ONLY,
        ),
        Index(
            "uq_meeting_event_pair",
            "event_id",
            "company_a_id",
            "company_b_id",
            unique=True,
            sqlite_where=_ACTIVE_ONLY,
            postgresql_where=_ACTIVE_ONLY,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    company_a_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    company_b_id: Mapped[int] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("consultation_session.id", ondelete="CASCADE"))
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]
    table_number: Mapped[int]
    interpreter_id: Mapped[int | None] = mapped_column(ForeignKey("interpreter.id", ondelete="SET NULL"))
    locked: Mapped[bool] = mapped_column(default=False)
    edited: Mapped[bool] = mapped_column(default=False)  # placed or moved by hand
    status: Mapped[str] = mapped_column(String(20), default=ACTIVE)
    sequence: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    event: Mapped[Event] = relationship(back_populates="meetings")
    company_a: Mapped[Company] = relationship(foreign_keys=[company_a_id])
    company_b: Mapped[Company] = relationship(foreign_keys=[company_b_id])
    session: Mapped[ConsultationSession] = relationship()
    interpreter: Mapped[Interpreter | None] = relationship()


class SolveRun(Base):
    """One run of the solver for an event: its parameters, progress and outcome.

    At most one run per event is queued or running: two organizers pressing
    "generate" at once get one run, whichever web process they reached.
    """

    __tablename__ = "solve_run"
    __table_args__ = (
        CheckConstraint("status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled')", name="status"),
        Index(
            "uq_solve_run_under_way",
            "event_id",
            unique=True,
            sqlite_where=_UNDER_WAY,
            postgresql_where=_UNDER_WAY,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    parameters: Mapped[dict] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(20), default=SolveStatus.QUEUED)
    objective: Mapped[dict | None]
    best_score: Mapped[float | None]
    bound: Mapped[float | None]
    message: Mapped[str | None] = mapped_column(Text)  # why a failed run failed
    phase: Mapped[str | None] = mapped_column(String(100))  # what a running solve is doing now
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]
    seconds: Mapped[float | None]

    event: Mapped[Event] = relationship(back_populates="solve_runs")
