"""The CP-SAT model of the timetable phase: given pairs in slots, idle gaps counted exactly.

One Boolean per placement (pair, slot) of :mod:`matcher.solve.space`, which
already keeps rules 1-5 and that a pair needing an interpreter has one free.
The constraints here are the counting rules: each pair exactly once, a company
in one meeting at a time, a slot's free tables, interpreters per time and set
of fitting interpreters. Idle gaps are counted per company-day as
:func:`matcher.domain.scoring.idle_gaps` defines them, and the redundant counts of
Bofill et al. (busy positions per company, busy companies per slot) are added
because they are what lets the search find gap-free days fast.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from matcher.domain.instance import Interval
from matcher.solve.space import Lane, Placement, SearchSpace

UNION_LIMIT = 64  # interpreter sets per time point, after closing them under overlapping unions


@dataclass(frozen=True)
class LaneVars:
    """A company-day's positions: "meets here" per position (a Boolean, or 0/1 when fixed), and its gap variables."""

    lane: Lane
    busy: list
    gaps: list


class TimetableModel:
    """Placements as Booleans, the counting rules as constraints, idle gaps as the objective.

    ``placements`` narrows the model to some pairs (all their placements given
    are the pair's choices); by default every pair of the space is placed.
    """

    def __init__(self, space: SearchSpace, placements: Sequence[Placement] | None = None):
        self.space = space
        self.placements = tuple(space.placements if placements is None else placements)
        self.model = cp_model.CpModel()
        self.chosen = {p.index: self.model.new_bool_var(f"x:{p.pair}:{p.slot}") for p in self.placements}
        # Each derived variable with what it is made of, in order of creation, to complete hints.
        self._derived: list[tuple[cp_model.IntVar, Callable[[Callable], int]]] = []
        self.at_company_slot: dict[tuple[str, int], list[cp_model.IntVar]] = defaultdict(list)
        for placement in self.placements:
            for company_id in space.pairs[placement.pair].companies:
                self.at_company_slot[company_id, placement.slot].append(self.chosen[placement.index])
        self._add_each_pair_once()
        self._add_one_place_at_a_time()
        self._add_tables()
        self._add_interpreters()
        self.lanes = [self._lane(lane) for lane in space.lanes]
        self.gaps = [gap for lane in self.lanes for gap in lane.gaps]
        self._add_busy_counts()
        self.model.minimize(sum(self.gaps))

    # -- rules -------------------------------------------------------------------------------
    def _add_each_pair_once(self) -> None:
        of_pair: dict[int, list] = defaultdict(list)
        for placement in self.placements:
            of_pair[placement.pair].append(self.chosen[placement.index])
        for chosen in of_pair.values():
            self.model.add_exactly_one(chosen)

    def _add_one_place_at_a_time(self) -> None:
        """Rule 6: per company and time point, at most one meeting (parallel sessions share points)."""
        at_point: dict[tuple[str, int], list] = defaultdict(list)
        for (company_id, slot), chosen in self.at_company_slot.items():
            for point in self.space.slots[slot].points:
                at_point[company_id, point] += chosen
        for chosen in at_point.values():
            if len(chosen) > 1:
                self.model.add_at_most_one(chosen)

    def _add_tables(self) -> None:
        """Rule 7 as a count: a slot holds at most its free tables (tables are numbered afterwards)."""
        in_slot: dict[int, list] = defaultdict(list)
        for placement in self.placements:
            in_slot[placement.slot].append(self.chosen[placement.index])
        for slot, chosen in in_slot.items():
            if len(chosen) > self.space.free_tables[slot]:
                self.model.add(sum(chosen) <= self.space.free_tables[slot])

    def _add_interpreters(self) -> None:
        """Rule 9 as counts: per time point and set of fitting interpreters, no more meetings than members."""
        at_point: dict[int, list[Placement]] = defaultdict(list)
        for placement in self.placements:
            if placement.helpers:
                for point in self.space.slots[placement.slot].points:
                    at_point[point].append(placement)
        for placements in at_point.values():
            for helpers in _closed_under_union(frozenset(p.helpers) for p in placements):
                self.limit_interpreted([p for p in placements if helpers.issuperset(p.helpers)], len(helpers))

    def limit_interpreted(self, placements: Sequence[Placement], interpreters: int) -> None:
        """At most ``interpreters`` of these placements, which only those interpreters can serve."""
        if len(placements) > interpreters:
            self.model.add(sum(self.chosen[p.index] for p in placements) <= interpreters)

    # -- idle gaps ---------------------------------------------------------------------------
    def _lane(self, lane: Lane) -> LaneVars:
        """A company-day's idle gaps, as :func:`matcher.domain.scoring.idle_gaps` counts them.

        A meeting at position j leaves a gap when the company met earlier that
        day but at none of the positions just before j: those ending by j's
        start with no whole position between. (The earlier meeting just before
        j, if any, is then its previous one, so this is exactly the definition.)
        """
        intervals = [self.space.slots[cell[0]].interval for cell in lane.cells]
        busy = []
        for j, (cell, locked) in enumerate(zip(lane.cells, lane.locked)):
            chosen = [x for slot in cell for x in self.at_company_slot.get((lane.company, slot), ())]
            if locked or not chosen:
                busy.append(int(locked))
                continue
            here = self.model.new_bool_var(f"busy:{lane.company}:{lane.day}:{j}")
            self.model.add(here == sum(chosen))
            self._derived.append((here, lambda value, chosen=chosen: sum(map(value, chosen))))
            busy.append(here)

        gaps = []
        met = 0  # "met at a position ending by j's start", built up position by position
        ended: list[int] = []
        for j, interval in enumerate(intervals):
            new = [k for k in range(len(intervals)) if k not in ended and intervals[k].end <= interval.start]
            ended += new
            met = self._either([met, *(busy[k] for k in new)], f"met:{lane.company}:{lane.day}:{j}")
            if _is_zero(busy[j]) or _is_zero(met):
                continue
            just_before = [busy[k] for k in ended if adjacent(intervals, k, j)]
            if any(b == 1 for b in just_before if isinstance(b, int)):
                continue
            gap = self.model.new_bool_var(f"gap:{lane.company}:{lane.day}:{j}")
            terms = [busy[j], met, -1, *(-1 * b for b in just_before)]
            self.model.add(gap >= sum(terms))
            self._derived.append(
                (
                    gap,
                    lambda value, here=busy[j], met=met, before=just_before: int(
                        value(here) + value(met) - 1 - sum(map(value, before)) > 0
                    ),
                )
            )
            gaps.append(gap)
        return LaneVars(lane, busy, gaps)

    def _either(self, terms: list, name: str):
        """A Boolean (or 0/1) true when any term is."""
        if any(isinstance(t, int) and t for t in terms):
            return 1
        variables = [t for t in terms if not isinstance(t, int)]
        if len(variables) <= 1:
            return variables[0] if variables else 0
        either = self.model.new_bool_var(name)
        self.model.add_max_equality(either, variables)
        self._derived.append((either, lambda value: max(map(value, variables))))
        return either

    def _add_busy_counts(self) -> None:
        """Redundant counts: a company is busy at as many positions as it has meetings; a slot's busy companies fit 2 x its tables."""
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
        for (company_id, slot), chosen in self.at_company_slot.items():
            if (company_id, slot) not in in_lanes:
                per_company[company_id] += chosen
        pairs = {placement.pair for placement in self.placements}
        meetings = Counter(company_id for pair in pairs for company_id in self.space.pairs[pair].companies)
        for company_id, busy in per_company.items():
            self.model.add(sum(busy) == meetings[company_id])
        for slot, busy in per_slot.items():
            if len(busy) > 2 * self.space.free_tables[slot]:
                self.model.add(sum(busy) <= 2 * self.space.free_tables[slot])

    # -- solutions ---------------------------------------------------------------------------
    def hint(self, placements: Iterable[int]) -> None:
        """Start the search from these placements (indexes); every derived variable is hinted too.

        A complete hint is a solution CP-SAT takes at once; with only the
        placements hinted it had to rebuild one (18 s on a grand-size day).
        """
        chosen = set(placements)
        values = {variable.index: int(index in chosen) for index, variable in self.chosen.items()}

        def value(term) -> int:
            return term if isinstance(term, int) else values[term.index]

        for variable, made_of in self._derived:
            values[variable.index] = made_of(value)
        self.model.clear_hints()
        for variable in self.chosen.values():
            self.model.add_hint(variable, values[variable.index])
        for variable, _ in self._derived:
            self.model.add_hint(variable, values[variable.index])

    def chosen_placements(self, solver: cp_model.CpSolver) -> list[Placement]:
        return [p for p in self.placements if solver.value(self.chosen[p.index])]


def _is_zero(term) -> bool:
    return isinstance(term, int) and not term


def adjacent(intervals: Sequence[Interval], k: int, j: int) -> bool:
    """Whether no position lies wholly between position k's end and position j's start."""
    after, before = intervals[k].end, intervals[j].start
    return not any(after <= i.start and i.end <= before for i in intervals)


def _closed_under_union(sets: Iterable[frozenset[str]]) -> set[frozenset[str]]:
    """The sets and the unions of overlapping ones (Hall's condition over them), up to UNION_LIMIT sets."""
    found = set(sets)
    frontier = list(found)
    while frontier and len(found) < UNION_LIMIT:
        current = frontier.pop()
        for other in list(found):
            union = current | other
            if current & other and union not in found:
                found.add(union)
                frontier.append(union)
    return found
