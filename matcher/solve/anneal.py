"""A quick local search for idle gaps: meetings move to other slots or swap slots, the pairs unchanged.

The timetable model (:mod:`matcher.solve.timetable`) finds the fewest idle gaps,
but from a schedule with many gaps a large day costs it tens of seconds to get
going. Moving one meeting to another of its slots, or swapping the slots of
two meetings of one company, removes most gaps in a second or two and hands
the model a far better start. Only moves that keep every rule are made:
a move needs both companies free at all the new slot's times and a free
table there (a swap frees what it takes). Meetings with an interpreter stay
where they are, so interpreters never need re-checking.
"""

from __future__ import annotations

import math
import random
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from matcher.solve.board import Board
from matcher.solve.space import Lane, Placement, SearchSpace
from matcher.solve.timetable_model import adjacent

ROUNDS_PER_MEETING = (
    2000  # tries per movable meeting in a whole run (share=1), the bound that keeps a seeded run reproducible
)
HEAT = (
    0.3,
    0.02,
)  # annealing temperature at the start and the end: a move adding one gap is taken at odds e^(-1/T)


@dataclass
class _Row:
    """A company-day's positions: meetings per position, and which positions come before which."""

    position_of: dict[int, int]  # slot index -> position
    busy: list[int]
    ended: list[list[int]]  # ended[j]: positions ending by j's start
    before: list[list[int]]  # before[j]: of those, the ones with no whole position between them and j

    def gaps(self) -> int:
        busy = self.busy
        return sum(
            1
            for j, here in enumerate(busy)
            if here and any(busy[k] for k in self.ended[j]) and not any(busy[k] for k in self.before[j])
        )


def _row(space: SearchSpace, lane: Lane) -> _Row:
    """The row of a lane, counted as :func:`matcher.domain.scoring.idle_gaps` counts (see TimetableModel._lane)."""
    intervals = [space.slots[cell[0]].interval for cell in lane.cells]
    ended = [
        [k for k, other in enumerate(intervals) if other.end <= interval.start] for interval in intervals
    ]
    before = [[k for k in ended[j] if adjacent(intervals, k, j)] for j in range(len(intervals))]
    position_of = {slot: j for j, cell in enumerate(lane.cells) for slot in cell}
    return _Row(position_of, [int(locked) for locked in lane.locked], ended, before)


class _Board:
    """The occupancy board (:class:`~matcher.solve.board.Board`) with each company-day's row, for counting gaps."""

    def __init__(self, space: SearchSpace, rows: dict[tuple[str, date], _Row]):
        self.space = space
        self.rows = rows
        self.occupied = Board(space)
        self.where: dict[int, Placement] = {}  # pair -> its placement now

    def put(self, placement: Placement) -> None:
        self.occupied.take(placement)
        self._mark(placement, 1)

    def replace(self, old: tuple[Placement, ...], new: tuple[Placement, ...]) -> bool:
        """Give up ``old`` and take ``new`` on the occupancy board, if they all fit; the rows stay."""
        if not all(self.occupied.room_for(placement, old) for placement in new):
            return False
        for placement in old:
            self.occupied.remove(placement)
        for count, placement in enumerate(new):
            if not self.occupied.fits(placement):
                for taken in new[:count]:
                    self.occupied.remove(taken)
                for given_back in old:
                    self.occupied.take(given_back)
                return False
            self.occupied.take(placement)
        return True

    def count(self, old: tuple[Placement, ...], new: tuple[Placement, ...]) -> None:
        """Move the rows' counts from ``old`` to ``new`` (after :meth:`replace`)."""
        for placement in old:
            self._mark(placement, -1)
        for placement in new:
            self._mark(placement, 1)

    def _mark(self, placement: Placement, sign: int) -> None:
        day = self.space.slots[placement.slot].day
        for company_id in self.space.pairs[placement.pair].companies:
            row = self.rows.get((company_id, day))
            if row is not None:
                row.busy[row.position_of[placement.slot]] += sign
        if sign > 0:
            self.where[placement.pair] = placement

    def gaps(self, keys: Iterable[tuple[str, date]]) -> int:
        return sum(self.rows[key].gaps() for key in set(keys) if key in self.rows)

    def keys(self, *placements: Placement) -> list[tuple[str, date]]:
        return [
            (company_id, self.space.slots[p.slot].day)
            for p in placements
            for company_id in self.space.pairs[p.pair].companies
        ]


