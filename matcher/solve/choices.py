"""What the solver's models share: Booleans that each stand for one pair meeting, and the first four levels.

A *choice* is "this pair meets here": a placement in the slot model, a day in
the pairs model. Whatever a model's choices are, the objective's first four
levels (:mod:`matcher.domain.objective`) count them the same way, so they are
written once, here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from ortools.sat.python import cp_model

from matcher.domain.objective import fairness_floor
from matcher.solve.lex import Level
from matcher.solve.space import SearchSpace


class ChoiceModel:
    """A CP-SAT model of choices; ``context`` counts each company's meetings decided outside it.

    With ``required``, every pair in the model meets (it was picked because it
    fits), and the levels' ceilings are what meeting them all gives. With a
    ``floor_goal`` (held, target), a model that sees only part of the week
    keeps the floor at ``held`` and its floor level counts the meetings still
    missing for ``target`` (the floor as such is a minimum over the whole week).
    """

    def __init__(
        self,
        space: SearchSpace,
        context: Mapping[str, int] | None = None,
        required: bool = False,
        floor_goal: tuple[int, int] | None = None,
    ):
        self.space = space
        self.context = dict(context or {})
        self.required = required
        self.floor_goal = floor_goal
        self.shortfalls: dict[str, tuple[cp_model.IntVar, int]] = {}
        self.model = cp_model.CpModel()
        self.x: list[cp_model.IntVar] = []
        self.pair_of: list[int] = []
        self.by_pair: dict[int, list[int]] = defaultdict(list)
        self.by_company: dict[str, list[int]] = defaultdict(list)

    def add_choice(self, pair_index: int, name: str) -> int:
        n = len(self.x)
        self.x.append(self.model.new_bool_var(name))
        self.pair_of.append(pair_index)
        self.by_pair[pair_index].append(n)
        for company_id in self.space.pairs[pair_index].companies:
            self.by_company[company_id].append(n)
        return n

    # -- rules every model keeps -------------------------------------------------------------
    def add_pair_once(self) -> None:
        """Rule 3: a pair meets at most once (exactly once when the model's pairs are required)."""
        for members in self.by_pair.values():
            if self.required:
                self.model.add_exactly_one(self.x[n] for n in members)
            elif len(members) > 1:
                self.model.add_at_most_one(self.x[n] for n in members)

    def add_counts(self) -> None:
        """Each company's meetings in the model as one variable, capped by its limit (rule 8)."""
        self.count: dict[str, cp_model.IntVar] = {}
        for company_id, members in sorted(self.by_company.items()):
            room = max(0, self.space.limit[company_id] - self.context.get(company_id, 0))
            count = self.model.new_int_var(0, min(room, len(members)), f"meetings:{company_id}")
            self.model.add(count == sum(self.x[n] for n in members))
            self.count[company_id] = count

    # -- levels 1-4 ----------------------------------------------------------------------------
    def held(self, company_id: str) -> int:
        """Meetings the company has outside the model: locked ones and the context's."""
        return self.space.locked_count.get(company_id, 0) + self.context.get(company_id, 0)

    def meetings_of(self, company_id: str) -> cp_model.LinearExprT:
        return self.held(company_id) + self.count[company_id]

    def choice_levels(self) -> tuple[Level, Level, Level, Level]:
        return self._must(), self._companies(), self._floor(), self._score()

    def _must(self) -> Level:
        musts = [n for n, p in enumerate(self.pair_of) if self.space.pairs[p].must]
        ceiling = len({self.pair_of[n] for n in musts})
        return Level("must", tuple(self.x[n] for n in musts), (1,) * len(musts), True, ceiling=ceiling)

    def _companies(self) -> Level:
        """Companies with at least one meeting, among those the model decides."""
        self.covered: dict[str, cp_model.IntVar] = {}
        for company_id, members in sorted(self.by_company.items()):
            if self.held(company_id) == 0:
                flag = self.model.new_bool_var(f"covered:{company_id}")
                count = self.count[company_id]
                self.model.add(count >= flag)
                self.model.add(count <= len(members) * flag)
                self.covered[company_id] = flag
        flags = tuple(self.covered.values())
        return Level("companies", flags, (1,) * len(flags), True, ceiling=len(flags))

    def _floor(self) -> Level:
        """The fairness floor F: every met company has at least min(F, its reach) meetings."""
        if self.floor_goal is not None:
            return self._floor_shortfall(*self.floor_goal)
        reach = self.space.reach
        deciding = [c for c in sorted(self.by_company) if reach[c] >= 2]
        top = max((reach[c] for c in deciding), default=1)
        self.floor_steps = [self.model.new_bool_var(f"floor>={k}") for k in range(2, top + 1)]
        for lower, higher in zip(self.floor_steps, self.floor_steps[1:]):
            self.model.add_implication(higher, lower)
        for company_id in deciding:
            meetings = self.meetings_of(company_id)
            for k in range(2, reach[company_id] + 1):
                condition = [self.floor_steps[k - 2]]
                if company_id in self.covered:
                    condition.append(self.covered[company_id])
                self.model.add(meetings >= k).only_enforce_if(condition)
        steps = tuple(self.floor_steps)
        ceiling = top
        if self.required:
            one_each = {members[0] for members in self.by_pair.values()}
            ceiling = self._floor_value([int(n in one_each) for n in range(len(self.x))])
        return Level("floor", steps, (1,) * len(steps), True, offset=1, ceiling=ceiling)

    def _floor_shortfall(self, held: int, target: int) -> Level:
        """Keep every met company at min(held, reach); count what each lacks of min(target, reach)."""
        self.floor_steps = []
        reach = self.space.reach
        for company_id in sorted(self.by_company):
            condition = [self.covered[company_id]] if company_id in self.covered else []
            meetings = self.meetings_of(company_id)
            floor, goal = min(held, reach[company_id]), min(target, reach[company_id])
            if floor >= 2:
                self.model.add(meetings >= floor).only_enforce_if(condition)
            if goal > floor:
                short = self.model.new_int_var(0, goal, f"short:{company_id}")
                self.model.add(short >= goal - meetings).only_enforce_if(condition)
                self.shortfalls[company_id] = (short, goal)
        shorts = tuple(short for short, _ in self.shortfalls.values())
        return Level("floor", shorts, (-1,) * len(shorts), True, ceiling=0)

    def _score(self) -> Level:
        pairs = self.space.pairs
        weights = tuple(pairs[p].score for p in self.pair_of)
        ceiling = sum(pairs[p].score for p in self.by_pair)
        return Level("score", tuple(self.x), weights, True, ceiling=ceiling)

    def _floor_value(self, taken: Sequence[int]) -> int:
        counts = {c: self.held(c) + sum(taken[n] for n in members) for c, members in self.by_company.items()}
        return fairness_floor(counts, self.space.reach, len(self.floor_steps) + 1)

    def choice_hint(self, taken: Sequence[int]) -> list[int]:
        """A complete solution for the choices ``taken`` (0/1 per choice), auxiliary variables included."""
        values = [0] * len(self.model.proto.variables)
        for var, on in zip(self.x, taken):
            values[var.index] = on
        for company_id, count in self.count.items():
            values[count.index] = sum(taken[n] for n in self.by_company[company_id])
        for company_id, flag in self.covered.items():
            values[flag.index] = int(any(taken[n] for n in self.by_company[company_id]))
        floor = self._floor_value(taken)
        for k, step in enumerate(self.floor_steps, start=2):
            values[step.index] = int(k <= floor)
        for company_id, (short, goal) in self.shortfalls.items():
            have = values[self.count[company_id].index] + self.held(company_id)
            met = company_id not in self.covered or values[self.covered[company_id].index]
            values[short.index] = max(0, goal - have) if met else 0
        return values
