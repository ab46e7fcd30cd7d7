"""Decision searches on the idle-gap count with a SAT solver, for days CP-SAT cannot prove.

On a brokerage forum every pair must meet and most companies can meet in one
unbroken block; CP-SAT's bound then stays at 0 while its placements keep a few
gaps. Here the question "can these pairs be placed with at most k idle gaps?"
goes to CaDiCaL (python-sat), with the block structure Bofill et al. build on:
a company without a gap meets at exactly n positions in a row, so it has one
start among its positions, and at most k companies may leave that shape.
Asked for k = the proven bound, then one more at a time, the first yes is an
optimum. The phase applies where a company-day lane is a plain row (positions
one after another, one slot each) and no interpreter is involved; elsewhere
:func:`applies` says no and the caller keeps CP-SAT's answer.
"""

from __future__ import annotations

import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from pysat.card import CardEnc, EncType
from pysat.formula import IDPool
from pysat.solvers import Solver

from matcher.solve.space import Lane, Placement, SearchSpace

SAT_SOLVER = "cadical195"
MAX_PLACEMENTS = 20_000  # a forum has 3,000-7,000; above this the clauses take long to build in Python
SAT_OPTIONS = {
    "stabilizeonly": 1,
    "elimreleff": 10,
    "subsumereleff": 60,
}  # CaDiCaL's "sat" preset: answers yes faster
CONFLICTS_PER_CHECK = (
    5000  # CaDiCaL cannot be interrupted: it runs in budgets, the clock checked between them
)


@dataclass(frozen=True)
class Decided:
    """The placements found with at most ``gaps`` idle gaps (None if none), and the bound proven: none has fewer."""

    placements: list[Placement] | None
    gaps: int | None
    bound: int


def applies(space: SearchSpace, placements: Sequence[Placement]) -> bool:
    """Whether every company's meetings here fall in one lane that is a plain row, with no interpreters or locked meetings."""
    if space.locked or len(placements) > MAX_PLACEMENTS or any(p.helpers for p in placements):
        return False
    lanes = _lanes(space, placements)
    if lanes is None:
        return False
    for lane in lanes.values():
        intervals = [space.slots[cell[0]].interval for cell in lane.cells]
        if any(len(cell) != 1 for cell in lane.cells):
            return False
        if any(a.end > b.start for a, b in zip(intervals, intervals[1:])):
            return False
    return True


def _lanes(space: SearchSpace, placements: Sequence[Placement]) -> dict[str, Lane] | None:
    """Each company of these placements with its one lane of the placements' day, or None if that is not so."""
    companies = {c for p in placements for c in space.pairs[p.pair].companies}
    days = {space.slots[p.slot].day for p in placements}
    if len(days) != 1:
        return None
    (day,) = days
    found: dict[str, Lane] = {}
    for lane in space.lanes:
        if lane.company in companies and lane.day == day:
            found[lane.company] = lane
    if set(found) != companies:
        return None
    for p in placements:
        for company_id in space.pairs[p.pair].companies:
            if not any(p.slot in cell for cell in found[company_id].cells):
                return None
    return found


