"""Linear relaxations of the schedule: every schedule is one of their solutions, so their optima are bounds.

* the *slot model*: a column per eligible pair and common slot, with pairs met
  once, one meeting per company at any moment, meeting limits, tables per slot
  and interpreters per moment;
* the *session model*: the same summed over each session's slots (a column per
  pair and session), with each company's and interpreter's free slots per block
  of overlapping sessions as capacities. Weaker, but it fits at any size.

The models are plain rows and columns (:class:`Lp`); the capacity planner
solves them with OR-Tools' GLOP, the benchmarks with HiGHS.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from matcher.domain.instance import Instance, Interval
from matcher.domain.rules import OpenSlot, interpreter_fits, needs_interpreter, speaks_for, time_ordered_slots
from matcher.domain.scoring import DEFAULT_WEIGHTS, Weights, candidate_pairs, request_sessions


@dataclass(frozen=True)
class PairOption:
    """An eligible pair with the slots it could meet in and, if it needs one, the interpreters who fit."""

    companies: tuple[str, str]
    score: int
    slots: tuple[OpenSlot, ...]
    interpreters: frozenset[str] | None  # None: the pair shares a language


def pair_options(
    instance: Instance, weights: Weights = DEFAULT_WEIGHTS, pairs: Mapping[tuple[str, str], int] | None = None
) -> list[PairOption]:
    """Every eligible pair (or each of ``pairs``, eligible pairs with their scores) with at least one slot
    open to both (rules 1-5 and 9 for the pair alone)."""
    companies = instance.company_by_id
    if pairs is None:
        pairs = candidate_pairs(instance, weights)
    involved = {id for pair in pairs for id in pair}
    opened = {id: time_ordered_slots(instance, companies[id]) for id in involved}
    keyed = {id: {(s.session, s.start) for s in slots} for id, slots in opened.items()}
    options = []
    for (a_id, b_id), score in sorted(pairs.items()):
        if len(opened[a_id]) > len(opened[b_id]):
            first, other = opened[b_id], keyed[a_id]
        else:
            first, other = opened[a_id], keyed[b_id]
        allowed = request_sessions(instance, a_id, b_id)
        slots = [
            s for s in first if (s.session, s.start) in other and (allowed is None or s.session in allowed)
        ]
        interpreters = None
        a, b = companies[a_id], companies[b_id]
        if needs_interpreter(a, b):
            interpreters = frozenset(i.id for i in instance.interpreters if speaks_for(i, a, b))
            slots = [
                s
                for s in slots
                if any(
                    interpreter_fits(instance.interpreter_by_id[i], a, b, s.interval) for i in interpreters
                )
            ]
        if slots:
            options.append(PairOption((a_id, b_id), score, tuple(slots), interpreters))
    return options


@dataclass
class Lp:
    """A maximisation with 0..1 columns and rows ``lower <= sum(value * column) <= upper``."""

    costs: list[float] = field(default_factory=list)
    rows: list[tuple[list[int], list[float], float, float]] = field(default_factory=list)
    table_rows: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    """Session id -> the rows that hold its tables (their upper bound counts the tables)."""

    def column(self, cost: float) -> int:
        self.costs.append(cost)
        return len(self.costs) - 1

    def at_most(self, columns: Iterable[int], upper: float) -> int | None:
        """Add the row, returning its index (None when it has no column)."""
        columns = list(columns)
        if not columns:
            return None
        self.rows.append((columns, [1.0] * len(columns), -math.inf, float(upper)))
        return len(self.rows) - 1


def _session_blocks(instance: Instance) -> dict[str, int]:
    """Session id -> its block: sessions that overlap in time, directly or through others, share one."""
    block_of, block, block_end = {}, -1, None
    for session in sorted(instance.sessions, key=lambda s: (s.start, s.end)):
        if block_end is None or session.start >= block_end:
            block, block_end = block + 1, session.end
        block_end = max(block_end, session.end)
        block_of[session.id] = block
    return block_of


def _disjoint_count(intervals: Iterable[Interval]) -> int:
    """The most pairwise disjoint intervals among these (earliest end first)."""
    count, free_from = 0, None
    for interval in sorted(intervals, key=lambda i: i.end):
        if free_from is None or interval.start >= free_from:
            count, free_from = count + 1, interval.end
    return count


def _add_interpreter_rows(
    lp: Lp,
    needing: dict[tuple, list[tuple[int, frozenset[str]]]],
    capacity: Callable[[tuple, frozenset[str]], int],
) -> None:
    """For each place (moment or block) and each set S of interpreters some pair needs: the pairs
    that only S can serve there take at most S's capacity there."""
    for place, columns in needing.items():
        for wanted in {fits for _, fits in columns}:
            lp.at_most((j for j, fits in columns if fits <= wanted), capacity(place, wanted))


