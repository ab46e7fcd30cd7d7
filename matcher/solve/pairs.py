"""The pairs phase: which pairs meet, on which day, for levels 1-4 (must, companies, floor, score).

The pairs model (:mod:`matcher.solve.pairs_model`) relaxes the slots to each
day's capacities, so its proven levels bound every schedule; the days phase
then places each day's picks in its slots.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from matcher.solve.context import Context
from matcher.solve.lex import LevelOutcome, matching_tuning, solve_levels
from matcher.solve.pairs_model import PairsModel
from matcher.solve.space import Placement, SearchSpace


@dataclass(frozen=True)
class Picked:
    """The pairs chosen for each day, with the pairs model's outcome per level."""

    by_day: dict[date, list[int]]
    levels: list[LevelOutcome]

    @property
    def floor(self) -> int:
        return next((o.value for o in self.levels if o.name == "floor"), 1)

    @property
    def proven(self) -> bool:
        return all(o.proven for o in self.levels)

    @property
    def pairs(self) -> list[int]:
        return [pair for pairs in self.by_day.values() for pair in pairs]


def pick_pairs(space: SearchSpace, warm: Sequence[Placement], context: Context) -> Picked:
    """The pairs model from the ``warm`` schedule's pairs and days, level by level, within the context's time."""
    model = PairsModel(space)
    solution, levels = solve_levels(
        model.model,
        context.levels(model.levels),
        model.hint_for((p.pair, space.slots[p.slot].day) for p in warm),
        context.clock,
        context.stop,
        context.search("pairs:", matching_tuning, anchor=model.x),
        context.on_progress,
    )
    if context.bound is not None:
        settled = all(o.proven for o in levels if o.name != "score")
        context.bound(score_bound(levels) if settled else None)
    by_day: dict[date, list[int]] = defaultdict(list)
    for pair_index, day in model.chosen(solution):
        by_day[day].append(pair_index)
    return Picked(dict(by_day), levels)


def score_bound(levels: Iterable[LevelOutcome]) -> float | None:
    return next((o.bound for o in levels if o.name == "score"), None)