class GapDecision:
    """The CNF of "every pair placed, at most k idle gaps", built once; ``solve(k)`` asks for one k."""

    def __init__(self, space: SearchSpace, placements: Sequence[Placement]):
        self.space = space
        self.placements = list(placements)
        self.pool = IDPool()
        self.clauses: list[list[int]] = []
        self.x = {p.index: self.pool.id(("x", p.index)) for p in self.placements}
        self.gaps: list[int] = []
        self.holes: list[int] = []
        lanes = _lanes(space, self.placements)
        assert lanes is not None
        at: dict[tuple[str, int], list[int]] = defaultdict(list)
        for p in self.placements:
            for company_id in space.pairs[p.pair].companies:
                at[company_id, p.slot].append(self.x[p.index])
        self._each_pair_once()
        self._tables()
        meetings = Counter(c for p in {p.pair for p in self.placements} for c in space.pairs[p].companies)
        slots_of: dict[str, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
        for p in self.placements:
            for company_id in space.pairs[p.pair].companies:
                slots_of[company_id][p.pair].add(p.slot)
        self.busy_at: dict[int, list[int]] = defaultdict(list)
        self.blocks: dict[str, list[tuple[int, frozenset[int]]]] = {}
        for company_id, lane in sorted(lanes.items()):
            self._lane(lane, at, meetings[company_id], slots_of[company_id])
        self._partners_blocks_overlap(slots_of)
        for slot, literals in self.busy_at.items():
            if len(literals) > 2 * space.free_tables[slot]:
                self._card(literals, 2 * space.free_tables[slot], "atmost")

    def _partners_blocks_overlap(self, slots_of: dict[str, dict[int, set[int]]]) -> None:
        """Two partners without a hole meet where both blocks hold a slot open to their pair."""
        for pair_index in {p.pair for p in self.placements}:
            a, b = self.space.pairs[pair_index].companies
            open_to = slots_of[a][pair_index]
            for start_a, block_a in self.blocks[a]:
                shared = block_a & open_to
                self.clauses += [
                    [-start_a, -start_b] for start_b, block_b in self.blocks[b] if not shared & block_b
                ]

    def _card(self, literals: Sequence[int], bound: int, kind: str) -> None:
        """At most (or exactly) ``bound`` of the literals true, as clauses (python-sat refuses trivial bounds)."""
        if kind == "equals" and bound > len(literals):
            self.clauses.append([])  # cannot hold
            return
        if bound >= len(literals):
            if kind == "equals":
                self.clauses += [[literal] for literal in literals]
            return
        if bound == 0:
            self.clauses += [[-literal] for literal in literals]
            return
        encode = {"atmost": CardEnc.atmost, "equals": CardEnc.equals}[kind]
        encoding = EncType.pairwise if bound <= 1 and len(literals) <= 8 else EncType.seqcounter
        formula = encode(lits=list(literals), bound=bound, top_id=self.pool.top, encoding=encoding)
        self.pool.occupy(self.pool.top + 1, formula.nv)
        self.pool.top = max(self.pool.top, formula.nv)
        self.clauses += formula.clauses

    def _each_pair_once(self) -> None:
        of_pair: dict[int, list[int]] = defaultdict(list)
        for p in self.placements:
            of_pair[p.pair].append(self.x[p.index])
        for literals in of_pair.values():
            self._card(literals, 1, "equals")

    def _tables(self) -> None:
        in_slot: dict[int, list[int]] = defaultdict(list)
        for p in self.placements:
            in_slot[p.slot].append(self.x[p.index])
        for slot, literals in in_slot.items():
            if len(literals) > self.space.free_tables[slot]:
                self._card(literals, self.space.free_tables[slot], "atmost")

    def _lane(
        self, lane: Lane, at: dict[tuple[str, int], list[int]], n: int, slots_of: dict[int, set[int]]
    ) -> None:
        """One company's row: busy positions, gaps as :func:`matcher.domain.scoring.idle_gaps` counts them, the block shape."""
        company = lane.company
        busy: list[int] = []
        for j, cell in enumerate(lane.cells):
            here = self.pool.id(("busy", company, j))
            chosen = at.get((company, cell[0]), [])
            if len(chosen) > 1:
                self._card(chosen, 1, "atmost")
            self.clauses.append([-here, *chosen])
            self.clauses += [[here, -x] for x in chosen]
            busy.append(here)
            self.busy_at[cell[0]].append(here)
        length = len(busy)
        self._card(busy, n, "equals")
        hole = self.pool.id(("hole", company))
        self.holes.append(hole)
        # met[j]: busy somewhere at 0..j; a gap at j: busy at j, free at j-1, met by j-2.
        met = [self.pool.id(("met", company, j)) for j in range(length)]
        for j in range(length):
            self.clauses.append([-busy[j], met[j]])
            if j:
                self.clauses.append([-met[j - 1], met[j]])
        lane_gaps = []
        for j in range(2, length):
            gap = self.pool.id(("gap", company, j))
            self.clauses.append([-busy[j], busy[j - 1], -met[j - 2], gap])
            self.clauses.append([-gap, hole])
            lane_gaps.append(gap)
        self.clauses.append([-hole, *lane_gaps])
        self.gaps += lane_gaps
        # The block shape: without a hole, the n busy positions start at exactly one position.
        starts = []
        self.blocks[company] = []
        for s in range(length - n + 1):
            start = self.pool.id(("start", company, s))
            starts.append(start)
            block = [cell[0] for cell in lane.cells[s : s + n]]
            if not _all_fit(slots_of, block):
                self.clauses.append([-start])
            else:
                self.blocks[company].append((start, frozenset(block)))
            self.clauses += [[-start, busy[j] if s <= j < s + n else -busy[j]] for j in range(length)]
        self._card([*starts, hole], 1, "equals")
        for j in range(length):
            covering = starts[max(0, j - n + 1) : min(j, length - n) + 1]
            self.clauses.append([-busy[j], hole, *covering])

    def solve(
        self,
        k: int,
        seconds: float,
        should_stop: Callable[[], bool] | None = None,
        hint: Sequence[Placement] = (),
    ) -> bool | None:
        """Placements with at most ``k`` idle gaps: True (``chosen()`` has them), False (none exist) or None (no answer in time)."""
        clauses = list(self.clauses)
        top = self.pool.top
        for literals in (self.gaps, self.holes):
            if k >= len(literals):
                continue
            if k == 0:
                clauses += [[-literal] for literal in literals]
                continue
            formula = CardEnc.atmost(lits=literals, bound=k, top_id=top, encoding=EncType.seqcounter)
            top = max(top, formula.nv)
            clauses += formula.clauses
        self._solver = Solver(name=SAT_SOLVER, bootstrap_with=clauses)
        self._solver.configure(SAT_OPTIONS)
        if hint:
            hinted = {p.index for p in hint}
            self._solver.set_phases([x if i in hinted else -x for i, x in self.x.items()])
        try:
            answer = None
            deadline = time.monotonic() + seconds
            while answer is None and time.monotonic() < deadline:
                if should_stop is not None and should_stop():
                    break
                self._solver.conf_budget(CONFLICTS_PER_CHECK)
                answer = self._solver.solve_limited()
            self._model = set(lit for lit in (self._solver.get_model() or []) if lit > 0) if answer else set()
            return answer
        finally:
            self._solver.delete()

    def chosen(self) -> list[Placement]:
        return [p for p in self.placements if self.x[p.index] in self._model]


def _all_fit(slots_of: dict[int, set[int]], block: list[int]) -> bool:
    """Whether each of the company's pairs can have its own slot of the block (a bipartite matching)."""
    owner: dict[int, int] = {}

    def place(pair: int, seen: set[int]) -> bool:
        for slot in block:
            if slot in slots_of[pair] and slot not in seen:
                seen.add(slot)
                if slot not in owner or place(owner[slot], seen):
                    owner[slot] = pair
                    return True
        return False

    return all(place(pair, set()) for pair in slots_of)


def decide_gaps(
    space: SearchSpace,
    placements: Sequence[Placement],
    lower: int,
    upper: int | Callable[[], float],
    seconds: float,
    should_stop: Callable[[], bool] | None = None,
    settled: threading.Event | None = None,
) -> Decided:
    """The fewest idle gaps below ``upper`` (a schedule the caller has), asking k = ``lower``, ``lower`` + 1, ... in turn.

    ``lower`` must be a proven bound; each "no" raises it, so the first "yes"
    is an optimum, and "no" up to ``upper`` - 1 proves the caller's schedule is
    one. ``upper`` may be read as it falls (a search running beside this one);
    ``settled`` is set when the answer is known either way.
    """
    deadline = time.monotonic() + seconds
    decision = GapDecision(space, placements)
    bound = max(0, lower)
    found = Decided(None, None, bound)
    while bound < (upper() if callable(upper) else upper):
        left = deadline - time.monotonic()
        if left <= 0:
            break
        answer = decision.solve(bound, left, should_stop)
        if answer is None:
            break
        if answer:
            found = Decided(decision.chosen(), bound, bound)
            break
        bound += 1
        found = Decided(None, None, bound)
    if settled is not None and (
        found.placements is not None or bound >= (upper() if callable(upper) else upper)
    ):
        settled.set()
    return found
