"""The pairs model: which pairs meet on which day, before any slot is chosen.

One Boolean per (pair, day) instead of per (pair, slot): a tenth of the slot
model's size, so levels 1-4 of the objective solve to proven optimality in
seconds. Slots, tables and interpreters enter as counts
(Hall's condition on the sets of slots a group of pairs could use); the day's
slot model then places the chosen pairs, and when it places them all the
pairs model's optimum is the schedule's.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from datetime import date

from matcher.domain.instance import ANY_PAIR
from matcher.solve.choices import ChoiceModel
from matcher.solve.space import SearchSpace, max_disjoint

MAX_HALL_SETS = 400  # distinct slot sets per day checked for tables; the rest are covered by the day's total


class PairsModel(ChoiceModel):
    """Choices are (pair, day); ``self.days[n]`` is choice n's day."""

    def __init__(self, space: SearchSpace):
        super().__init__(space)
        self.days: list[date] = []
        self.slot_sets: list[frozenset[int]] = []
        for pair_index, placements in sorted(space.placements_of_pair.items()):
            by_day: dict[date, set[int]] = defaultdict(set)
            for placement in placements:
                by_day[space.slots[placement.slot].day].add(placement.slot)
            a, b = space.pairs[pair_index].companies
            for day, slots in sorted(by_day.items()):
                self.add_choice(pair_index, f"{a}/{b}@{day}")
                self.days.append(day)
                self.slot_sets.append(frozenset(slots))
        self.add_pair_once()
        self.add_counts()
        self._add_company_days()
        self._add_tables()
        self._add_interpreters()
        self.levels = self.choice_levels()

    def _hall(
        self, members: Sequence[int], sets: Sequence[frozenset], capacity, limit: int | None = None
    ) -> None:
        """For each distinct set S among ``sets``: the members whose set lies within S fit S's capacity."""
        distinct = sorted(set(sets), key=lambda s: (len(s), sorted(map(str, s))))
        union = frozenset().union(*distinct) if distinct else frozenset()
        checked = distinct[:limit] if limit is not None else distinct
        for group in [*checked, union] if union not in checked else checked:
            inside = [n for n, s in zip(members, sets) if s <= group]
            room = capacity(group)
            if len(inside) > room:
                self.model.add(sum(self.x[n] for n in inside) <= room)

    def _add_company_days(self) -> None:
        """A company meets at most once at a time: per day, no more pairs than disjoint slots they can use."""
        slots = self.space.slots
        for _company_id, members in sorted(self.by_company.items()):
            by_day: dict[date, list[int]] = defaultdict(list)
            for n in members:
                by_day[self.days[n]].append(n)
            for day_members in by_day.values():
                times = [frozenset(slots[s].interval for s in self.slot_sets[n]) for n in day_members]
                self._hall(day_members, times, max_disjoint)

    def _add_tables(self) -> None:
        """Tables: the pairs that can only use a set of slots fit those slots' room.

        A slot's room is its free tables, or fewer when fewer companies on one
        side could meet in it (each is in one meeting at a time).
        """
        room = self._slot_room()
        for members in self._by_day().values():
            sets = [self.slot_sets[n] for n in members]
            self._hall(members, sets, lambda group: sum(room[s] for s in group), MAX_HALL_SETS)

    def _slot_room(self) -> dict[int, int]:
        space = self.space
        sides: dict[int, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
        for placement in space.placements:
            first, second = space.pairs[placement.pair].companies
            sides[placement.slot][0].add(first)
            sides[placement.slot][1].add(second)
        room = {}
        for slot, (first, second) in sides.items():
            if space.instance.event.pairing == ANY_PAIR:
                matchable = len(first | second) // 2
            else:
                matchable = min(len(first), len(second))
            room[slot] = min(space.free_tables[slot], matchable)
        return room

    def _add_interpreters(self) -> None:
        """Interpreters: the pairs needing one of a set of interpreters fit those interpreters' free times."""
        space, slots = self.space, self.space.slots
        helpers_of: dict[tuple[int, date], set[str]] = defaultdict(set)
        for placement in space.placements:
            helpers_of[placement.pair, slots[placement.slot].day].update(placement.helpers)
        for day, members in self._by_day().items():
            needy = [n for n in members if space.pairs[self.pair_of[n]].needs_interpreter]
            sets = [frozenset(helpers_of[self.pair_of[n], day]) for n in needy]

            def capacity(group: Collection[str], day: date = day) -> int:
                return sum(
                    max_disjoint(slots[s].interval for s in space.interpreter_slots[i] if slots[s].day == day)
                    for i in group
                )

            self._hall(needy, sets, capacity)

    def _by_day(self) -> dict[date, list[int]]:
        found: dict[date, list[int]] = defaultdict(list)
        for n, day in enumerate(self.days):
            found[day].append(n)
        return found

    def hint_for(self, taken_pairs: Iterable[tuple[int, date]]) -> list[int]:
        """The complete solution taking these (pair index, day) choices."""
        wanted = set(taken_pairs)
        return self.choice_hint([int((p, d) in wanted) for p, d in zip(self.pair_of, self.days)])

    def chosen(self, solution: Sequence[int]) -> list[tuple[int, date]]:
        return [(p, d) for p, d, var in zip(self.pair_of, self.days, self.x) if solution[var.index]]
