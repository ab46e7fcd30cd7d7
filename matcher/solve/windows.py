"""Large-neighbourhood search: free a few time points of one day, re-solve them exactly, keep what is better.

Every meeting inside the window is set free and every candidate pair that
could meet there (not meeting elsewhere, with room under its limits) may take
its place; meetings outside stay as they are and count as context. The small
slot model is solved level by level from the current schedule, so a window
never makes the schedule worse.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from datetime import date

from matcher.domain.objective import fairness_floor
from matcher.solve.context import Clock, Context, Search, Stop
from matcher.solve.lex import matching_tuning, solve_levels
from matcher.solve.slot_model import SlotModel
from matcher.solve.space import Placement, SearchSpace

WINDOW_TABLES = 48  # a window spans as many consecutive time points as hold about this many tables
WINDOW_SECONDS = 2.0  # at most, per window
WINDOW_OVERHEAD = 0.01  # deterministic units charged per window, so that a budget always runs out
RAISING_SHARE = (
    0.4  # of the time, for windows that raise the fairness floor; if none did, the rest is for the score
)


class Incumbent:
    """The current placements, indexed by slot and company."""

    def __init__(self, space: SearchSpace, placements: Iterable[Placement]):
        self.space = space
        self.by_slot: dict[int, set[int]] = defaultdict(set)
        for placement in placements:
            self.by_slot[placement.slot].add(placement.index)

    def placements(self) -> list[Placement]:
        return [self.space.placements[n] for members in self.by_slot.values() for n in sorted(members)]

    def replace(self, slots: Iterable[int], placements: Iterable[Placement]) -> None:
        for slot in slots:
            self.by_slot.pop(slot, None)
        for placement in placements:
            self.by_slot[placement.slot].add(placement.index)


class Windows:
    """Random windows of consecutive time points within a day, closed under overlapping slots."""

    def __init__(self, space: SearchSpace, seed: int):
        self.space = space
        self.rng = random.Random(seed)
        self.points_of_day: dict[date, list[int]] = defaultdict(list)
        for slot in space.slots:
            for point in slot.points:
                if point not in self.points_of_day[slot.day]:
                    self.points_of_day[slot.day].append(point)
        for points in self.points_of_day.values():
            points.sort()
        self.slots_at: dict[int, list[int]] = defaultdict(list)
        for slot in space.slots:
            for point in slot.points:
                self.slots_at[point].append(slot.index)

    def next(self) -> set[int]:
        day = self.rng.choice(sorted(self.points_of_day))
        points = self.points_of_day[day]
        tables = sum(self.space.slots[s].session.tables for p in points for s in self.slots_at[p]) / len(
            points
        )
        widths = (max(1, round(WINDOW_TABLES / tables)), max(1, round(1.5 * WINDOW_TABLES / tables)))
        width = min(len(points), self.rng.choice(widths))
        first = self.rng.randrange(len(points) - width + 1)
        wanted = set(points[first : first + width])
        slots = {s for p in wanted for s in self.slots_at[p]}
        # Close the window: a slot reaching beyond it pulls in the points it covers.
        while True:
            more = {
                s for slot in slots for p in self.space.slots[slot].points for s in self.slots_at[p]
            } - slots
            if not more:
                return slots
            slots |= more


def improve(
    space: SearchSpace,
    start: Iterable[Placement],
    context: Context,
    floor_cap: int | None = None,
    floor_only: bool = False,
) -> list[Placement]:
    """The windows phase: window after window until the context's time runs out; the schedule only gets better.

    The fairness floor is raised one step at a time up to ``floor_cap``: the
    windows keep the floor reached and close the shortfall to the next step,
    ahead of the score. A shortfall closed only in part is no gain (the floor is
    a minimum), so if RAISING_SHARE of the time raises no step, the windows go
    on from the better of the start and where they got to, for the score alone.
    With ``floor_only`` (the MIP has just proven the score), all the time goes to raising the floor.
    """
    top = max(space.reach.values(), default=1) if floor_cap is None else floor_cap
    by_slot: dict[int, list[Placement]] = defaultdict(list)
    for placement in space.placements:
        by_slot[placement.slot].append(placement)

    def floor_of(placements: Iterable[Placement]) -> int:
        return fairness_floor(_counts(space, placements), space.reach, top)

    def windows(raising: bool) -> Callable[[list[Placement], set[int], set[int]], SlotModel]:
        def window(current: list[Placement], inside: set[int], slots: set[int]) -> SlotModel:
            held = floor_of(current)
            outside = [p for p in current if p.index not in inside]
            met_outside = {p.pair for p in outside}
            candidates = [p for slot in sorted(slots) for p in by_slot[slot] if p.pair not in met_outside]
            others = _counts(space, outside) - Counter(space.locked_count)
            goal = (held, min(held + 1, top) if raising else held)
            return SlotModel(space, candidates, others, gaps=False, floor_goal=goal)

        return window

    search = context.search("window:", matching_tuning)
    clock, stop = context.clock, context.stop
    start = list(start)
    held = floor_of(start)
    chosen = Windows(space, search.seed)
    if held >= top:
        return (
            start
            if floor_only
            else _windows(space, start, clock, stop, search, chosen, windows(raising=False))
        )
    if floor_only:
        return _windows(space, start, clock, stop, search, chosen, windows(raising=True))
    raised = _windows(space, start, clock.part(RAISING_SHARE), stop, search, chosen, windows(raising=True))
    if floor_of(raised) > held:
        return _windows(space, raised, clock, stop, search, chosen, windows(raising=True))
    better = max(raised, start, key=lambda placements: space.rank(placements))
    return _windows(space, better, clock, stop, search, chosen, windows(raising=False))


def _windows(
    space: SearchSpace,
    start: Iterable[Placement],
    clock: Clock,
    stop: Stop,
    search: Search,
    windows: Windows,
    window: Callable[[list[Placement], set[int], set[int]], SlotModel],
) -> list[Placement]:
    """Re-solve window after window (each at most WINDOW_SECONDS) while time is left."""
    incumbent = Incumbent(space, start)
    while clock.running() and not stop.requested():
        clock.spend(WINDOW_OVERHEAD)
        slots = windows.next()
        inside = {n for slot in slots for n in incumbent.by_slot.get(slot, ())}
        model = window(incumbent.placements(), inside, slots)
        part = clock.at_most(WINDOW_SECONDS)
        solution, _ = solve_levels(model.model, model.levels, model.hint_for(inside), part, stop, search)
        incumbent.replace(slots, model.chosen(solution))
    return incumbent.placements()


def _counts(space: SearchSpace, placements: Iterable[Placement]) -> Counter[str]:
    """Meetings per company among these placements, the locked meetings included."""
    count: Counter[str] = Counter(space.locked_count)
    for placement in placements:
        count.update(space.pairs[placement.pair].companies)
    return count