def slot_model(instance: Instance, options: list[PairOption]) -> tuple[Lp, dict[str, list[int]]]:
    lp = Lp()
    starts = sorted({slot.start for session in instance.sessions for slot in session.slots})
    at_moment: dict[tuple[str, object], list[int]] = defaultdict(list)
    of_company: dict[str, list[int]] = defaultdict(list)
    in_slot: dict[tuple[str, object], list[int]] = defaultdict(list)
    needing: dict[tuple, list[tuple[int, frozenset[str]]]] = defaultdict(list)
    for option in options:
        pair_columns = []
        for slot in option.slots:
            j = lp.column(option.score)
            pair_columns.append(j)
            in_slot[slot.session, slot.start].append(j)
            moments = starts[bisect_left(starts, slot.start) : bisect_left(starts, slot.end)]
            for company in option.companies:
                of_company[company].append(j)
                for moment in moments:
                    at_moment[company, moment].append(j)
            if option.interpreters is not None:
                for moment in moments:
                    needing[(moment,)].append((j, option.interpreters))
        lp.at_most(pair_columns, 1)
    for columns in at_moment.values():
        lp.at_most(columns, 1)
    for company, columns in of_company.items():
        lp.at_most(columns, instance.max_meetings(instance.company_by_id[company]))
    for (session, _), columns in in_slot.items():
        lp.table_rows[session].append(lp.at_most(columns, instance.session_by_id[session].tables))

    def free_at(place, wanted):
        moment = Interval(place[0], place[0])
        return sum(
            1
            for i in wanted
            if not any(w.start <= moment.start < w.end for w in instance.interpreter_by_id[i].unavailable)
        )

    _add_interpreter_rows(lp, needing, free_at)
    return lp, of_company


def session_model(instance: Instance, options: list[PairOption]) -> tuple[Lp, dict[str, list[int]]]:
    lp = Lp()
    block_of = _session_blocks(instance)
    of_company: dict[str, list[int]] = defaultdict(list)
    in_block: dict[tuple[str, int], list[int]] = defaultdict(list)
    in_session: dict[str, list[int]] = defaultdict(list)
    needing: dict[tuple, list[tuple[int, frozenset[str]]]] = defaultdict(list)
    for option in options:
        pair_columns = []
        for session in sorted({slot.session for slot in option.slots}):
            j = lp.column(option.score)
            pair_columns.append(j)
            in_session[session].append(j)
            for company in option.companies:
                of_company[company].append(j)
                in_block[company, block_of[session]].append(j)
            if option.interpreters is not None:
                needing[(block_of[session],)].append((j, option.interpreters))
        lp.at_most(pair_columns, 1)
    opened = {
        company: time_ordered_slots(instance, instance.company_by_id[company]) for company in of_company
    }
    for (company, block), columns in in_block.items():
        free = _disjoint_count(s.interval for s in opened[company] if block_of[s.session] == block)
        lp.at_most(columns, free)
    for company, columns in of_company.items():
        lp.at_most(columns, instance.max_meetings(instance.company_by_id[company]))
    for session, columns in in_session.items():
        found = instance.session_by_id[session]
        lp.table_rows[session].append(lp.at_most(columns, found.tables * len(found.slots)))

    def free_in(place, wanted):
        slots = [
            slot
            for session in instance.sessions
            if block_of[session.id] == place[0]
            for slot in session.slots
        ]
        return sum(
            _disjoint_count(
                slot
                for slot in slots
                if not any(slot.overlaps(w) for w in instance.interpreter_by_id[i].unavailable)
            )
            for i in wanted
        )

    _add_interpreter_rows(lp, needing, free_in)
    return lp, of_company


def add_coverage(lp: Lp, of_company: dict[str, list[int]]) -> list[int]:
    """A 0..1 column per company, at most its meetings: 1 when it has one (in an integral solution)."""
    covered = []
    for _company, columns in sorted(of_company.items()):
        u = lp.column(0.0)
        lp.rows.append(([u] + columns, [1.0] + [-1.0] * len(columns), -math.inf, 0.0))
        covered.append(u)
    return covered
