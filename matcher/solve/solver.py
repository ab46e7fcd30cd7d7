"""The schedule solver: the best week the rules allow, optimised level by level on CP-SAT.

``solve`` keeps all nine hard rules and optimises, in this order, must-meet
requests met, companies with a meeting, the fairness floor, the total score
and idle gaps (see :mod:`matcher.domain.objective` and docs/solver.md; the phases in :mod:`matcher.solve.pipeline`). Every
schedule it returns has passed the validator; Ctrl-C, ``should_stop`` and the
time limit all return the best valid schedule found so far.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from matcher.domain.instance import Instance
from matcher.domain.objective import objective_parts, ranking
from matcher.domain.schedule import Meeting, Schedule
from matcher.domain.scoring import DEFAULT_WEIGHTS, Weights
from matcher.domain.validator import require_valid
from matcher.formats.schedule_io import meeting_order
from matcher.solve.context import Clock, Context, Progress, Stop
from matcher.solve.explain import explain_unmet
from matcher.solve.pipeline import LEVEL_SHARES, search
from matcher.solve.progress import Reporter
from matcher.solve.space import SearchSpace
from matcher.solve.start import Start, best_start, starting_schedules

__all__ = ["Progress", "SolveParameters", "SolveResult", "solve"]


@dataclass(frozen=True)
class SolveParameters:
    time_limit: float = 30
    seed: int = 0
    workers: int = 2
    weights: Weights = DEFAULT_WEIGHTS
    deterministic_time: float | None = None  # a budget in CP-SAT's deterministic units, for reproducible runs
    raise_floor: bool = True  # level 3; False leaves fairness at coverage (level 2) alone


@dataclass(frozen=True)
class SolveResult:
    schedule: Schedule
    status: str  # OPTIMAL (every level proven), FEASIBLE, or INTERRUPTED (stopped by the caller)
    objective: dict[str, int]
    bound: float | None  # no schedule keeping the found higher levels scores above this
    seconds: float
    levels: list = field(default_factory=list, compare=False)


def solve(
    instance: Instance,
    params: SolveParameters = SolveParameters(),
    locked: Sequence[Meeting] = (),
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> SolveResult:
    """The best schedule found within the time limit, around ``locked`` meetings kept exactly."""
    clock = Clock(params.time_limit - _finishing_time(params.time_limit), params.deterministic_time)
    locked = tuple(locked)
    require_valid(instance, locked)
    space = SearchSpace(instance, params.weights, locked)
    stop = Stop(should_stop)
    starts = starting_schedules(space)
    warm = best_start(starts)
    reporter = Reporter(space, clock, on_progress)
    reporter.offer("start", warm.meetings)
    context = Context(
        clock,
        stop,
        params.workers,
        params.seed,
        reporter.relay,
        params.raise_floor,
        reporter.offer_placements,
        reporter.score_bound,
        LEVEL_SHARES,
    )
    with _ctrl_c_stops(stop):
        found = search(space, warm.meetings, context)
    meetings = tuple(locked) + tuple(space.meetings(found.placements))
    require_valid(instance, meetings)
    objective = objective_parts(instance, meetings, space.reach, params.weights)
    status = "INTERRUPTED" if stop.requested() else found.status
    kept_start = warm.rank > ranking(objective)
    if kept_start:
        meetings, objective, status = _fallen_back(instance, warm, status)
    reporter.offer("done", meetings)
    seconds = round(clock.elapsed(), 3)
    stats = {
        "status": status,
        "objective": objective,
        "bound": found.bound,
        "seconds": seconds,
        "start": warm.name,
        "kept_start": kept_start,
    }
    unmet = explain_unmet(space, meetings)
    schedule = Schedule(tuple(sorted(meetings, key=meeting_order)), tuple(unmet), stats)
    return SolveResult(schedule, status, objective, found.bound, seconds, found.levels)


def _fallen_back(
    instance: Instance, start: Start, status: str
) -> tuple[tuple[Meeting, ...], dict[str, int], str]:
    """The start's schedule, when the search ended below it (never proven optimal then)."""
    require_valid(instance, start.meetings)
    return start.meetings, dict(start.objective), "FEASIBLE" if status == "OPTIMAL" else status


def _finishing_time(time_limit: float) -> float:
    """Seconds kept back for checking the schedule and explaining misses (about 1 s at 2,000 firms)."""
    return min(0.25 * time_limit, 1.0 + 0.02 * time_limit)


@contextmanager
def _ctrl_c_stops(stop: Stop) -> Iterator[None]:
    """While solving, Ctrl-C ends the search (the best schedule so far is kept) instead of raising."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum, frame) -> None:
        stop.interrupted = True

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
