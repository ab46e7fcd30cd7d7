"""A schedule under construction, placement by placement: what is taken and what still fits.

The solver uses it for quick first-fit placement (a hint for the slot model,
filling leftover room after the search) and the reasons use it to say what
blocks a pair that did not meet.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

from matcher.schedule import Meeting
from matcher.solver_space import Placement, SearchSpace


class Board:
    """Taken times of companies and interpreters, tables used per slot, pairs met, meetings per company."""

    def __init__(self, space: SearchSpace, meetings: Iterable[Meeting] = ()):
        self.space = space
        self.busy: set[tuple[str, int]] = set()  # (company or interpreter id, time point)
        self.tables_used: Counter[int] = Counter()
        self.count: Counter[str] = Counter()
        self.met: set[frozenset[str]] = set()
        self.taken: list[Placement] = []
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

    def _occupy(self, pair: frozenset[str], companies: Iterable[str], slot: int, interpreter: str | None) -> None:
        points = self.space.slots[slot].points
        for who in (*companies, interpreter):
            if who is not None:
                self.busy.update((who, point) for point in points)
        for company_id in companies:
            self.count[company_id] += 1
        self.tables_used[slot] += 1
        self.met.add(pair)

    def blockers(self, placement: Placement) -> list[str]:
        """What keeps this placement out now: ``met``, ``limit``, ``table``, ``interpreter``, ``busy``."""
        space = self.space
        pair = space.pairs[placement.pair]
        points = space.slots[placement.slot].points
        found = []
        if frozenset(pair.companies) in self.met:
            found.append("met")
        if any(self.count[c] >= space.limit[c] for c in pair.companies):
            found.append("limit")
        if self.tables_used[placement.slot] >= space.free_tables[placement.slot]:
            found.append("table")
        if placement.helpers and self._free_helper(placement) is None:
            found.append("interpreter")
        if any((c, p) in self.busy for c in pair.companies for p in points):
            found.append("busy")
        return found

    def fits(self, placement: Placement) -> bool:
        return not self.blockers(placement)

    def _free_helper(self, placement: Placement) -> str | None:
        points = self.space.slots[placement.slot].points
        return next((h for h in placement.helpers if not any((h, p) in self.busy for p in points)), None)

    def take(self, placement: Placement) -> None:
        """Take the placement, with the first interpreter free (if it needs one)."""
        pair = self.space.pairs[placement.pair]
        helper = self._free_helper(placement) if placement.helpers else None
        self._occupy(frozenset(pair.companies), pair.companies, placement.slot, helper)
        self.taken.append(placement)

    def first_fit(self, pairs: Iterable[int], day: date | None = None) -> list[int]:
        """Place each pair, in the order given, in its first placement that fits (on ``day``); return those left out."""
        left = []
        slots = self.space.slots
        for pair_index in pairs:
            for placement in self.space.placements_of_pair.get(pair_index, ()):
                if (day is None or slots[placement.slot].day == day) and self.fits(placement):
                    self.take(placement)
                    break
            else:
                left.append(pair_index)
        return left
