"""A solve run's lifecycle: queued for an event, claimed by a runner, its progress, a cancel, stale runs.

The run's row is where progress lives, so any web process can show it, and a cancel is a change of the row's
status that the solve notices: the same protocol serves a thread here and an RQ worker.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import timedelta
from numbers import Real
from typing import Protocol

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from config import Settings
from matcher.solve.context import Progress
from models import SOLVE_UNDER_WAY, Meeting, SolveRun, SolveStatus
from models.base import utcnow
from schedules.errors import Conflict, Problem, Refused
from schedules.lookup import find_event, find_row
from schedules.transaction import saving

STALE_GRACE = timedelta(minutes=2)  # a run this far past its time limit died with its process
POLL_SECONDS = 1.0
MESSAGE_LIMIT = 20_000  # characters of a failure's reason kept: every broken rule of any sane schedule
PHASE_LIMIT = 100


@dataclass(frozen=True)
class SolveRequest:
    """What the organizer asks of a solve; the defaults are the configuration's (`config.Settings`)."""

    time_limit: float = Settings.solve_time_limit
    seed: int = Settings.solve_seed
    workers: int = Settings.solve_workers

    @classmethod
    def asked(cls, settings: Settings, time_limit: float, seed: int | None) -> SolveRequest:
        """The organizer's time limit and seed (the configured seed when none is given), the configured workers."""
        return cls(time_limit, settings.solve_seed if seed is None else seed, settings.solve_workers)

    def parameters(self) -> dict:
        return {"time_limit": self.time_limit, "seed": self.seed, "workers": self.workers}


class Submitter(Protocol):
    """Anything that can run a queued solve run by id (a thread here, an RQ queue)."""

    def submit(self, run_id: int) -> None: ...


def start_solve(db: Session, jobs: Submitter, event_id: int, request: SolveRequest) -> SolveRun:
    """Queue a solve run for the event and hand it to `jobs`; refused while another run is under way, and on a
    published event (it is repaired instead: published meetings stay)."""
    try:
        with saving(db):
            if find_event(db, event_id).published:
                raise Refused(Problem("published_use_repair"))
            running = active_run(db, event_id)
            if running is not None:
                raise Refused(Problem("solve_running", values={"run": running.id}))
            run = SolveRun(event_id=event_id, status=SolveStatus.QUEUED, parameters=request.parameters())
            db.add(run)
    except Conflict:  # another organizer's run got in first (the one-run-per-event index)
        raise Refused(Problem("solve_running")) from None
    jobs.submit(run.id)
    return run


def edits_at_risk(db: Session, event_id: int) -> int:
    """Meetings the organizer placed, moved or cancelled by hand and did not lock: a new solve may change them,
    so generating over them asks first."""
    return (
        db.scalar(
            select(func.count(Meeting.id)).where(
                Meeting.event_id == event_id, Meeting.edited.is_(True), Meeting.locked.is_(False)
            )
        )
        or 0
    )


def active_run(db: Session, event_id: int) -> SolveRun | None:
    """The event's queued or running run; a running one far past its time limit died with its process and is
    marked failed instead (a queued one waits for a worker, or for the organizer to cancel it)."""
    run = db.scalar(
        select(SolveRun)
        .where(SolveRun.event_id == event_id, SolveRun.status.in_(SOLVE_UNDER_WAY))
        .order_by(SolveRun.id.desc())
        .limit(1)
        .with_for_update()
    )
    if run is None:
        return None
    limit = timedelta(seconds=float(run.parameters["time_limit"]))
    if (
        run.status == SolveStatus.RUNNING
        and run.started_at
        and utcnow() - run.started_at > limit + STALE_GRACE
    ):
        run.status, run.message, run.finished_at = (
            SolveStatus.FAILED,
            "interrupted: the solving process stopped",
            utcnow(),
        )
        return None
    return run


def cancel_solve(db: Session, event_id: int, run_id: int) -> SolveRun:
    """Ask a queued or running solve to stop; the schedule stays as it was before the run."""
    with saving(db):
        run = find_row(db, SolveRun, event_id, run_id)
        if run.status in SOLVE_UNDER_WAY:
            run.status, run.finished_at = SolveStatus.CANCELLED, utcnow()
    return run


