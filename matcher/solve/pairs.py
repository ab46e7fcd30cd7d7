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

from matcher.solve.board import Board, fewest_first
from matcher.solve.context import Context
from matcher.solve.fill import fill
from matcher.solve.lex import LevelOutcome, matching_tuning, solve_levels
from matcher.solve.pairs_model import PairsModel
from matcher.solve.space import Placement, SearchSpace


@dataclass(frozen=True)
class Picked:
    """The pairs chosen for each day, with the pairs model's outcome per level.

    ``scheduled`` holds the schedule the score level started from (the model's
    solution made a schedule, see :func:`_scheduled`), if it got that far.
    """

    by_day: dict[date, list[int]]
    levels: list[LevelOutcome]
    scheduled: list[list[Placement]]

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
    scheduled: list[list[Placement]] = []
    solution, levels = solve_levels(
        model.model,
        context.levels(model.levels),
        model.hint_for((p.pair, space.slots[p.slot].day) for p in warm),
        context.clock,
        context.stop,
        context.search("pairs:", matching_tuning, anchor=model.x),
        context.on_progress,
        lambda level, best: _scheduled(space, model, best, scheduled) if level.name == "score" else best,
    )
    if context.bound is not None:
        settled = all(o.proven for o in levels if o.name != "score")
        context.bound(score_bound(levels) if settled else None)
    by_day: dict[date, list[int]] = defaultdict(list)
    for pair_index, day in model.chosen(solution):
        by_day[day].append(pair_index)
    return Picked(dict(by_day), levels, scheduled)


def _scheduled(
    space: SearchSpace, model: PairsModel, solution: list[int], kept: list[list[Placement]]
) -> list[int]:
    """The pairs model's solution as a schedule, filled: a start for its score level that the days can place.

    The must-meet pairs go in first, then the others, each on its day by first fit
    and single moves (as the days phase begins), then every pair that still fits; the
    model's earlier levels can only have made its solution sparse, and the board keeps
    it a real schedule. The schedule is added to ``kept``: should the days phase place
    the model's final choice worse, this one is still there.
    """
    board = Board(space)
    chosen = model.chosen(solution)
    for pair_index, day in sorted(
        chosen, key=lambda pd: (not space.pairs[pd[0]].must, fewest_first(space, pd[0]))
    ):
        if board.first_fit([pair_index], day):
            board.insert_moving_one(pair_index, day, may_drop=space.pairs[pair_index].must)
    placed = fill(space, board.taken)
    kept.append(placed)
    return model.hint_for((p.pair, space.slots[p.slot].day) for p in placed)


def score_bound(levels: Iterable[LevelOutcome]) -> float | None:
    return next((o.bound for o in levels if o.name == "score"), None)
