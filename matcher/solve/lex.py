"""Lexicographic optimisation on a CP-SAT model: one level at a time, each result kept as a constraint.

A level is searched with the previous best solution as a complete hint, so an
interrupted or timed-out search never loses ground: the level is then pinned at
the best value seen and the next level starts from that same solution.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from matcher.solve.context import Clock, Progress, Search, Stop


@dataclass(frozen=True)
class Level:
    """One part of the objective: ``sum(coefficients * variables) + offset``."""

    name: str
    variables: tuple[cp_model.IntVar, ...]
    coefficients: tuple[int, ...]
    maximize: bool
    offset: int = 0
    ceiling: int | None = None  # the best value possible, when known: reaching it ends the level's search

    def expression(self) -> cp_model.LinearExprT:
        return cp_model.LinearExpr.weighted_sum(self.variables, self.coefficients) + self.offset

    def value(self, solution: Sequence[int]) -> int:
        return self.offset + sum(c * solution[v.index] for v, c in zip(self.variables, self.coefficients))


@dataclass
class LevelOutcome:
    name: str
    value: int
    bound: float | None
    proven: bool


class _Watch(cp_model.CpSolverSolutionCallback):
    """Reports each improving solution and stops the search when asked to."""

    def __init__(self, phase: str, clock: Clock, stop: Stop, on_progress: Callable[[Progress], None] | None):
        super().__init__()
        self._phase, self._clock, self._stop, self._on_progress = phase, clock, stop, on_progress

    def on_solution_callback(self) -> None:
        if self._on_progress is not None:
            bound = self.best_objective_bound
            self._on_progress(Progress(self.objective_value, bound, self._clock.since_start(), self._phase))
        if self._stop.requested():
            self.stop_search()


def _watch_stop(solver: cp_model.CpSolver, stop: Stop, done: threading.Event) -> None:
    while not done.wait(0.05):
        if stop.requested():
            solver.stop_search()
            return


def matching_tuning(parameters: cp_model.SatParameters) -> None:
    """Slot and pairs models are matching-like: the LP's cuts pay off (10x faster here), probing does not."""
    parameters.linearization_level = 2
    parameters.cp_model_probing_level = 0


def solve_levels(
    model: cp_model.CpModel,
    levels: Sequence[Level],
    hint: list[int],
    clock: Clock,
    stop: Stop,
    search: Search,
    on_progress: Callable[[Progress], None] | None = None,
    prepare: Callable[[Level, list[int]], list[int]] | None = None,
) -> tuple[list[int], list[LevelOutcome]]:
    """Optimise ``levels`` in order from the complete solution ``hint``; return the best solution and each level.

    ``prepare`` may offer a better start for a level (say, the best solution with
    more meetings added); it is taken when it keeps every level reached so far and
    does no worse on this one.
    """
    best = list(hint)
    outcomes = []
    for position, level in enumerate(levels):
        if prepare is not None:
            best = _prepared(prepare(level, best), best, levels[: position + 1], outcomes)
            for earlier, outcome in zip(levels, outcomes):
                if earlier.value(best) != outcome.value:  # the prepared start gained there: keep the gain
                    outcome.value = earlier.value(best)
                    expression = earlier.expression()
                    model.add(
                        expression >= outcome.value if earlier.maximize else expression <= outcome.value
                    )
        reached = level.value(best)
        proven = level.ceiling is not None and reached == level.ceiling
        bound: float | None = level.ceiling
        if not proven and not stop.requested() and clock.left() > 0.01:
            later = len(levels) - position - 1
            share = search.shares.get(level.name, 1.0 if not later else 0.5)
            best, bound, proven = _search_level(model, level, best, clock, stop, search, share, on_progress)
            if (
                level.value(best) != reached
                and later
                and level.name in search.anchored_levels
                and search.anchor
            ):
                best = _near_hint(model, level, best, hint, clock, stop, search, on_progress)
            reached = level.value(best)
        outcomes.append(LevelOutcome(level.name, reached, bound, proven))
        expression = level.expression()
        model.add(expression >= reached if level.maximize else expression <= reached)
    return best, outcomes


