"""Where each candidate pair could still meet: slots, free tables and interpreters.

The solver's decisions are *placements* (pair, slot). This module lists the
placements that keep the rules about who, where and when (1-5, and that a
pair without a shared language has some interpreter free) around the locked
meetings, so the models only add the counting rules: a pair meets once, a
company is in one meeting at a time, tables and interpreters per slot, limits.
Which interpreter and which table a meeting gets is settled afterwards.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property

from matcher.domain import rules
from matcher.domain.instance import Company, Instance, Interval, Session
from matcher.domain.objective import objective_parts, ranking
from matcher.domain.rules import must_pairs, shares_language, speaks_for
from matcher.domain.schedule import Meeting
from matcher.domain.scoring import DEFAULT_WEIGHTS, Weights, candidate_pairs, request_sessions

SHORTLIST_ABOVE = 10_000  # candidate pairs; above this, unrequested pairs are shortlisted per company


@dataclass(frozen=True)
class Slot:
    """One slot of a session; ``points`` are the time points (indexes) it covers."""

    index: int
    session: Session
    interval: Interval
    points: tuple[int, ...]

    @property
    def day(self) -> date:
        return self.interval.start.date()


@dataclass(frozen=True)
class Pair:
    """A candidate pair, ids in canonical order, with its score under the solve's weights."""

    index: int
    companies: tuple[str, str]
    score: int
    must: bool
    needs_interpreter: bool


@dataclass(frozen=True)
class Placement:
    """Pair ``pair`` meets in slot ``slot``; ``helpers`` are the interpreters it may have there."""

    index: int
    pair: int
    slot: int
    helpers: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lane:
    """A company's day as an ordered row of positions, for counting idle gaps.

    Each position is a slot interval of a session admitting the company that no
    seminar it attends overlaps; ``cells[j]`` holds the slot indexes with that
    interval. Positions next to each other in the row leave no idle gap.
    """

    company: str
    day: date
    cells: tuple[tuple[int, ...], ...]
    locked: tuple[bool, ...]


class Busy:
    """Intervals during which someone cannot meet, searchable by overlap."""

    def __init__(self, intervals: Iterable[Interval]):
        self._intervals = sorted(intervals)
        self._starts = [i.start for i in self._intervals]
        self._longest = max((i.end - i.start for i in self._intervals), default=None)

    def overlaps(self, interval: Interval) -> bool:
        if self._longest is None:
            return False
        i = bisect_left(self._starts, interval.start - self._longest)
        while i < len(self._intervals) and self._intervals[i].start < interval.end:
            if self._intervals[i].overlaps(interval):
                return True
            i += 1
        return False


