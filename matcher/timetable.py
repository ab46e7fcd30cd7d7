"""Slot assignment for a given set of meetings: every pair placed once, with the fewest idle gaps.

The pairs are already decided (by the solver's pairs phase, or by a brokerage
forum's requests); this phase only chooses each meeting's slot. It keeps the
nine hard rules around the locked meetings and minimises idle gaps exactly as
:func:`matcher.scoring.idle_gaps` counts them. Tables are interchangeable, so
the model caps each slot's meetings at its free tables and numbers tables
afterwards; interpreters are capped per time and set of fitting interpreters,
then matched.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from matcher.instance import Instance, Interval
from matcher.schedule import Meeting
from matcher.scoring import canonical_pair, idle_gaps
from matcher.solver_space import Lane, Placement, SearchSpace


@dataclass(frozen=True)
class _LaneVars:
    """A company-day's positions: "meets here" per position, and the idle-gap variables."""

    lane: Lane
    busy: list  # per position: a Boolean variable, or 0/1 when fixed
    gaps: list  # Boolean variables: a meeting with one before it but none just before it


class TimetableModel:
    """One Boolean per placement of a given pair; idle gaps counted per company-day."""

    def __init__(self, space: SearchSpace):
        self.space = space
        self.model = cp_model.CpModel()
        self.chosen = [self.model.new_bool_var(f"x{p.index}") for p in space.placements]
        self._at_company_slot: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
        for placement, chosen in zip(space.placements, self.chosen):
            for company_id in space.pairs[placement.pair].companies:
                self._at_company_slot[company_id, placement.slot].append(chosen)
        self._add_each_pair_once()
        self._add_one_place_at_a_time()
        self._add_tables()
        self._add_interpreters()
        self.lanes = [self._lane(lane) for lane in space.lanes]
        self.gaps = [gap for lane in self.lanes for gap in lane.gaps]
        self._add_redundant()
        self.model.minimize(sum(self.gaps))

    def _add_each_pair_once(self) -> None:
        for placements in self.space.placements_of_pair.values():
            self.model.add_exactly_one(self.chosen[p.index] for p in placements)

    def _add_one_place_at_a_time(self) -> None:
        """Rule 6: per company and time point, at most one meeting (parallel sessions share points)."""
        at_point: dict[tuple[str, int], list] = defaultdict(list)
        for (company_id, slot), chosen in self._at_company_slot.items():
            for point in self.space.slots[slot].points:
                at_point[company_id, point] += chosen
        for chosen in at_point.values():
            if len(chosen) > 1:
                self.model.add_at_most_one(chosen)

    def _add_tables(self) -> None:
        """Rule 7 as a count: a slot holds at most its free tables."""
        in_slot: dict[int, list] = defaultdict(list)
        for placement, chosen in zip(self.space.placements, self.chosen):
            in_slot[placement.slot].append(chosen)
        for slot, chosen in in_slot.items():
            if len(chosen) > self.space.free_tables[slot]:
                self.model.add(sum(chosen) <= self.space.free_tables[slot])

    def _add_interpreters(self) -> None:
        """Rule 9 as counts: per time point and set of fitting interpreters, no more meetings than members."""
        at_point: dict[int, list[Placement]] = defaultdict(list)
        for placement in self.space.placements:
            if placement.helpers:
                for point in self.space.slots[placement.slot].points:
                    at_point[point].append(placement)
        for placements in at_point.values():
            for helpers in {frozenset(p.helpers) for p in placements}:
                served = [self.chosen[p.index] for p in placements if helpers.issuperset(p.helpers)]
                if len(served) > len(helpers):
                    self.model.add(sum(served) <= len(helpers))

    def _add_redundant(self) -> None:
        """The paper's redundant counts: busy positions per company, busy companies per slot.

        They follow from the rules, but stated over the "busy" Booleans they
        let the search see at once that a company's meetings need that many
        positions, which is what makes gap-free days found fast.
        """
        per_company: dict[str, list] = defaultdict(list)
        per_slot: dict[int, list] = defaultdict(list)
        in_lanes: set[tuple[str, int]] = set()
        for lane in self.lanes:
            for cell, busy in zip(lane.lane.cells, lane.busy):
                in_lanes.update((lane.lane.company, slot) for slot in cell)
                if not isinstance(busy, int):
                    per_company[lane.lane.company].append(busy)
                    if len(cell) == 1:
                        per_slot[cell[0]].append(busy)
        for (company_id, slot), chosen in self._at_company_slot.items():
            if (company_id, slot) not in in_lanes:
                per_company[company_id] += chosen
        meetings = Counter(company_id for pair in self.space.pairs for company_id in pair.companies)
        for company_id, busy in per_company.items():
            self.model.add(sum(busy) == meetings[company_id])
        for slot, busy in per_slot.items():
            if len(busy) > 2 * self.space.free_tables[slot]:
                self.model.add(sum(busy) <= 2 * self.space.free_tables[slot])

    def _lane(self, lane: Lane) -> _LaneVars:
        """A company-day's idle gaps, as :func:`matcher.scoring.idle_gaps` counts them.

        A meeting at position j leaves a gap when the company met earlier that
        day but at none of the positions ``just_before(j)``: those ending by
        j's start with no whole position between.
        """
        slots = self.space.slots
        intervals = [slots[cell[0]].interval for cell in lane.cells]
        busy = []
        for j, (cell, locked) in enumerate(zip(lane.cells, lane.locked)):
            chosen = [x for s in cell for x in self._at_company_slot.get((lane.company, s), ())]
            if locked or not chosen:
                busy.append(int(locked))
                continue
            here = self.model.new_bool_var(f"busy:{lane.company}:{lane.day}:{j}")
            self.model.add(here == sum(chosen))
            busy.append(here)

        gaps = []
        met = 0  # "met at a position ending by this one's start", built up position by position
        ended: list[int] = []
        for j, interval in enumerate(intervals):
            new = [k for k in range(len(intervals)) if k not in ended and intervals[k].end <= interval.start]
            ended += new
            met = self._either([met, *(busy[k] for k in new)], f"met:{lane.company}:{lane.day}:{j}")
            if _is_false(busy[j]) or _is_false(met):
                continue
            before = [busy[k] for k in ended if _adjacent(intervals, k, j)]
            gap = self.model.new_bool_var(f"gap:{lane.company}:{lane.day}:{j}")
            self.model.add(gap >= busy[j] + met - 1 - sum(before))
            gaps.append(gap)
        return _LaneVars(lane, busy, gaps)

    def _either(self, terms: list, name: str):
        """A variable (or constant) true when any term is."""
        if any(isinstance(t, int) and t for t in terms):
            return 1
        variables = [t for t in terms if not isinstance(t, int)]
        if not variables:
            return 0
        if len(variables) == 1:
            return variables[0]
        either = self.model.new_bool_var(name)
        self.model.add_max_equality(either, variables)
        return either


