"""The solve use case: load the event, solve around the meetings the organizer keeps, validate the result
against the event as it is when saved, and store it in one transaction.

The run's lifecycle (queue, claim, progress, cancel, stale runs) is `solve_runs`; this module is what a
runner (a thread here, an RQ worker) carries out for a claimed run.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence

from sqlalchemy.orm import Session, sessionmaker

from matcher.domain.instance import Instance
from matcher.domain.schedule import Meeting as PlannedMeeting
from matcher.domain.scoring import schedule_score
from matcher.domain.validator import require_valid
from matcher.solve.solver import SolveParameters, SolveResult, solve
from models import Event, SolveStatus
from models.base import utcnow
from schedules.booking import hold_schedule
from schedules.event_store import event_to_instance, load_event
from schedules.organizer.solve_runs import (
    ClaimedRun,
    RunWatcher,
    claim_run,
    mark_failed,
    number,
    still_running,
)
from schedules.schedule_store import meeting_rows, save_schedule, to_planned

log = logging.getLogger(__name__)

Solve = Callable[..., SolveResult]
"""`matcher.solve.solver.solve`'s shape: (instance, parameters, locked=, on_progress=, should_stop=) -> SolveResult."""


def execute_run(make_session: sessionmaker[Session], run_id: int, solve: Solve | None = None) -> None:
    """Carry out a queued run: solve around locked and hand-placed meetings, then save the schedule at once.

    Any failure marks the run failed with the reason and leaves the previous schedule untouched.
    """
    run = claim_run(make_session, run_id)
    if run is None:
        return
    watcher = RunWatcher(make_session, run_id)
    started = time.monotonic()
    try:
        with make_session() as db:
            event = load_event(db, run.event_id)
            instance, kept = event_to_instance(event, withdrawn=False), kept_meetings(db, event)
        log.info("solve run %s of event %s started: %s", run_id, run.event_id, run.parameters)
        result = (solve or solve_with)(
            instance,
            run.parameters,
            locked=kept,
            on_progress=watcher.progress,
            should_stop=watcher.should_stop,
        )
        if watcher.cancelled():
            log.info("solve run %s cancelled after %.1f s", run_id, time.monotonic() - started)
            return
        store_result(make_session, run, kept, result, time.monotonic() - started)
        log.info("solve run %s finished in %.1f s", run_id, time.monotonic() - started)
    except Exception as error:  # the run records any failure; nothing of it was saved
        log.exception("solve run %s failed", run_id)
        mark_failed(
            make_session, run_id, str(error).strip() or type(error).__name__, time.monotonic() - started
        )


def solve_with(instance: Instance, parameters: dict, **options) -> SolveResult:
    """The matcher's solver with a run's stored parameters."""
    return solve(
        instance,
        SolveParameters(
            time_limit=float(parameters["time_limit"]),
            seed=int(parameters["seed"]),
            workers=int(parameters["workers"]),
        ),
        **options,
    )


def kept_meetings(db: Session, event: Event) -> list[PlannedMeeting]:
    """Meetings a solve must leave where they are: locked ones and those the organizer placed by hand."""
    return sorted(to_planned(r, event.timezone) for r in meeting_rows(db, event) if r.locked or r.edited)


def store_result(
    make_session: sessionmaker[Session],
    run: ClaimedRun,
    kept: Sequence[PlannedMeeting],
    result: SolveResult,
    seconds: float,
) -> None:
    """Save the schedule and the run's figures in one transaction, unless the run was cancelled meanwhile.

    The event is read again under the schedule's hold: the solve took its time, and what is saved must keep
    every rule of the event as it is now (a hand edit during the solve refuses the result).
    """
    with make_session() as db, db.begin():
        hold_schedule(db, run.event_id)
        row = still_running(db, run.id)
        if row is None:
            return
        event = load_event(db, run.event_id)
        if event.published:
            raise RuntimeError(
                "the schedule was published during the solve; it is repaired instead, not replaced"
            )
        if kept_meetings(db, event) != list(kept):
            raise RuntimeError("the schedule was edited by hand during the solve; run it again")
        instance = event_to_instance(event, withdrawn=False)
        meetings = list(result.schedule.meetings)
        require_valid(instance, meetings)
        changes = save_schedule(db, event, meetings)
        row.status, row.finished_at, row.seconds, row.phase = SolveStatus.SUCCEEDED, utcnow(), seconds, None
        row.best_score = float(schedule_score(instance, meetings))
        row.bound = number(result.bound)
        row.message = None
        row.objective = {
            "status": result.status,
            "parts": dict(result.objective),
            "meetings": len(meetings),
            "changes": {
                "added": changes.added,
                "moved": changes.moved,
                "cancelled": changes.cancelled,
                "unchanged": changes.unchanged,
            },
            "unscheduled": [
                {"companies": list(u.companies), "reason": u.reason, "detail": u.detail}
                for u in result.schedule.unscheduled
            ],
        }