class SearchSpace:
    """Everything the models need about an instance, its locked meetings and its weights."""

    def __init__(
        self,
        instance: Instance,
        weights: Weights = DEFAULT_WEIGHTS,
        locked: Sequence[Meeting] = (),
        pairs: dict[tuple[str, str], int] | None = None,
    ):
        self.instance = instance
        self.weights = weights
        self.locked = tuple(locked)
        self.slots = self._build_slots()
        self.busy = self._build_busy()
        self.free_tables = self._free_tables()
        self.limit = self._limits()
        scored = shortlist(instance, candidate_pairs(instance, weights)) if pairs is None else pairs
        self.pairs, self.placements = self._build_placements(scored)

    # -- time ------------------------------------------------------------------------------
    @cached_property
    def points(self) -> tuple[datetime, ...]:
        return tuple(sorted({slot.start for session in self.instance.sessions for slot in session.slots}))

    def _build_slots(self) -> tuple[Slot, ...]:
        points = self.points
        slots = []
        for session in self.instance.sessions:
            for interval in session.slots:
                first = bisect_left(points, interval.start)
                last = bisect_left(points, interval.end)
                slots.append(Slot(len(slots), session, interval, tuple(range(first, last))))
        return tuple(slots)

    @cached_property
    def slot_at(self) -> dict[tuple[str, datetime], Slot]:
        return {(slot.session.id, slot.interval.start): slot for slot in self.slots}

    @cached_property
    def days(self) -> tuple[date, ...]:
        return tuple(sorted({slot.day for slot in self.slots}))

    # -- people ----------------------------------------------------------------------------
    def _build_busy(self) -> dict[str, Busy]:
        """Per company and interpreter id: unavailability, attended seminars and locked meetings."""
        intervals: dict[str, list[Interval]] = defaultdict(list)
        for company in self.instance.companies:
            intervals[company.id] += company.unavailable
            intervals[company.id] += rules.attended_seminars(self.instance, company)
        for interpreter in self.instance.interpreters:
            intervals[interpreter.id] += interpreter.unavailable
        for meeting in self.locked:
            for who in (*meeting.companies, meeting.interpreter):
                if who is not None:
                    intervals[who].append(meeting.interval)
        return {who: Busy(found) for who, found in intervals.items()}

    def is_free(self, who: str, interval: Interval) -> bool:
        busy = self.busy.get(who)
        return busy is None or not busy.overlaps(interval)

    def _free_tables(self) -> tuple[int, ...]:
        taken: dict[int, int] = defaultdict(int)
        for meeting in self.locked:
            slot = self.slot_at.get((meeting.session, meeting.start))
            if slot is not None:
                taken[slot.index] += 1
        return tuple(slot.session.tables - taken[slot.index] for slot in self.slots)

    def _limits(self) -> dict[str, int]:
        held: dict[str, int] = defaultdict(int)
        for meeting in self.locked:
            for company_id in meeting.companies:
                held[company_id] += 1
        return {c.id: max(0, self.instance.max_meetings(c) - held[c.id]) for c in self.instance.companies}

    @cached_property
    def locked_pairs(self) -> frozenset[frozenset[str]]:
        return frozenset(meeting.pair for meeting in self.locked)

    def admitted(self, company: Company, session: Session) -> bool:
        return rules.admitted(self.instance, company, session)

    # -- placements ------------------------------------------------------------------------
    def common_slots(self, a: Company, b: Company) -> list[Slot]:
        """Slots of sessions admitting both that the pair's requests allow (rule 4; not 5)."""
        allowed = request_sessions(self.instance, a.id, b.id)
        return [
            slot
            for slot in self.slots
            if self.admitted(a, slot.session)
            and self.admitted(b, slot.session)
            and (allowed is None or slot.session.id in allowed)
        ]

    @cached_property
    def free_slots(self) -> dict[str, frozenset[int]]:
        """Per company: slots of sessions admitting it, with a free table, where it is free (rules 4, 5)."""
        open_slots = [slot for slot in self.slots if self.free_tables[slot.index] > 0]
        found = {}
        for company in self.instance.companies:
            found[company.id] = frozenset(
                slot.index
                for slot in open_slots
                if self.admitted(company, slot.session) and self.is_free(company.id, slot.interval)
            )
        return found

    @cached_property
    def interpreter_slots(self) -> dict[str, frozenset[int]]:
        return {
            i.id: frozenset(s.index for s in self.slots if self.is_free(i.id, s.interval))
            for i in self.instance.interpreters
        }

    def _build_placements(
        self, scored: dict[tuple[str, str], int]
    ) -> tuple[tuple[Pair, ...], tuple[Placement, ...]]:
        companies = self.instance.company_by_id
        musts = must_pairs(self.instance)
        free = self.free_slots
        pairs: list[Pair] = []
        placements: list[Placement] = []
        for ids in sorted(scored):
            a, b = companies[ids[0]], companies[ids[1]]
            if frozenset(ids) in self.locked_pairs or not self.limit[a.id] or not self.limit[b.id]:
                continue
            both = free[a.id] & free[b.id]
            allowed = request_sessions(self.instance, a.id, b.id)
            if allowed is not None:
                both = {s for s in both if self.slots[s].session.id in allowed}
            if not both:
                continue
            needs = not shares_language(a, b)
            found: list[tuple[int, tuple[str, ...]]] = []
            if needs:
                qualified = [i.id for i in self.instance.interpreters if speaks_for(i, a, b)]
                for s in sorted(both):
                    helpers = tuple(h for h in qualified if s in self.interpreter_slots[h])
                    if helpers:
                        found.append((s, helpers))
            else:
                found = [(s, ()) for s in sorted(both)]
            if not found:
                continue
            pair = Pair(len(pairs), ids, scored[ids], frozenset(ids) in musts, needs)
            pairs.append(pair)
            placements += [Placement(len(placements) + n, pair.index, s, h) for n, (s, h) in enumerate(found)]
        return tuple(pairs), tuple(placements)

    @cached_property
    def placements_of_pair(self) -> dict[int, list[Placement]]:
        found: dict[int, list[Placement]] = defaultdict(list)
        for placement in self.placements:
            found[placement.pair].append(placement)
        return found

    @cached_property
    def pairs_of_company(self) -> dict[str, list[Pair]]:
        found: dict[str, list[Pair]] = defaultdict(list)
        for pair in self.pairs:
            for company_id in pair.companies:
                found[company_id].append(pair)
        return found

    def meetings(self, chosen: Iterable[Placement]) -> list[Meeting]:
        """The placements as meetings: tables numbered per slot from the lowest free, interpreters matched.

        A meeting that needs an interpreter when none is left is dropped (the
        models keep interpreter counts per time, so this is rare).
        """
        chosen = sorted(chosen, key=lambda p: (self.slots[p.slot].interval, p.slot, p.pair))
        helpers = assign_interpreters(self, chosen)
        taken: dict[tuple[str, datetime], set[int]] = defaultdict(set)
        for meeting in self.locked:
            taken[meeting.session, meeting.start].add(meeting.table)
        meetings = []
        for placement in chosen:
            if placement.helpers and placement.index not in helpers:
                continue
            slot = self.slots[placement.slot]
            used = taken[slot.session.id, slot.interval.start]
            table = next(t for t in range(1, slot.session.tables + 1) if t not in used)
            used.add(table)
            start, end = slot.interval.start, slot.interval.end
            interpreter = helpers.get(placement.index)
            meetings.append(
                Meeting(self.pairs[placement.pair].companies, slot.session.id, start, end, table, interpreter)
            )
        return meetings

    def placements_for(self, meetings: Iterable[Meeting]) -> set[int]:
        """The placements (indexes) that make these meetings; meetings outside the space are left out."""
        index = {(frozenset(self.pairs[p.pair].companies), p.slot): p.index for p in self.placements}
        found = set()
        for meeting in meetings:
            slot = self.slot_at.get((meeting.session, meeting.start))
            if slot is not None and (meeting.pair, slot.index) in index:
                found.add(index[meeting.pair, slot.index])
        return found

    def parts(self, chosen: Iterable[Placement]) -> dict[str, int]:
        """The objective's levels of the locked meetings with these placements."""
        meetings = [*self.locked, *self.meetings(chosen)]
        return objective_parts(self.instance, meetings, self.reach, self.weights)

    def rank(self, chosen: Iterable[Placement]) -> tuple[int, ...]:
        """Where the schedule of these placements ranks, level by level (higher is better)."""
        return ranking(self.parts(chosen))

    def better_of(self, ours: list[Placement], theirs: list[Placement]) -> list[Placement]:
        """Ours unless the other schedule is better level by level."""
        return theirs if self.rank(theirs) > self.rank(ours) else ours

    # -- the objective's constants -----------------------------------------------------------
    @cached_property
    def locked_count(self) -> dict[str, int]:
        held: dict[str, int] = defaultdict(int)
        for meeting in self.locked:
            for company_id in meeting.companies:
                held[company_id] += 1
        return held

    @cached_property
    def reach(self) -> dict[str, int]:
        """A company's fair share's ceiling: how many of the meetings it asked for it could have, counted loosely.

        Only partners a request names (in either direction) count, so the fairness
        floor raises the companies that asked for much and got little, never with
        meetings nobody asked for. Counted loosely: its limit, those partners, its
        disjoint free slots among theirs.
        """
        reach = {}
        requested = {frozenset((r.from_id, r.to_id)) for r in self.instance.requests}
        for company in self.instance.companies:
            pairs = [
                p for p in self.pairs_of_company.get(company.id, ()) if frozenset(p.companies) in requested
            ]
            times = {
                self.slots[p.slot].interval for pair in pairs for p in self.placements_of_pair[pair.index]
            }
            own = self.locked_count.get(company.id, 0)
            reach[company.id] = own + min(self.limit[company.id], len(pairs), max_disjoint(times))
        return reach

    @cached_property
    def lanes(self) -> tuple[Lane, ...]:
        """Every company's day with at least two positions it could fill."""
        held = {(company_id, m.start) for m in self.locked for company_id in m.companies}
        lanes = []
        for company in self.instance.companies:
            attended = rules.attended_seminars(self.instance, company)
            cells: dict[date, dict[Interval, list[int]]] = defaultdict(lambda: defaultdict(list))
            for slot in self.slots:
                if self.admitted(company, slot.session) and not any(
                    slot.interval.overlaps(s) for s in attended
                ):
                    cells[slot.day][slot.interval].append(slot.index)
            for day, row in sorted(cells.items()):
                if len(row) < 2:
                    continue
                ordered = sorted(row)
                lanes.append(
                    Lane(
                        company.id,
                        day,
                        tuple(tuple(row[i]) for i in ordered),
                        tuple((company.id, i.start) in held for i in ordered),
                    )
                )
        return tuple(lanes)