def _prepared(
    offered: list[int], best: list[int], levels: Sequence[Level], outcomes: Sequence[LevelOutcome]
) -> list[int]:
    """``offered`` if it keeps the levels reached (``outcomes``) and is no worse on the next one, else ``best``."""
    *done, level = levels
    for earlier, outcome in zip(done, outcomes):
        value = earlier.value(offered)
        if value < outcome.value if earlier.maximize else value > outcome.value:
            return best
    sense = 1 if level.maximize else -1
    return offered if level.value(offered) * sense >= level.value(best) * sense else best


def _near_hint(
    model: cp_model.CpModel,
    level: Level,
    best: list[int],
    hint: Sequence[int],
    clock: Clock,
    stop: Stop,
    search: Search,
    on_progress: Callable[[Progress], None] | None,
) -> list[int]:
    """A solution at ``best``'s value of ``level`` that changes as few anchored choices of ``hint`` as it can.

    A level's first improving solutions can be far from the hint and poor on the
    later levels (a must-meet pair gained, a hundred other meetings lost); the
    closest one keeps the rest of the hint, so the later levels start high.
    """
    reached = level.value(best)
    expression = level.expression()
    model.add(expression >= reached if level.maximize else expression <= reached)
    kept = [v for v in search.anchor if hint[v.index]]
    added = [v for v in search.anchor if not hint[v.index]]
    model.minimize(cp_model.LinearExpr.sum(added) - cp_model.LinearExpr.sum(kept))
    status, solver = _run(
        model, best, clock, stop, search, search.anchor_share, search.label + level.name, on_progress
    )
    model.clear_objective()
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return list(solver.response_proto.solution)
    return best


def _search_level(
    model: cp_model.CpModel,
    level: Level,
    best: list[int],
    clock: Clock,
    stop: Stop,
    search: Search,
    share: float,
    on_progress: Callable[[Progress], None] | None,
) -> tuple[list[int], float | None, bool]:
    if level.maximize:
        model.maximize(level.expression())
    else:
        model.minimize(level.expression())
    status, solver = _run(model, best, clock, stop, search, share, search.label + level.name, on_progress)
    model.clear_objective()
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return best, None, False
    found = list(solver.response_proto.solution)
    sense = 1 if level.maximize else -1
    if level.value(found) * sense <= level.value(best) * sense:
        found = best  # no better on this level: keep the solution that is good on the later ones
    return found, solver.best_objective_bound, status == cp_model.OPTIMAL


def find_solution(
    model: cp_model.CpModel, clock: Clock, stop: Stop, search: Search, hint: Sequence[int] = ()
) -> list[int] | None:
    """Any solution of ``model`` (no objective) within ``clock``, or None; ``hint`` may be partial."""
    status, solver = _run(model, list(hint), clock, stop, search, 1.0, search.label + "placing", None)
    return list(solver.response_proto.solution) if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


def _run(
    model: cp_model.CpModel,
    hint: list[int],
    clock: Clock,
    stop: Stop,
    search: Search,
    share: float,
    phase: str,
    on_progress: Callable[[Progress], None] | None,
) -> tuple[int, cp_model.CpSolver]:
    """One CP-SAT search from a complete hint, for ``share`` of the clock, stoppable at any moment."""
    model.clear_hints()
    if hint:
        model.proto.solution_hint.vars.extend(range(len(hint)))
        model.proto.solution_hint.values.extend(hint)
    solver = cp_model.CpSolver()
    parameters = solver.parameters
    parameters.num_workers = search.workers
    parameters.random_seed = search.seed
    parameters.max_time_in_seconds = max(0.05, clock.left() * share)
    parameters.catch_sigint_signal = False
    if search.workers == 1:
        parameters.interleave_search = False
    deterministic = clock.deterministic_left()
    if deterministic is not None:
        parameters.max_deterministic_time = max(0.01, deterministic * share)
    if search.tuning is not None:
        search.tuning(parameters)
    done = threading.Event()
    watcher = threading.Thread(target=_watch_stop, args=(solver, stop, done), daemon=True)
    watcher.start()
    try:
        status = solver.solve(model, _Watch(phase, clock, stop, on_progress))
    finally:
        done.set()
        watcher.join()
    clock.spend(solver.deterministic_time)
    return status, solver
