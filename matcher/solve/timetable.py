"""Slot assignment for given meetings: every pair placed once, with the fewest idle gaps.

The pairs are already decided (by the solver's pairs phase, or by a brokerage
forum's requests); this phase only chooses each meeting's slot. It keeps the
nine hard rules around the locked meetings and minimises idle gaps exactly as
:func:`matcher.domain.scoring.idle_gaps` counts them (:mod:`matcher.solve.timetable_model`).
Tables are interchangeable, so the model caps each slot's meetings at its free
tables and tables are numbered afterwards; interpreters are capped per time and
set of fitting interpreters, then matched.
"""

from __future__ import annotations

import math
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date

from ortools.sat.python import cp_model

from matcher.domain.instance import Instance
from matcher.domain.schedule import Meeting
from matcher.domain.scoring import canonical_pair, idle_gaps
from matcher.solve.space import Placement, SearchSpace, assign_interpreters
from matcher.solve.timetable_model import TimetableModel
from matcher.solve.timetable_sat import Decided, decide_gaps
from matcher.solve.timetable_sat import applies as gap_decisions_apply

INTERPRETER_ROUNDS = 5  # re-solves when interpreters cannot be matched to the placements found


@dataclass(frozen=True)
class TimetableResult:
    """What the phase found: the new meetings (None unless all placed), their idle gaps and the proven bound."""

    meetings: list[Meeting] | None
    gaps: int | None  # idle gaps of the locked and new meetings together
    bound: float | None  # no placement of these pairs around the locked meetings has fewer idle gaps
    status: str  # OPTIMAL, FEASIBLE, INFEASIBLE (proven impossible) or UNKNOWN (nothing found in time)
    seconds: float


def timetable(
    instance: Instance,
    pairs: Sequence[tuple[str, str]],
    locked: Sequence[Meeting] = (),
    *,
    time_limit: float,
    seed: int = 0,
    workers: int = 2,
    hint: Sequence[Meeting] = (),
    should_stop: Callable[[], bool] | None = None,
    deterministic_time: float | None = None,
) -> list[Meeting] | None:
    """Meetings for exactly ``pairs``, placed around ``locked``, with the fewest idle gaps found in time.

    Returns the new meetings only (``locked`` is not repeated), or None when
    they cannot all be placed or no placement was found in time. ``hint`` (a
    schedule of these pairs, such as the one they come from) is where the
    search starts; ``should_stop`` ends it early with the best found so far;
    ``deterministic_time`` (CP-SAT's units) makes a run reproducible.
    """
    return solve_timetable(
        instance,
        pairs,
        locked,
        time_limit=time_limit,
        seed=seed,
        workers=workers,
        hint=hint,
        should_stop=should_stop,
        deterministic_time=deterministic_time,
    ).meetings


def solve_timetable(
    instance: Instance,
    pairs: Sequence[tuple[str, str]],
    locked: Sequence[Meeting] = (),
    *,
    time_limit: float,
    seed: int = 0,
    workers: int = 2,
    hint: Sequence[Meeting] = (),
    should_stop: Callable[[], bool] | None = None,
    deterministic_time: float | None = None,
) -> TimetableResult:
    """:func:`timetable` with the idle gaps, the proven bound and the status, for benchmarks and reports."""
    started = time.monotonic()
    keys = [canonical_pair(instance, a, b) for a, b in pairs]
    if len(set(keys)) != len(keys):
        twice = next(key for key, n in Counter(keys).items() if n > 1)
        raise ValueError(f"pair {'/'.join(twice)} is listed twice; a pair meets at most once")
    space = SearchSpace(instance, locked=locked, pairs=dict.fromkeys(keys, 0))

    def result(meetings: list[Meeting] | None, status: str, bound: float | None = None) -> TimetableResult:
        gaps = None if meetings is None else idle_gaps(instance, [*locked, *meetings])
        return TimetableResult(meetings, gaps, bound, status, round(time.monotonic() - started, 3))

    if not _could_fit(space, len(keys)):
        return result(None, "INFEASIBLE")
    hinted = [space.placements[n] for n in space.placements_for(hint)]
    search = TimetableSearch(seed, workers, should_stop)
    seconds = time_limit - (time.monotonic() - started)
    found = place_pairs(space, space.placements, hinted, search, seconds, deterministic_time)
    meetings = None if found.placements is None else space.meetings(found.placements)
    return result(meetings, found.status, found.bound if found.placements is not None else None)