def compact(
    space: SearchSpace,
    placed: Iterable[Placement],
    seconds: float,
    seed: int = 0,
    should_stop: Callable[[], bool] | None = None,
    share: float = 1.0,
) -> list[Placement]:
    """``placed`` with its meetings moved or swapped for fewer idle gaps, never more; the same pairs meet.

    Simulated annealing, within ``seconds`` and at most ``share`` x ROUNDS_PER_MEETING
    tries per movable meeting; ``should_stop`` ends it early with the best found so far.
    """
    started = time.monotonic()
    placed = list(placed)
    rows = {(lane.company, lane.day): _row(space, lane) for lane in space.lanes}
    board = _Board(space, rows)
    for placement in placed:
        board.put(placement)
    fixed = [p for p in placed if space.pairs[p.pair].needs_interpreter]
    movable = sorted(p.pair for p in placed if not space.pairs[p.pair].needs_interpreter)
    if not movable:
        return placed
    meetings_of: dict[str, list[int]] = defaultdict(list)
    for pair in movable:
        for company_id in space.pairs[pair].companies:
            meetings_of[company_id].append(pair)
    companies = sorted(meetings_of)
    rng = random.Random(seed)
    rounds = max(1, round(share * ROUNDS_PER_MEETING * len(movable)))
    hot, cold = HEAT
    current = best = sum(row.gaps() for row in rows.values())
    best_where = dict(board.where)
    for round_ in range(rounds):
        if round_ % 256 == 0:
            if current < best:
                best, best_where = current, dict(board.where)
            progress = max(round_ / rounds, (time.monotonic() - started) / seconds if seconds > 0 else 1.0)
            if progress >= 1 or (should_stop is not None and should_stop()):
                break
            temperature = hot * (cold / hot) ** progress
        if rng.random() < 0.5:
            current += _try_move(board, rng.choice(movable), rng, temperature)
        else:
            own = meetings_of[rng.choice(companies)]
            if len(own) > 1:
                first, second = rng.sample(own, 2)
                current += _try_swap(board, first, second, rng, temperature)
    if current < best:
        best_where = board.where
    return fixed + [best_where[pair] for pair in movable]


def _accept(added: int, rng: random.Random, temperature: float) -> bool:
    return added <= 0 or rng.random() < math.exp(-added / temperature)


def _try_move(board: _Board, pair: int, rng: random.Random, temperature: float) -> int:
    """Move the pair's meeting to another of its slots, if the annealing takes the change in idle gaps."""
    space = board.space
    now = board.where[pair]
    options = space.placements_of_pair[pair]
    target = options[rng.randrange(len(options))]
    if target.slot == now.slot:
        return 0
    return _change(board, (now,), (target,), rng, temperature)


def _try_swap(board: _Board, first: int, second: int, rng: random.Random, temperature: float) -> int:
    """Swap the slots of two meetings of one company, if both pairs may meet there and the annealing takes it."""
    space = board.space
    a, b = board.where[first], board.where[second]
    if a.slot == b.slot or space.pairs[first].needs_interpreter or space.pairs[second].needs_interpreter:
        return 0
    a_to = _placement_at(space, first, b.slot)
    b_to = _placement_at(space, second, a.slot)
    if a_to is None or b_to is None:
        return 0
    return _change(board, (a, b), (a_to, b_to), rng, temperature)


def _change(
    board: _Board,
    old: tuple[Placement, ...],
    new: tuple[Placement, ...],
    rng: random.Random,
    temperature: float,
) -> int:
    """Replace ``old`` by ``new`` if the board has room and the annealing takes the change in idle gaps.

    Returns that change (0 if not made).
    """
    if not board.replace(old, new):
        return 0
    keys = board.keys(*old, *new)
    before = board.gaps(keys)
    board.count(old, new)
    added = board.gaps(keys) - before
    if _accept(added, rng, temperature):
        return added
    board.replace(new, old)
    board.count(new, old)
    return 0


def _placement_at(space: SearchSpace, pair: int, slot: int) -> Placement | None:
    return next((p for p in space.placements_of_pair[pair] if p.slot == slot), None)
