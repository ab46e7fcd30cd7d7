"""The slot-indexed CP-SAT model: one Boolean per placement, tables as a count per slot.

Tables are interchangeable, so the model only caps the meetings of a slot at
its free tables and numbers the tables afterwards (no symmetric table
variables). Rules 1, 2, 4, 5 are already kept by which placements exist
(:mod:`matcher.solve.space`); the constraints here are rules 3, 6, 7, 8, 9.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from matcher.solve.choices import ChoiceModel
from matcher.solve.lex import Level
from matcher.solve.space import Placement, SearchSpace


@dataclass(frozen=True)
class _LaneVars:
    """A company-day's positions (choices filling each) and its idle-gap variables."""

    cells: list[list[int]]
    locked: tuple[bool, ...]
    filled: list  # per position: 0/1 or a variable, "meets at this position"
    met: list  # per position: 0/1 or a variable, "meets here or earlier"
    gaps: list  # per position: the gap variable, or None where the gap is fixed


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
        gaps: bool = True,
        floor_goal: tuple[int, int] | None = None,
    ):
        super().__init__(space, context, required, floor_goal)
        self.placements = tuple(space.placements if placements is None else placements)
        for placement in self.placements:
            self.add_choice(placement.pair, self._name(placement))
        self.add_pair_once()
        self._add_one_place_at_a_time()
        self._add_interpreters()
        self._add_tables()
        self.add_counts()
        self.lanes: list[_LaneVars] = []
        self.levels = (*self.choice_levels(), self._gaps()) if gaps else self.choice_levels()

    def _name(self, placement: Placement) -> str:
        a, b = self.space.pairs[placement.pair].companies
        return f"{a}/{b}@{placement.slot}"

    def _add_one_place_at_a_time(self) -> None:
        """Rule 6: a company in one meeting at any moment."""
        slots = self.space.slots
        at_point: dict[tuple[str, int], list[int]] = defaultdict(list)
        for company_id, members in self.by_company.items():
            for n in members:
                for point in slots[self.placements[n].slot].points:
                    at_point[company_id, point].append(n)
        for members in at_point.values():
            if len(members) > 1:
                self.model.add_at_most_one(self.x[n] for n in members)

    def _add_interpreters(self) -> None:
        """Rule 9: at any moment, the meetings needing interpreters from a set fit the set's size.

        Checked for each distinct set of interpreters a meeting could have
        (and all of them together): Hall's condition on those sets, so that
        the matching afterwards almost always finds everyone an interpreter.
        """
        at_point: dict[int, list[int]] = defaultdict(list)
        for n, placement in enumerate(self.placements):
            if placement.helpers:
                for point in self.space.slots[placement.slot].points:
                    at_point[point].append(n)
        for members in at_point.values():
            sets = {frozenset(self.placements[n].helpers) for n in members}
            for group in sets | {frozenset().union(*sets)}:
                inside = [n for n in members if group.issuperset(self.placements[n].helpers)]
                if len(inside) > len(group):
                    self.model.add(sum(self.x[n] for n in inside) <= len(group))

    def _add_tables(self) -> None:
        """Rule 7: no more meetings in a slot than it has free tables."""
        in_slot: dict[int, list[int]] = defaultdict(list)
        for n, placement in enumerate(self.placements):
            in_slot[placement.slot].append(n)
        for slot, members in in_slot.items():
            if len(members) > self.space.free_tables[slot]:
                self.model.add(sum(self.x[n] for n in members) <= self.space.free_tables[slot])

    def _gaps(self) -> Level:
        """Idle gaps: per company-day, each filled position after an empty one with a filled one before.

        ``met[j]`` says whether the company meets at position j or earlier; all
        terms are non-negative, so the search sees at once that gaps >= 0.
        """
        at_slot: dict[tuple[str, int], list[int]] = defaultdict(list)
        for company_id, members in self.by_company.items():
            for n in members:
                at_slot[company_id, self.placements[n].slot].append(n)
        variables, constant = [], 0
        for lane in self.space.lanes:
            cells = [[n for s in cell for n in at_slot.get((lane.company, s), ())] for cell in lane.cells]
            if not any(cells):
                continue
            fixed = lane.locked
            filled = [
                self._filled(cell, held, f"at:{lane.company}:{lane.day}:{j}")
                for j, (cell, held) in enumerate(zip(cells, fixed))
            ]
            met: list = []
            gaps: list = []
            for j, here in enumerate(filled):
                before, met_before = (filled[j - 1], met[j - 1]) if j else (0, 0)
                met.append(self._either(met_before, here, f"met:{lane.company}:{lane.day}:{j}"))
                if any(
                    isinstance(v, int) and v == off for v, off in ((here, 0), (before, 1), (met_before, 0))
                ):
                    gaps.append(None)
                elif all(isinstance(v, int) for v in (here, before, met_before)):
                    constant += 1
                    gaps.append(None)
                else:
                    gap = self.model.new_bool_var(f"gap:{lane.company}:{lane.day}:{j}")
                    self.model.add(gap >= here - before + met_before - 1)
                    gaps.append(gap)
            if self.required:
                # Redundant (Bofill et al.): the positions a company fills are as many as its meetings.
                pairs = {self.pair_of[n] for cell in cells for n in cell}
                self.model.add(sum(filled) == sum(fixed) + len(pairs))
            self.lanes.append(_LaneVars(cells, fixed, filled, met, gaps))
            variables += [g for g in gaps if g is not None]
        return Level(
            "gaps", tuple(variables), (1,) * len(variables), False, offset=constant, ceiling=constant
        )

    def _filled(self, cell: list[int], locked: bool, name: str):
        """Whether a position is filled: 1 when locked, 0 when nothing can fill it, else a variable."""
        if locked or not cell:
            return int(locked)
        if len(cell) == 1:
            return self.x[cell[0]]
        filled = self.model.new_bool_var(name)
        self.model.add(filled == sum(self.x[n] for n in cell))
        return filled

    def _either(self, a, b, name: str):
        """``a or b`` for two 0/1 values, each a constant, a variable or a sum of variables."""
        if isinstance(a, int) and isinstance(b, int):
            return int(a or b)
        if (isinstance(a, int) and a) or (isinstance(b, int) and b):
            return 1
        if isinstance(a, int):
            a, b = b, a
        if isinstance(b, int) and isinstance(a, cp_model.IntVar):
            return a
        either = self.model.new_bool_var(name)
        self.model.add(either >= a)
        self.model.add(either >= b)
        self.model.add(either <= a + b)
        return either

    # -- solutions -------------------------------------------------------------------------
    def hint_for(self, chosen: Collection[int]) -> list[int]:
        """The complete solution that takes exactly the placements ``chosen`` (by placement index)."""
        taken = [int(p.index in chosen) for p in self.placements]
        values = self.choice_hint(taken)
        for lane in self.lanes:
            filled = [locked or any(taken[n] for n in cell) for cell, locked in zip(lane.cells, lane.locked)]
            for here, value in zip(lane.filled, filled):
                if isinstance(here, cp_model.IntVar):
                    values[here.index] = int(value)
            for j, (met, gap) in enumerate(zip(lane.met, lane.gaps)):
                if isinstance(met, cp_model.IntVar):
                    values[met.index] = int(any(filled[: j + 1]))
                if gap is not None:
                    values[gap.index] = int(
                        filled[j] and j > 0 and not filled[j - 1] and any(filled[: j - 1])
                    )
        return values

    def chosen(self, solution: Sequence[int]) -> list[Placement]:
        return [p for p, var in zip(self.placements, self.x) if solution[var.index]]