def place_pairs(
    space: SearchSpace,
    placements: Sequence[Placement],
    hint: Iterable[Placement],
    search: TimetableSearch,
    seconds: float,
    deterministic: float | None = None,
) -> Placed:
    """Each pair of ``placements`` in one of its slots, the fewest idle gaps found within the budget.

    ``placements`` are all the choices of the pairs to place (a solver's space
    may hold other pairs: they are left out); ``hint``, when it places every
    pair, is where the search starts and what a day group keeps if it finds
    nothing better. ``deterministic`` is a budget in CP-SAT's deterministic
    units, shared out like the seconds, for reproducible runs.
    """
    deadline = time.monotonic() + seconds
    hinted = list(hint)
    groups = _day_groups(space, placements)
    sizes = [len({p.pair for p in group}) for group in groups]
    chosen: list[Placement] = []
    bound, statuses, spent = 0.0, set(), 0.0
    for n, group in enumerate(groups):
        fraction = sizes[n] / sum(sizes[n:])
        share = None if deterministic is None else (deterministic - spent) * fraction
        if deterministic is None and time.monotonic() >= deadline:
            found = _as_hinted(group, hinted)  # no time left to build this group's model: keep where it is
        elif deterministic is None and gap_decisions_apply(space, group):
            found = _place_deciding(space, group, hinted, search, (deadline - time.monotonic()) * fraction)
        else:
            found = search.place(
                TimetableModel(space, group), hinted, (deadline - time.monotonic()) * fraction, share
            )
        spent += found.spent
        if found.placements is None:
            return Placed(None, found.status, spent=spent)
        chosen += found.placements
        bound += found.bound
        statuses.add(found.status)
    return Placed(chosen, "OPTIMAL" if statuses <= {"OPTIMAL"} else "FEASIBLE", bound, spent)


def _place_deciding(
    space: SearchSpace,
    group: Sequence[Placement],
    hinted: Sequence[Placement],
    search: TimetableSearch,
    seconds: float,
) -> Placed:
    """CP-SAT, with decision searches on the gap count beside it in a thread; the first to settle the day ends both.

    The decisions answer "at most k gaps?" for k from 0 up: the first yes is an
    optimum and stops CP-SAT; each no is a bound CP-SAT's core search may not
    prove, and once it reaches CP-SAT's best count that schedule is proven
    optimal. Neither search is cut short to make room for the other.
    """
    best = [math.inf]  # CP-SAT's fewest gaps so far
    settled, done = threading.Event(), threading.Event()

    def improved(gaps: float, bound: float) -> None:
        best[0] = min(best[0], gaps)
        if search.on_solution is not None:
            search.on_solution(gaps, bound)

    decided: list[Decided] = []

    def decide() -> None:
        decided.append(
            decide_gaps(
                space, group, 0, lambda: best[0], seconds, lambda: done.is_set() or _stopped(search), settled
            )
        )

    beside = threading.Thread(target=decide, daemon=True)
    beside.start()
    racing = replace(search, should_stop=lambda: settled.is_set() or _stopped(search), on_solution=improved)
    try:
        found = racing.place(TimetableModel(space, group), hinted, seconds)
    finally:
        done.set()
        beside.join()
    answer = decided[0] if decided else Decided(None, None, 0)
    if answer.placements is not None and (found.gaps is None or answer.gaps <= found.gaps):
        if search.on_solution is not None:
            search.on_solution(answer.gaps, answer.gaps)
        return Placed(answer.placements, "OPTIMAL", answer.gaps, found.spent, answer.gaps)
    if found.placements is None or found.gaps is None:
        return found
    bound = max(found.bound, answer.bound)
    status = "OPTIMAL" if bound >= found.gaps - 1e-6 else found.status
    return Placed(found.placements, status, bound, found.spent, found.gaps)


def _stopped(search: TimetableSearch) -> bool:
    return search.should_stop is not None and search.should_stop()


def _as_hinted(group: Sequence[Placement], hinted: Sequence[Placement]) -> Placed:
    """The group's pairs where the hint has them, when it has them all (else nothing)."""
    indexes = {p.index for p in group}
    kept = [p for p in hinted if p.index in indexes]
    if len({p.pair for p in kept}) != len({p.pair for p in group}):
        return Placed(None, "UNKNOWN")
    return Placed(kept, "FEASIBLE")


@dataclass(frozen=True)
class Placed:
    """Placements of every pair asked for (None when not found), their status and proven gap bound."""

    placements: list[Placement] | None
    status: str
    bound: float = 0.0
    spent: float = 0.0  # CP-SAT's deterministic time used
    gaps: float | None = None  # the placements' idle gaps, when a search counted them


