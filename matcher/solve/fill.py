"""The fill phase: pairs that still fit go in, and must-meet pairs a start lacks are made room for.

Both work on the occupancy :class:`~matcher.solve.board.Board`, so they are quick
(no model) and keep every rule by construction.
"""

from __future__ import annotations

from collections.abc import Iterable

from matcher.solve.board import Board
from matcher.solve.space import Placement, SearchSpace


def fill(space: SearchSpace, placed: Iterable[Placement]) -> list[Placement]:
    """Add every pair that still fits somewhere, best-scored first; first those that meet a company with none."""
    board = Board(space)
    for placement in placed:
        board.take(placement)
    order = sorted(range(len(space.pairs)), key=lambda p: (-space.pairs[p].score, p))
    for pair_index in order:
        if any(not board.count[c] for c in space.pairs[pair_index].companies):
            board.first_fit([pair_index])
    board.first_fit(order)
    return board.taken


def with_pairs(space: SearchSpace, start: Iterable[Placement], picked: Iterable[int]) -> list[Placement]:
    """The start, with each must-meet pair of ``picked`` it lacks put in where a move or two makes room.

    A company at its limit gives up its lowest-scored meeting that no must-meet
    request asks for; if the pair still does not fit, that meeting comes back.
    """
    board = Board(space)
    for placement in start:
        board.take(placement)
    wanted = sorted(
        (p for p in picked if space.pairs[p].must), key=lambda p: (len(space.placements_of_pair[p]), p)
    )
    for pair_index in wanted:
        pair = space.pairs[pair_index]
        if frozenset(pair.companies) in board.met:
            continue
        given_up = []
        for company_id in pair.companies:
            if board.count[company_id] >= space.limit[company_id]:
                spare = [q for q in board.by_company[company_id].values() if not space.pairs[q.pair].must]
                if spare:
                    given_up.append(min(spare, key=lambda q: (space.pairs[q.pair].score, q.index)))
                    board.remove(given_up[-1])
        placed = board.first_fit([pair_index]) == [] or board.insert_moving_one(pair_index, may_drop=True)
        if not placed:
            for placement in given_up:
                if board.fits(placement):
                    board.take(placement)
    return board.taken