def shortlist(instance: Instance, scored: dict[tuple[str, str], int]) -> dict[tuple[str, str], int]:
    """Every requested pair, and for each company its best unrequested pairs while its requests leave room.

    At large events unrequested pairs (score 1 or 2) are most of the
    candidates but only fill what requests leave free; a company needs no more
    of them than its limit minus its requested partners. Partners with few
    requests of their own come first, as they need the meetings most.
    """
    if len(scored) <= SHORTLIST_ABOVE:
        return scored
    requested = {frozenset((r.from_id, r.to_id)) for r in instance.requests}
    kept = {ids: score for ids, score in scored.items() if frozenset(ids) in requested}
    wanted = Counter(company_id for ids in kept for company_id in ids)
    others: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for ids in sorted(scored):
        if ids not in kept:
            for company_id in ids:
                others[company_id].append(ids)
    for company_id, options in sorted(others.items()):
        room = instance.max_meetings(instance.company_by_id[company_id]) - wanted[company_id]
        if room > 0:
            options.sort(key=lambda ids: (-scored[ids], wanted[ids[0]] + wanted[ids[1]], ids))
            kept.update((ids, scored[ids]) for ids in options[:room])
    return kept


def max_disjoint(intervals: Iterable[Interval]) -> int:
    """The most pairwise disjoint intervals among these (earliest end first)."""
    count, end = 0, None
    for interval in sorted(intervals, key=lambda i: (i.end, i.start)):
        if end is None or interval.start >= end:
            count, end = count + 1, interval.end
    return count