def _tune(parameters: cp_model.SatParameters) -> None:
    """Core-based search (as MaxSAT solvers do) proves the few idle gaps; the LP worker finds placements."""
    if parameters.num_workers <= 1:
        parameters.optimize_with_core = True
    else:
        parameters.subsolvers.extend(["core", "default_lp", "quick_restart"][: parameters.num_workers])


def _is_false(term) -> bool:
    return isinstance(term, int) and not term


def _adjacent(intervals: Sequence[Interval], k: int, j: int) -> bool:
    """Whether no position lies wholly between position k's end and position j's start."""
    between = Interval(intervals[k].end, intervals[j].start)
    return not any(between.start <= i.start and i.end <= between.end for i in intervals)


@dataclass(frozen=True)
class TimetableResult:
    """What the phase found: the meetings (None when not all placed), their idle gaps and the proven bound."""

    meetings: list[Meeting] | None
    gaps: int | None
    bound: float | None  # no placement of these pairs has fewer idle gaps
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
) -> list[Meeting] | None:
    """Meetings for exactly ``pairs``, placed around ``locked``, with the fewest idle gaps found in time.

    Returns the new meetings only (``locked`` is not repeated), or None when
    they cannot all be placed or no placement was found in time.
    """
    return solve_timetable(
        instance, pairs, locked, time_limit=time_limit, seed=seed, workers=workers, hint=hint,
        should_stop=should_stop,
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
) -> TimetableResult:
    """:func:`timetable` with the search's bound and status, for benchmarks and progress reports."""
    started = time.monotonic()
    keys = {canonical_pair(instance, a, b): 0 for a, b in pairs}
    if len(keys) != len(pairs):
        raise ValueError("a pair is listed twice")
    space = SearchSpace(instance, locked=locked, pairs=keys)

    def result(meetings, status, bound=None) -> TimetableResult:
        gaps = None if meetings is None else idle_gaps(instance, [*locked, *meetings])
        return TimetableResult(meetings, gaps, bound, status, round(time.monotonic() - started, 3))

    if len(space.pairs) < len(keys):
        return result(None, "INFEASIBLE")
    model = TimetableModel(space)
    if hint:
        chosen = space.placements_for(hint)
        for placement, variable in zip(space.placements, model.chosen):
            model.model.add_hint(variable, placement.index in chosen)

    solver = cp_model.CpSolver()
    parameters = solver.parameters
    parameters.num_workers = workers
    parameters.random_seed = seed
    parameters.max_time_in_seconds = max(0.05, time_limit - (time.monotonic() - started))
    parameters.catch_sigint_signal = False
    _tune(parameters)
    status = solver.solve(model.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return result(None, solver.status_name(status))
    picked = [p for p, x in zip(space.placements, model.chosen) if solver.value(x)]
    meetings = space.meetings(picked)
    if len(meetings) < len(keys):
        return result(None, "UNKNOWN")
    return result(meetings, solver.status_name(status), solver.best_objective_bound)