def solve_run(db: Session, event_id: int, run_id: int) -> SolveRun:
    return find_row(db, SolveRun, event_id, run_id)


def recent_runs(db: Session, event_id: int, limit: int = 10) -> list[SolveRun]:
    return list(
        db.scalars(
            select(SolveRun).where(SolveRun.event_id == event_id).order_by(SolveRun.id.desc()).limit(limit)
        )
    )


@dataclass(frozen=True)
class ClaimedRun:
    """A run this process now carries out: its event and the parameters it was queued with."""

    id: int
    event_id: int
    parameters: dict


def claim_run(make_session: sessionmaker[Session], run_id: int) -> ClaimedRun | None:
    """Mark a queued run running; None when it is no longer queued (cancelled, or taken by another runner)."""
    with make_session() as db, db.begin():
        claimed = db.execute(
            update(SolveRun)
            .where(SolveRun.id == run_id, SolveRun.status == SolveStatus.QUEUED)
            .values(status=SolveStatus.RUNNING, started_at=utcnow())
        ).rowcount
        if not claimed:
            return None
        run = db.get(SolveRun, run_id)
        return ClaimedRun(run.id, run.event_id, dict(run.parameters))


def still_running(db: Session, run_id: int) -> SolveRun | None:
    """The run, locked, while it is still running (a cancel got in first otherwise)."""
    run = db.get(SolveRun, run_id, with_for_update=True)
    return run if run is not None and run.status == SolveStatus.RUNNING else None


def mark_failed(
    make_session: sessionmaker[Session], run_id: int, reason: str, seconds: float | None = None
) -> None:
    """Mark the run failed with its reason unless it already ended (succeeded, failed or cancelled)."""
    with make_session() as db, db.begin():
        values = {"status": SolveStatus.FAILED, "message": failure_message(reason), "finished_at": utcnow()}
        if seconds is not None:
            values["seconds"] = seconds
        db.execute(
            update(SolveRun).where(SolveRun.id == run_id, SolveRun.status.in_(SOLVE_UNDER_WAY)).values(values)
        )


def failure_message(reason: str) -> str:
    """A failed run's reason as stored: whole (every line: a schedule's reason names each broken rule), clipped
    only past MESSAGE_LIMIT characters."""
    reason = reason.strip()
    return reason if len(reason) <= MESSAGE_LIMIT else reason[:MESSAGE_LIMIT].rstrip() + "\n…"


def number(value) -> float | None:
    return float(value) if isinstance(value, Real) else None


def progress_figures(progress: Progress) -> dict:
    """The best schedule so far in an organizer's figures (the solver reports them never getting worse)."""
    names = (
        "must_met",
        "must_total",
        "companies_met",
        "companies_total",
        "requests_met",
        "requests_total",
        "idle_gaps",
        "time_left",
    )
    return {name: getattr(progress, name) for name in names}


class RunWatcher:
    """Writes the solver's progress to the run's row and reads back whether it was cancelled, at most once a second."""

    def __init__(self, make_session: sessionmaker[Session], run_id: int):
        self.make_session = make_session
        self.run_id = run_id
        self._last_write = 0.0
        self._last_read = 0.0
        self._cancelled = False

    def progress(self, progress: Progress) -> None:
        now = time.monotonic()
        if now - self._last_write < POLL_SECONDS:
            return
        self._last_write = now
        with self.make_session() as db, db.begin():
            db.execute(
                update(SolveRun)
                .where(SolveRun.id == self.run_id, SolveRun.status == SolveStatus.RUNNING)
                .values(
                    best_score=number(progress.best_objective),
                    bound=number(progress.bound),
                    seconds=float(progress.elapsed),
                    phase=progress.phase[:PHASE_LIMIT],
                    objective={"progress": progress_figures(progress)},
                )
            )

    def should_stop(self) -> bool:
        now = time.monotonic()
        if not self._cancelled and now - self._last_read >= POLL_SECONDS:
            self._last_read = now
            self._cancelled = self.cancelled()
        return self._cancelled

    def cancelled(self) -> bool:
        with self.make_session() as db:
            return (
                db.scalar(select(SolveRun.status).where(SolveRun.id == self.run_id)) == SolveStatus.CANCELLED
            )