def assign_interpreters(space: SearchSpace, chosen: Sequence[Placement]) -> dict[int, str]:
    """An interpreter for each placement that needs one, slot interval by slot interval (a matching each).

    Interpreters busy in an overlapping, earlier-started interval stay busy.
    """
    busy: list[tuple[Interval, str]] = []
    found: dict[int, str] = {}
    groups: dict[Interval, list[Placement]] = defaultdict(list)
    for placement in chosen:
        if placement.helpers:
            groups[space.slots[placement.slot].interval].append(placement)
    for interval in sorted(groups):
        taken = {who for other, who in busy if other.overlaps(interval)}
        matched = _match({p.index: [h for h in p.helpers if h not in taken] for p in groups[interval]})
        found.update(matched)
        busy += [(interval, who) for who in matched.values()]
    return found


def _match(options: dict[int, list[str]]) -> dict[int, str]:
    """A maximum matching of placements to interpreters (augmenting paths)."""
    owner: dict[str, int] = {}

    def augment(n: int, seen: set[str]) -> bool:
        for helper in options[n]:
            if helper not in seen:
                seen.add(helper)
                if helper not in owner or augment(owner[helper], seen):
                    owner[helper] = n
                    return True
        return False

    for n in sorted(options, key=lambda k: (len(options[k]), k)):
        augment(n, set())
    return {n: helper for helper, n in owner.items()}
