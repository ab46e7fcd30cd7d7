"""Scheduled meetings and the solver runs that produce them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, event, inspect, text
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from models.base import Base, utcnow

if TYPE_CHECKING:
    from models.account import Account
    from models.company import Company
    from models.event import ConsultationSession, Event, Interpreter


class MeetingStatus(StrEnum):
    """A meeting holds its place while active; a cancelled one stays as a revision for calendars."""

    ACTIVE = "active"
    CANCELLED = "cancelled"


class MeetingChange(StrEnum):
    """The last change to a meeting, as a stale page's refusal names it."""

    PLACED = "placed"  # given its place (a new meeting, or a cancelled one back)
    MOVED = "moved"  # another slot, table or session
    INTERPRETER = "interpreter"  # only its interpreter
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

    `sequence` is also the version a console page was shown: each revision
    records who made it (`changed_by_account_id`, None outside the web), when and
    what kind of change it was (see `record_meeting_changes`).
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
    # No foreign key: SQLite could not drop the column again on a downgrade. A deleted account names no one.
    changed_by_account_id: Mapped[int | None]
    changed_at: Mapped[datetime | None]
    change: Mapped[str | None] = mapped_column(String(20))

    event: Mapped[Event] = relationship(back_populates="meetings")
    company_a: Mapped[Company] = relationship(foreign_keys=[company_a_id])
    company_b: Mapped[Company] = relationship(foreign_keys=[company_b_id])
    session: Mapped[ConsultationSession] = relationship()
    interpreter: Mapped[Interpreter | None] = relationship()
    next_change: ClassVar[str | None] = None  # what the next flush records as this revision (not a column)

    changed_by: Mapped[Account | None] = relationship(
        primaryjoin="foreign(Meeting.changed_by_account_id) == Account.id", viewonly=True
    )


ACTING_ACCOUNT = "acting_account_id"  # the key in `Session.info` of the account whose change is being saved


@event.listens_for(Session, "before_flush")
def record_meeting_changes(db: Session, _context, _instances) -> None:
    """Stamp every meeting revision (a new row, or a raised `sequence`) with who, when and what, whichever
    code wrote it. The writer may name the change (`row.next_change`, read by the next flush); otherwise a
    cancelled meeting is CANCELLED, a new one PLACED, any other MOVED."""
    for row in (*db.new, *db.dirty):
        if not isinstance(row, Meeting):
            continue
        named = row.__dict__.pop("next_change", None)
        state = inspect(row)
        if not state.pending and not state.attrs.sequence.history.has_changes():
            continue
        row.changed_by_account_id = db.info.get(ACTING_ACCOUNT)
        row.changed_at = utcnow()
        if row.status == CANCELLED:
            row.change = MeetingChange.CANCELLED
        else:
            row.change = named or (MeetingChange.PLACED if state.pending else MeetingChange.MOVED)


def _busy_once(party: str) -> ExcludeConstraint:
    """PostgreSQL only: no two rows of one company (or interpreter) with overlapping times, checked at commit."""
    return ExcludeConstraint(
        (f"{party}_id", "="),
        (text("tstzrange(start_at, end_at)"), "&&"),
        name=f"ex_meeting_participant_{party}_time",
        using="gist",
        deferrable=True,
        initially="DEFERRED",
    ).ddl_if(dialect="postgresql")


class MeetingParticipant(Base):
    """A company's or an interpreter's time in an active meeting: three rows at most per meeting (both companies,
    the interpreter), kept by database triggers on `meeting` (migration 0010), never written by the code.

    On PostgreSQL two exclusion constraints refuse a company or an interpreter in two overlapping meetings,
    checked at commit, so of two transactions that double-book one, the second to commit fails whatever each
    read. SQLite has no such constraint: there every writer holds the schedule (`schedules.booking`).
    """

    __tablename__ = "meeting_participant"
    __table_args__ = (
        CheckConstraint("(company_id IS NULL) <> (interpreter_id IS NULL)", name="one_party"),
        _busy_once("company"),
        _busy_once("interpreter"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    company_id: Mapped[int | None] = mapped_column(ForeignKey("company.id", ondelete="CASCADE"), index=True)
    interpreter_id: Mapped[int | None] = mapped_column(
        ForeignKey("interpreter.id", ondelete="CASCADE"), index=True
    )
    start_at: Mapped[datetime]
    end_at: Mapped[datetime]


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
