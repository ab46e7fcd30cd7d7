"""Solve runs: start one per event, follow its progress, cancel it, and write its schedule in one transaction.

The run's row is where progress lives, so any web process can show it, and a
cancel is a change of the row's status that the solve notices: the same
protocol serves a thread here and an RQ worker later (issue 6).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from numbers import Real

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from matcher.schedule import Meeting as PlannedMeeting
from matcher.scoring import schedule_score
from matcher.validator import ScheduleInvalid, validate
from models import Meeting, SolveRun
from models.base import utcnow
from schedules.booking import hold_schedule
from schedules.event_store import event_to_instance, load_event
from schedules.schedule_store import meeting_rows, save_schedule, to_planned
from schedules.services.errors import Conflict, Problem, Refused
from schedules.services.lookup import find_event, find_row
from schedules.services.transaction import saving

ACTIVE_STATES = ("queued", "running")
STALE_GRACE = timedelta(minutes=2)  # a run this far past its time limit died with its process
POLL_SECONDS = 1.0
MESSAGE_LIMIT = 20_000  # characters of a failure's reason kept: every broken rule of any sane schedule


@dataclass(frozen=True)
class SolveRequest:
    time_limit: float = 30.0
    seed: int = 0
    workers: int = 2


class Submitter:
    """Anything that can run a queued solve run by id (a thread here, an RQ queue later)."""

    def submit(self, run_id: int) -> None:  # pragma: no cover - an interface
        raise NotImplementedError


def start_solve(db: Session, jobs: Submitter, event_id: int, request: SolveRequest) -> SolveRun:
    """Queue a solve run for the event and hand it to `jobs`; refused while another run is under way, and on a
    published event (it is repaired instead: published meetings stay)."""
    try:
        with saving(db):
            if find_event(db, event_id).state == "published":
                raise Refused(Problem("published_use_repair"))
            running = active_run(db, event_id)
            if running is not None:
                raise Refused(Problem("solve_running", values={"run": running.id}))
            run = SolveRun(
                event_id=event_id, status="queued",
                parameters={"time_limit": request.time_limit, "seed": request.seed, "workers": request.workers},
            )
            db.add(run)
    except Conflict:  # another organizer's run got in first (the one-run-per-event index)
        raise Refused(Problem("solve_running")) from None
    jobs.submit(run.id)
    return run


def edits_at_risk(db: Session, event_id: int) -> int:
    """Meetings the organizer placed, moved or cancelled by hand and did not lock: a new solve may change them,
    so generating over them asks first."""
    return db.scalar(select(func.count(Meeting.id)).where(
        Meeting.event_id == event_id, Meeting.edited.is_(True), Meeting.locked.is_(False))) or 0


def active_run(db: Session, event_id: int) -> SolveRun | None:
    """The event's queued or running run; a running one far past its time limit died with its process and is
    marked failed instead (a queued one waits for a worker, or for the organizer to cancel it)."""
    run = db.scalar(
        select(SolveRun).where(SolveRun.event_id == event_id, SolveRun.status.in_(ACTIVE_STATES))
        .order_by(SolveRun.id.desc()).limit(1).with_for_update()
    )
    if run is None:
        return None
    limit = timedelta(seconds=float(run.parameters.get("time_limit", 0)))
    if run.status == "running" and run.started_at and utcnow() - run.started_at > limit + STALE_GRACE:
        run.status, run.message, run.finished_at = "failed", "interrupted: the solving process stopped", utcnow()
        return None
    return run


def cancel_solve(db: Session, event_id: int, run_id: int) -> SolveRun:
    """Ask a queued or running solve to stop; the schedule stays as it was before the run."""
    with saving(db):
        run = find_row(db, SolveRun, event_id, run_id)
        if run.status in ACTIVE_STATES:
            run.status, run.finished_at = "cancelled", utcnow()
    return run


def solve_run(db: Session, event_id: int, run_id: int) -> SolveRun:
    return find_row(db, SolveRun, event_id, run_id)


def recent_runs(db: Session, event_id: int, limit: int = 10) -> list[SolveRun]:
    return list(db.scalars(
        select(SolveRun).where(SolveRun.event_id == event_id).order_by(SolveRun.id.desc()).limit(limit)
    ))


def execute_run(make_session: sessionmaker[Session], run_id: int, solve: Callable | None = None) -> None:
    """Carry out a queued run: solve around locked and hand-placed meetings, then save the schedule at once.

    Any failure marks the run failed with the reason and leaves the previous schedule untouched.
    """
    with make_session() as db:
        claimed = db.execute(
            update(SolveRun).where(SolveRun.id == run_id, SolveRun.status == "queued")
            .values(status="running", started_at=utcnow())
        ).rowcount
        db.commit()
    if not claimed:
        return
    watcher = _Watcher(make_session, run_id)
    started = time.monotonic()
    try:
        solve = solve or matcher_solve
        with make_session() as db:
            run = db.get(SolveRun, run_id)
            event_id, parameters = run.event_id, dict(run.parameters)
            instance = event_to_instance(load_event(db, event_id), withdrawn=False)
            kept = _kept_meetings(db, event_id)
        result = solve(
            instance, parameters, locked=kept,
            on_progress=watcher.progress, should_stop=watcher.should_stop,
        )
        if watcher.cancelled():
            return
        _save_result(make_session, run_id, event_id, kept, result, time.monotonic() - started)
    except Exception as error:  # the run records any failure; nothing of it was saved
        _finish(make_session, run_id, "failed", message=_reason(error), seconds=time.monotonic() - started)


def matcher_solve(instance, parameters: dict, **options):
    """The matcher's solver with a run's stored parameters."""
    from matcher.solver import SolveParameters, solve

    return solve(instance, SolveParameters(
        time_limit=float(parameters.get("time_limit", 30)), seed=int(parameters.get("seed", 0)),
        workers=int(parameters.get("workers", 2)),
    ), **options)


def _kept_meetings(db: Session, event_id: int) -> list[PlannedMeeting]:
    """Meetings a solve must leave where they are: locked ones and those the organizer placed by hand."""
    event = find_event(db, event_id)
    return sorted(to_planned(r, event.timezone) for r in meeting_rows(db, event) if r.locked or r.edited)


def _save_result(make_session, run_id: int, event_id: int, kept, result, seconds: float) -> None:
    with make_session() as db, db.begin():
        hold_schedule(db, event_id)
        run = db.get(SolveRun, run_id, with_for_update=True)
        if run.status != "running":
            return
        event = load_event(db, event_id)
        if event.state == "published":
            raise RuntimeError("the schedule was published during the solve; it is repaired instead, not replaced")
        instance = event_to_instance(event, withdrawn=False)
        meetings = list(result.schedule.meetings)
        if _kept_meetings(db, event_id) != kept:
            raise RuntimeError("the schedule was edited by hand during the solve; run it again")
        violations = validate(instance, meetings)
        if violations:
            raise ScheduleInvalid(violations)
        changes = save_schedule(db, event, meetings)
        run.status, run.finished_at, run.seconds = "succeeded", utcnow(), seconds
        run.best_score = float(schedule_score(instance, meetings))
        run.bound = _number(getattr(result, "bound", None))
        run.message = None
        run.objective = {
            "status": getattr(result, "status", None),
            "parts": _plain(getattr(result, "objective", None) or {}),
            "meetings": len(meetings),
            "changes": {"added": changes.added, "moved": changes.moved, "cancelled": changes.cancelled,
                        "unchanged": changes.unchanged},
            "unscheduled": [
                {"companies": list(u.companies), "reason": u.reason, "detail": u.detail}
                for u in result.schedule.unscheduled
            ],
        }


def _finish(make_session, run_id: int, status: str, message: str | None = None, seconds: float | None = None) -> None:
    with make_session() as db, db.begin():
        db.execute(
            update(SolveRun).where(SolveRun.id == run_id, SolveRun.status.in_(ACTIVE_STATES))
            .values(status=status, message=message, seconds=seconds, finished_at=utcnow())
        )


def _reason(error: Exception) -> str:
    return failure_message(str(error).strip() or type(error).__name__)


def failure_message(reason: str) -> str:
    """A failed run's reason as stored: whole (every line: a schedule's reason names each broken rule), clipped
    only past MESSAGE_LIMIT characters."""
    reason = reason.strip()
    return reason if len(reason) <= MESSAGE_LIMIT else reason[:MESSAGE_LIMIT].rstrip() + "\n…"


def _number(value) -> float | None:
    return float(value) if isinstance(value, Real) else None


def _plain(value):
    """JSON-safe copy of the solver's objective parts."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


class _Watcher:
    """Writes the solver's progress to the run's row and reads back whether it was cancelled, at most once a second."""

    def __init__(self, make_session, run_id: int):
        self.make_session = make_session
        self.run_id = run_id
        self._last_write = 0.0
        self._last_read = 0.0
        self._cancelled = False

    def progress(self, progress) -> None:
        now = time.monotonic()
        if now - self._last_write < POLL_SECONDS:
            return
        self._last_write = now
        with self.make_session() as db, db.begin():
            db.execute(
                update(SolveRun).where(SolveRun.id == self.run_id, SolveRun.status == "running").values(
                    best_score=_number(progress.best_objective), bound=_number(progress.bound),
                    seconds=float(progress.elapsed), message=getattr(progress, "phase", None),
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
            return db.scalar(select(SolveRun.status).where(SolveRun.id == self.run_id)) == "cancelled"
