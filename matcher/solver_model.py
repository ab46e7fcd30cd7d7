"""The slot-indexed CP-SAT model: one Boolean per placement, tables as a count per slot.

Tables are interchangeable, so the model only caps the meetings of a slot at
its free tables and numbers the tables afterwards (no symmetric table
variables). Rules 1, 2, 4, 5 are already kept by which placements exist
(:mod:`matcher.solver_space`); the constraints here are rules 3, 6, 7, 8, 9.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from matcher.solver_choices import ChoiceModel
from matcher.solver_lex import Level
from matcher.solver_space import Placement, SearchSpace


@dataclass(frozen=True)
class _LaneVars:
    """A company-day's positions (choices filling each) and its idle-gap variables."""

    cells: list[list[int]]
    locked: tuple[bool, ...]
    starts: list[cp_model.IntVar | None]
    any_meeting: cp_model.IntVar


class SlotModel(ChoiceModel):
    """Placements as Booleans, the counting rules as constraints, the objective as five levels.

    ``placements`` narrows the model (a day, a neighbourhood); ``context``
    counts each company's meetings outside it.
    """

    def __init__(
        self,
        space: SearchSpace,
        placements: Iterable[Placement] | None = None,
        context: Mapping[str, int] | None = None,
        required: bool = False,
    ):
        super().__init__(space, context, required)
        self.placements = tuple(space.placements if placements is None else placements)
        for placement in self.placements:
            self.add_choice(placement.pair, self._name(placement))
        self.add_pair_once()
        self._add_one_place_at_a_time()
        self._add_tables()
        self.add_limits()
        self.levels = (*self.choice_levels(), self._gaps())

    def _name(self, placement: Placement) -> str:
        a, b = self.space.pairs[placement.pair].companies
        return f"{a}/{b}@{placement.slot}" + (f"+{placement.interpreter}" if placement.interpreter else "")

    def _add_one_place_at_a_time(self) -> None:
        """Rules 6 and 9: a company, and an interpreter, in one meeting at any moment."""
        slots = self.space.slots
        at_point: dict[tuple[str, int], list[int]] = defaultdict(list)
        for company_id, members in self.by_company.items():
            for n in members:
                for point in slots[self.placements[n].slot].points:
                    at_point[company_id, point].append(n)
        for n, placement in enumerate(self.placements):
            if placement.interpreter is not None:
                for point in slots[placement.slot].points:
                    at_point[placement.interpreter, point].append(n)
        for members in at_point.values():
            if len(members) > 1:
                self.model.add_at_most_one(self.x[n] for n in members)

    def _add_tables(self) -> None:
        """Rule 7: no more meetings in a slot than it has free tables."""
        in_slot: dict[int, list[int]] = defaultdict(list)
        for n, placement in enumerate(self.placements):
            in_slot[placement.slot].append(n)
        for slot, members in in_slot.items():
            if len(members) > self.space.free_tables[slot]:
                self.model.add(sum(self.x[n] for n in members) <= self.space.free_tables[slot])

    def _gaps(self) -> Level:
        """Idle gaps: per company-day, the blocks of back-to-back positions it fills, minus one."""
        at_slot: dict[tuple[str, int], list[int]] = defaultdict(list)
        for company_id, members in self.by_company.items():
            for n in members:
                at_slot[company_id, self.placements[n].slot].append(n)
        self.lanes: list[_LaneVars] = []
        variables, coefficients, constant = [], [], 0
        for lane in self.space.lanes:
            cells = [[n for s in cell for n in at_slot.get((lane.company, s), ())] for cell in lane.cells]
            if not any(cells):
                continue
            occupancy = [1 if locked else sum(self.x[n] for n in cell) for cell, locked in zip(cells, lane.locked)]
            fixed = [locked or not cell for cell, locked in zip(cells, lane.locked)]
            starts: list[cp_model.IntVar | None] = []
            fixed_starts = 0
            for j, here in enumerate(occupancy):
                before, before_fixed = (occupancy[j - 1], fixed[j - 1]) if j else (0, True)
                if fixed[j] and (before_fixed or here == 0):
                    fixed_starts += int(here == 1 and before == 0)
                    starts.append(None)
                    continue
                start = self.model.new_bool_var(f"starts:{lane.company}:{lane.day}:{j}")
                self.model.add(start >= here - before)
                starts.append(start)
            any_meeting = self.model.new_bool_var(f"meets:{lane.company}:{lane.day}")
            for here in occupancy:
                self.model.add(any_meeting >= here)
            self.model.add(any_meeting <= sum(occupancy))
            # Redundant: a day with a meeting has a first block, so a lane never counts below zero.
            self.model.add(sum(s for s in starts if s is not None) + fixed_starts >= any_meeting)
            constant += fixed_starts
            self.lanes.append(_LaneVars(cells, lane.locked, starts, any_meeting))
            variables += [s for s in starts if s is not None] + [any_meeting]
            coefficients += [1] * sum(s is not None for s in starts) + [-1]
        return Level("gaps", tuple(variables), tuple(coefficients), False, offset=constant)

    # -- solutions -------------------------------------------------------------------------
    def hint_for(self, chosen: Collection[int]) -> list[int]:
        """The complete solution that takes exactly the placements ``chosen`` (by placement index)."""
        taken = [int(p.index in chosen) for p in self.placements]
        values = self.choice_hint(taken)
        for lane in self.lanes:
            filled = [locked or any(taken[n] for n in cell) for cell, locked in zip(lane.cells, lane.locked)]
            for j, start in enumerate(lane.starts):
                if start is not None:
                    values[start.index] = int(filled[j] and (j == 0 or not filled[j - 1]))
            values[lane.any_meeting.index] = int(any(filled))
        return values

    def chosen(self, solution: Sequence[int]) -> list[Placement]:
        return [p for p, var in zip(self.placements, self.x) if solution[var.index]]
