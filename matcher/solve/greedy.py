"""The greedy reference schedule: best-scored pair first, earliest free slot and table.

It is what a careful organizer with a spreadsheet would do, so the benchmark
holds the solver against it; it is also quick enough to serve the solver as a
warm start. It keeps all nine hard rules.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from matcher.domain.instance import Company, Instance, Interval
from matcher.domain.rules import OpenSlot, interpreter_fits, must_pairs, needs_interpreter, time_ordered_slots
from matcher.domain.schedule import Meeting
from matcher.domain.scoring import DEFAULT_WEIGHTS, Weights, candidate_pairs, request_sessions


class _Board:
    """What is taken so far: companies' and interpreters' times, tables per slot, pairs met."""

    def __init__(self, instance: Instance):
        self.instance = instance
        self.busy: dict[str, list[Interval]] = defaultdict(list)
        self.tables_used: dict[tuple[str, datetime], set[int]] = defaultdict(set)
        self.met: set[frozenset[str]] = set()
        self._open: dict[str, tuple[OpenSlot, ...]] = {}
        self._open_keys: dict[str, set[tuple[str, datetime]]] = {}

    def open(self, company: Company) -> tuple[OpenSlot, ...]:
        if company.id not in self._open:
            # Shared by every greedy run on the instance (the solver's starts are three).
            known = vars(self.instance).setdefault("_greedy_open_slots", {})
            if company.id not in known:
                found = time_ordered_slots(self.instance, company)
                known[company.id] = (found, {(s.session, s.start) for s in found})
            self._open[company.id], self._open_keys[company.id] = known[company.id]
        return self._open[company.id]

    def take(self, meeting: Meeting) -> None:
        for id in meeting.companies:
            self.busy[id].append(meeting.interval)
        if meeting.interpreter is not None:
            self.busy["interpreter:" + meeting.interpreter].append(meeting.interval)
        self.tables_used[meeting.session, meeting.start].add(meeting.table)
        self.met.add(meeting.pair)

    def is_free(self, key: str, interval: Interval) -> bool:
        start, end = interval.start, interval.end
        for taken in self.busy[key]:  # noqa: SIM110 (a plain loop: this is the greedy's innermost check)
            if taken.start < end and start < taken.end:
                return False
        return True

    def at_limit(self, company: Company) -> bool:
        return len(self.busy[company.id]) >= self.instance.max_meetings(company)

    def free_table(self, slot: OpenSlot) -> int | None:
        used = self.tables_used[slot.session, slot.start]
        tables = self.instance.session_by_id[slot.session].tables
        if len(used) >= tables:
            return None
        return next(t for t in range(1, tables + 1) if t not in used)

    def free_interpreter(self, a: Company, b: Company, interval: Interval) -> str | None:
        for interpreter in self.instance.interpreters:
            if interpreter_fits(interpreter, a, b, interval) and self.is_free(
                "interpreter:" + interpreter.id, interval
            ):
                return interpreter.id
        return None

    def place(self, a: Company, b: Company) -> Meeting | None:
        """The pair's meeting at the earliest slot with both free, a table and, if needed, an interpreter."""
        allowed = request_sessions(self.instance, a.id, b.id)
        interpreted = needs_interpreter(a, b)
        self.open(b)
        other = self._open_keys[b.id]
        for slot in self.open(a):
            if (slot.session, slot.start) not in other or (
                allowed is not None and slot.session not in allowed
            ):
                continue
            interval = Interval(slot.start, slot.end)
            if not (self.is_free(a.id, interval) and self.is_free(b.id, interval)):
                continue
            table = self.free_table(slot)
            if table is None:
                continue
            interpreter = self.free_interpreter(a, b, interval) if interpreted else None
            if interpreted and interpreter is None:
                continue
            meeting = Meeting((a.id, b.id), slot.session, slot.start, slot.end, table, interpreter)
            self.take(meeting)
            return meeting
        return None


def greedy_schedule(
    instance: Instance,
    weights: Weights = DEFAULT_WEIGHTS,
    locked: Sequence[Meeting] = (),
    musts_first: bool = False,
) -> list[Meeting]:
    """Locked meetings, then every eligible pair by falling score placed where it first fits.

    With ``musts_first`` the pairs with a must-meet request come first (by score
    among themselves): the solver's warm start, since its first level is musts met.
    """
    pairs = candidate_pairs(instance, weights)
    musts = must_pairs(instance) if musts_first else set()

    def order(item: tuple[tuple[str, str], int]) -> tuple:
        ids, score = item
        return (frozenset(ids) not in musts, -score, ids)

    return greedy_in_order(instance, [ids for ids, _ in sorted(pairs.items(), key=order)], locked)


def greedy_in_order(
    instance: Instance, pairs: Iterable[tuple[str, str]], locked: Sequence[Meeting] = ()
) -> list[Meeting]:
    """Locked meetings, then each pair in the order given at its earliest free slot, table and interpreter."""
    board = _Board(instance)
    for meeting in locked:
        board.take(meeting)
    return list(locked) + list(_placed(board, pairs))


def _placed(board: _Board, pairs: Iterable[tuple[str, str]]) -> Iterable[Meeting]:
    companies = board.instance.company_by_id
    for a_id, b_id in pairs:
        a, b = companies[a_id], companies[b_id]
        if frozenset((a_id, b_id)) in board.met or board.at_limit(a) or board.at_limit(b):
            continue
        meeting = board.place(a, b)
        if meeting is not None:
            yield meeting
