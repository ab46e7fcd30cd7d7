"""A schedule under construction, placement by placement: what is taken and what still fits.

The solver uses it for quick first-fit placement (a hint for the slot model,
filling leftover room after the search) and the reasons use it to say what
blocks a pair that did not meet.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date

from matcher.domain.schedule import Meeting
from matcher.solve.space import Placement, SearchSpace

SLOT_MATES_TRIED = 6  # meetings of a full slot that a repair tries moving to make room


class Board:
    """Taken times of companies and interpreters, tables used per slot, pairs met, meetings per company."""

    def __init__(self, space: SearchSpace, meetings: Iterable[Meeting] = ()):
        self.space = space
        self.busy: set[tuple[str, int]] = set()  # (company or interpreter id, time point)
        self.tables_used: Counter[int] = Counter()
        self.count: Counter[str] = Counter()
        self.met: set[frozenset[str]] = set()
        self._taken: dict[int, Placement] = {}  # by placement index, in the order taken
        self.helper: dict[int, str | None] = {}  # placement index -> the interpreter it was given
        # Placements taken, per slot and per company, by index in the order taken.
        self.by_slot: dict[int, dict[int, Placement]] = defaultdict(dict)
        self.by_company: dict[str, dict[int, Placement]] = defaultdict(dict)
        self._locked = set(space.locked)
        for meeting in meetings:
            self._take_meeting(meeting)

    def _take_meeting(self, meeting: Meeting) -> None:
        """A meeting from outside the space (a locked one is already in the space's own counts)."""
        if meeting in self._locked:
            self.met.add(meeting.pair)
            return
        slot = self.space.slot_at[meeting.session, meeting.start]
        self._occupy(meeting.pair, meeting.companies, slot.index, meeting.interpreter)

    def _occupy(
        self, pair: frozenset[str], companies: Iterable[str], slot: int, interpreter: str | None
    ) -> None:
        points = self.space.slots[slot].points
        for who in (*companies, interpreter):
            if who is not None:
                self.busy.update((who, point) for point in points)
        for company_id in companies:
            self.count[company_id] += 1
        self.tables_used[slot] += 1
        self.met.add(pair)

    def remove(self, placement: Placement) -> None:
        """Give back a placement taken earlier: its companies' and interpreter's time, its table."""
        pair = self.space.pairs[placement.pair]
        helper = self.helper.pop(placement.index, None)
        points = self.space.slots[placement.slot].points
        for who in (*pair.companies, helper):
            if who is not None:
                self.busy.difference_update((who, point) for point in points)
        for company_id in pair.companies:
            self.count[company_id] -= 1
        self.tables_used[placement.slot] -= 1
        self.met.discard(frozenset(pair.companies))
        del self._taken[placement.index]
        del self.by_slot[placement.slot][placement.index]
        for company_id in pair.companies:
            del self.by_company[company_id][placement.index]

    @property
    def taken(self) -> list[Placement]:
        return list(self._taken.values())

    def fits(self, placement: Placement) -> bool:
        """Whether the placement can be taken now: a table, both companies free, under their limits, not met yet, an interpreter if needed."""
        space = self.space
        if self.tables_used[placement.slot] >= space.free_tables[placement.slot]:
            return False
        pair = space.pairs[placement.pair]
        points = space.slots[placement.slot].points
        if any((c, p) in self.busy for c in pair.companies for p in points):
            return False
        if frozenset(pair.companies) in self.met or any(
            self.count[c] >= space.limit[c] for c in pair.companies
        ):
            return False
        return not placement.helpers or self._free_helper(placement) is not None

    def room_for(self, placement: Placement, leaving: tuple[Placement, ...] = ()) -> bool:
        """Whether the slot has a table and the companies are free there once ``leaving`` are given back.

        Nothing changes: the quick test before a move (:meth:`fits` also checks limits,
        pairs met and interpreters).
        """
        space = self.space
        freed_tables = sum(1 for q in leaving if q.slot == placement.slot)
        if self.tables_used[placement.slot] - freed_tables >= space.free_tables[placement.slot]:
            return False
        freed = {
            (c, p) for q in leaving for c in space.pairs[q.pair].companies for p in space.slots[q.slot].points
        }
        return not any(
            (c, p) in self.busy and (c, p) not in freed
            for c in space.pairs[placement.pair].companies
            for p in space.slots[placement.slot].points
        )

    def _free_helper(self, placement: Placement) -> str | None:
        points = self.space.slots[placement.slot].points
        return next((h for h in placement.helpers if not any((h, p) in self.busy for p in points)), None)

    def take(self, placement: Placement) -> None:
        """Take the placement, with the first interpreter free (if it needs one)."""
        pair = self.space.pairs[placement.pair]
        helper = self._free_helper(placement) if placement.helpers else None
        self._occupy(frozenset(pair.companies), pair.companies, placement.slot, helper)
        self._taken[placement.index] = placement
        self.helper[placement.index] = helper
        self.by_slot[placement.slot][placement.index] = placement
        for company_id in pair.companies:
            self.by_company[company_id][placement.index] = placement

    def first_fit(self, pairs: Iterable[int], day: date | None = None) -> list[int]:
        """Place each pair, in the order given, in its first placement that fits (on ``day``); return those left out."""
        left = []
        slots = self.space.slots
        for pair_index in pairs:
            pair = self.space.pairs[pair_index]
            if frozenset(pair.companies) in self.met or any(
                self.count[c] >= self.space.limit[c] for c in pair.companies
            ):
                left.append(pair_index)
                continue
            for placement in self.space.placements_of_pair.get(pair_index, ()):
                if (day is None or slots[placement.slot].day == day) and self.fits(placement):
                    self.take(placement)
                    break
            else:
                left.append(pair_index)
        return left

    def insert_moving_one(self, pair_index: int, day: date | None = None, may_drop: bool = False) -> bool:
        """Place the pair by moving at most one meeting of each of its companies (or one of a full slot) elsewhere.

        For each placement of the pair (on ``day``): the meetings in its way are
        taken off, the pair is placed, and each of them goes to another placement
        of its own that fits; if one does not, everything is put back as it was.
        With ``may_drop`` (for a must-meet pair) a meeting in the way that no
        must-meet request asks for may be dropped instead, if both its companies
        keep another meeting.
        """
        space = self.space
        slots = space.slots
        for placement in space.placements_of_pair.get(pair_index, ()):
            if day is not None and slots[placement.slot].day != day:
                continue
            for moved in self._in_the_way(placement):
                for other in moved:
                    self.remove(other)
                if self.fits(placement):
                    self.take(placement)
                    replaced = []
                    for other in moved:
                        spot = next(
                            (
                                q
                                for q in space.placements_of_pair[other.pair]
                                if q.index != other.index
                                and (day is None or slots[q.slot].day == day)
                                and self.fits(q)
                            ),
                            None,
                        )
                        if spot is None and may_drop and self._droppable(other):
                            continue
                        if spot is None:
                            break
                        self.take(spot)
                        replaced.append(spot)
                    else:
                        return True
                    for spot in replaced:
                        self.remove(spot)
                    self.remove(placement)
                for other in moved:
                    self.take(other)
        return False

    def _droppable(self, placement: Placement) -> bool:
        """A meeting (already taken off) whose loss costs neither a must-meet pair nor a company its last meeting."""
        pair = self.space.pairs[placement.pair]
        return not pair.must and all(self.count[c] >= 1 for c in pair.companies)

    def _in_the_way(self, placement: Placement) -> Iterable[list[Placement] | None]:
        """Sets of taken meetings whose removal may free the placement: the companies' own, then a slot-mate."""
        space = self.space
        pair = space.pairs[placement.pair]
        if frozenset(pair.companies) in self.met or any(
            self.count[c] >= space.limit[c] for c in pair.companies
        ):
            return
        points = set(space.slots[placement.slot].points)
        own = list(
            {
                q
                for c in pair.companies
                for q in self.by_company[c].values()
                if points & set(space.slots[q.slot].points)
            }
        )
        if len(own) > 2:
            return
        yield own
        if self.tables_used[placement.slot] >= space.free_tables[placement.slot]:
            for q in list(self.by_slot[placement.slot].values())[:SLOT_MATES_TRIED]:
                if q not in own:
                    yield [*own, q]


def fewest_first(space: SearchSpace, pair_index: int) -> tuple[int, int]:
    """First-fit order: the pairs with the fewest placements first."""
    return len(space.placements_of_pair[pair_index]), pair_index