@dataclass(frozen=True)
class TimetableSearch:
    """How each CP-SAT search of one call runs; ``on_solution(gaps, bound)`` hears of each better placement."""

    seed: int
    workers: int
    should_stop: Callable[[], bool] | None = None
    on_solution: Callable[[float, float], None] | None = None

    def place(
        self,
        model: TimetableModel,
        hint: Iterable[Placement],
        seconds: float,
        deterministic: float | None = None,
    ) -> Placed:
        """The model's best placements within the budget, re-solved while interpreters cannot be matched."""
        given = [p for p in hint if p.index in model.chosen]
        fallback = given if len({p.pair for p in given}) == len({p.pair for p in model.placements}) else None
        model.hint(p.index for p in given)
        spent = 0.0
        for _ in range(INTERPRETER_ROUNDS):
            left = None if deterministic is None else deterministic - spent
            solver, status = self._solve(model, seconds, left)
            spent += solver.deterministic_time
            if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
                if fallback:
                    return Placed(fallback, "FEASIBLE", spent=spent)
                return Placed(None, solver.status_name(status), spent=spent)
            chosen = model.chosen_placements(solver)
            missing = _unmatched_interpreters(model.space, chosen)
            if not missing:
                return Placed(
                    chosen,
                    solver.status_name(status),
                    solver.best_objective_bound,
                    spent,
                    solver.objective_value,
                )
            model.limit_interpreted(missing, len(missing) - 1)
            model.hint(p.index for p in chosen)
            seconds -= solver.wall_time
        return Placed(fallback, "FEASIBLE", spent=spent) if fallback else Placed(None, "UNKNOWN", spent=spent)

    def _solve(
        self, model: TimetableModel, seconds: float, deterministic: float | None
    ) -> tuple[cp_model.CpSolver, int]:
        solver = cp_model.CpSolver()
        parameters = solver.parameters
        parameters.num_workers = self.workers
        parameters.random_seed = self.seed
        parameters.max_time_in_seconds = max(0.05, seconds)
        if deterministic is not None:
            parameters.max_deterministic_time = max(0.01, deterministic)
        parameters.catch_sigint_signal = False
        tune(parameters)
        callback = _Improved(self.on_solution) if self.on_solution is not None else None
        with _stopping(solver, self.should_stop):
            status = solver.solve(model.model, callback)
        return solver, status


class _Improved(cp_model.CpSolverSolutionCallback):
    """Passes each better placement's idle gaps and the bound on to a progress report."""

    def __init__(self, report: Callable[[float, float], None]):
        super().__init__()
        self._report = report

    def on_solution_callback(self) -> None:
        self._report(self.objective_value, self.best_objective_bound)


def _day_groups(space: SearchSpace, placements: Sequence[Placement]) -> list[list[Placement]]:
    """The placements in groups of days that no pair links: days share nothing else, so each group is searched alone."""
    parent: dict[date, date] = {day: day for day in space.days}
    of_pair: dict[int, list[Placement]] = defaultdict(list)
    for placement in placements:
        of_pair[placement.pair].append(placement)

    def root(day: date) -> date:
        while parent[day] != day:
            parent[day] = parent[parent[day]]
            day = parent[day]
        return day

    for choices in of_pair.values():
        days = [space.slots[p.slot].day for p in choices]
        for day in days[1:]:
            parent[root(day)] = root(days[0])
    groups: dict[date, list[Placement]] = defaultdict(list)
    for placement in placements:
        groups[root(space.slots[placement.slot].day)].append(placement)
    return [groups[day] for day in sorted(groups)]


def _could_fit(space: SearchSpace, wanted: int) -> bool:
    """Every pair has a slot open to it, and no company is asked for more meetings than its limit allows."""
    meetings = Counter(company_id for pair in space.pairs for company_id in pair.companies)
    return len(space.pairs) == wanted and all(n <= space.limit[c] for c, n in meetings.items())


def tune(parameters: cp_model.SatParameters) -> None:
    """Core-based search (as MaxSAT solvers do) proves the few idle gaps; the other worker's LNS finds placements."""
    if parameters.num_workers <= 1:
        parameters.optimize_with_core = True
    else:
        parameters.subsolvers.append("core")
        parameters.subsolvers.extend(["default_lp", "quick_restart"][: parameters.num_workers - 2])


@contextmanager
def _stopping(solver: cp_model.CpSolver, should_stop: Callable[[], bool] | None) -> Iterator[None]:
    """While the search runs, ``should_stop`` is polled and ends it with the best found so far."""
    if should_stop is None:
        yield
        return
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            if should_stop():
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()


def _unmatched_interpreters(space: SearchSpace, chosen: Sequence[Placement]) -> list[Placement]:
    """The placements of one slot interval that the interpreters cannot all serve at once, if any."""
    helped = assign_interpreters(space, chosen)
    for placement in chosen:
        if placement.helpers and placement.index not in helped:
            interval = space.slots[placement.slot].interval
            return [p for p in chosen if p.helpers and space.slots[p.slot].interval.overlaps(interval)]
    return []
