"""The days phase: each day's picked pairs placed in its slots.

A day is tried on the occupancy board first (first fit, then moving one
meeting aside); if pairs are left, a slot model looks for a placement of all of
them, and failing that places them level by level, so that when some do not
fit, the ones that matter most do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from matcher.solve.board import Board, fewest_first
from matcher.solve.context import Context
from matcher.solve.lex import find_solution, matching_tuning, solve_levels
from matcher.solve.pairs import Picked
from matcher.solve.slot_model import SlotModel
from matcher.solve.space import Placement, SearchSpace

PLACE_ALL_SHARE = 0.3  # of a day's time, to look for a placement of all its picked pairs


def place_days(space: SearchSpace, picked: Picked, context: Context) -> list[Placement]:
    """Each day's picked pairs in its slots: all of them when they fit, else level by level."""
    by_day = picked.by_day
    placed: list[Placement] = []
    remaining = sum(len(pairs) for pairs in by_day.values())
    for day, pairs in sorted(by_day.items()):
        part = context.part(len(pairs) / remaining)
        remaining -= len(pairs)
        placed += _place_day(space, day, pairs, _counts_except(space, by_day, day), picked.floor, part)
    return placed


def _place_day(
    space: SearchSpace, day: date, pairs: list[int], others: Counter[str], floor: int, context: Context
) -> list[Placement]:
    in_day = _in_day(space, pairs, day)
    board = Board(space)
    order = sorted(pairs, key=lambda p: fewest_first(space, p))
    left = board.first_fit(order, day)
    left = [pair for pair in left if not board.insert_moving_one(pair, day, may_drop=space.pairs[pair].must)]
    if not left:
        return board.taken
    hint = {p.index for p in board.taken}
    everyone = SlotModel(space, in_day, others, required=True, gaps=False)
    solution = find_solution(
        everyone.model,
        context.clock.part(PLACE_ALL_SHARE),
        context.stop,
        context.search(f"{day}:"),
        everyone.hint_for(hint),
    )
    if solution is not None:
        return everyone.chosen(solution)
    model = SlotModel(space, in_day, others, gaps=False, floor_goal=(1, floor))
    solution, _ = solve_levels(
        model.model,
        context.levels(model.levels),
        model.hint_for(hint),
        context.clock,
        context.stop,
        context.search(f"{day}:", matching_tuning, anchor=model.x),
        context.on_progress,
    )
    found = _fill_day(space, model.chosen(solution), order, day)
    return max(found, board.taken, key=lambda found: _day_rank(space, found, others))


def _fill_day(
    space: SearchSpace, placed: Iterable[Placement], pairs: Iterable[int], day: date
) -> list[Placement]:
    """The day's placements with each of ``pairs`` added, in order, where it still fits that day.

    A level search cut short can gain a must-meet pair or a company and lose
    hundreds of the day's other pairs; most of those still fit around it.
    """
    board = Board(space)
    for placement in placed:
        board.take(placement)
    board.first_fit(pairs, day)
    return board.taken


def _in_day(space: SearchSpace, pairs: Iterable[int], day: date) -> list[Placement]:
    return [p for pair in pairs for p in space.placements_of_pair[pair] if space.slots[p.slot].day == day]


def _counts_except(space: SearchSpace, by_day: dict[date, list[int]], day: date) -> Counter[str]:
    """Meetings per company on the other days."""
    count: Counter[str] = Counter()
    for other, pairs in by_day.items():
        if other != day:
            for pair_index in pairs:
                count.update(space.pairs[pair_index].companies)
    return count


def _day_rank(space: SearchSpace, placements: list[Placement], others: Counter[str]) -> tuple[int, int, int]:
    """One day's part of the first levels: must-meet pairs, companies met only here, score."""
    pairs = [space.pairs[p.pair] for p in placements]
    met = {company_id for pair in pairs for company_id in pair.companies}
    return (
        sum(pair.must for pair in pairs),
        sum(1 for c in met if not others[c]),
        sum(pair.score for pair in pairs),
    )
