"""Upper bounds on a schedule's score, to hold the solver and greedy against.

Two linear relaxations, each a valid bound because every schedule is one of
its solutions:

* the *slot LP*: the slot-indexed model (a variable per eligible pair and
  common slot) with pairs met once, one meeting per company at any moment,
  meeting limits, tables per slot and interpreters per moment;
* the *session LP*: the same summed over each session's slots (a variable per
  pair and session), with each company's and interpreter's free slots per
  block of overlapping sessions as capacities. It is weaker but fits at the
  *grand* size, where the slot LP does not.

Each comes plain and *fair*: the best LP score among fractional schedules that
cover as many companies as the LP can, which bounds every schedule that leaves
no more companies out than the LP must.
"""

from __future__ import annotations

import time
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import highspy
import numpy as np

from matcher.greedy import OpenSlot, interpreter_fits, needs_interpreter, open_slots, speaks_for
from matcher.instance import Instance, Interval
from matcher.scoring import DEFAULT_WEIGHTS, Weights, candidate_pairs, request_sessions

FAIR_SLACK = 1e-4  # coverage the fair LP may give up, against the interior-point method's round-off


@dataclass(frozen=True)
class PairOption:
    """An eligible pair with the slots it could meet in and, if it needs one, the interpreters who fit."""

    companies: tuple[str, str]
    score: int
    slots: tuple[OpenSlot, ...]
    interpreters: frozenset[str] | None  # None: the pair shares a language


def pair_options(instance: Instance, weights: Weights = DEFAULT_WEIGHTS) -> list[PairOption]:
    """Every eligible pair with at least one slot open to both (rules 1-5 and 9 for the pair alone)."""
    companies = instance.company_by_id
    opened = {c.id: open_slots(instance, c) for c in instance.companies}
    keyed = {id: {(s.session, s.start) for s in slots} for id, slots in opened.items()}
    options = []
    for (a_id, b_id), score in sorted(candidate_pairs(instance, weights).items()):
        if len(opened[a_id]) > len(opened[b_id]):
            first, other = opened[b_id], keyed[a_id]
        else:
            first, other = opened[a_id], keyed[b_id]
        allowed = request_sessions(instance, a_id, b_id)
        slots = [s for s in first if (s.session, s.start) in other and (allowed is None or s.session in allowed)]
        interpreters = None
        a, b = companies[a_id], companies[b_id]
        if needs_interpreter(a, b):
            interpreters = frozenset(i.id for i in instance.interpreters if speaks_for(i, a, b))
            slots = [s for s in slots if any(
                interpreter_fits(instance.interpreter_by_id[i], a, b, s.interval) for i in interpreters)]
        if slots:
            options.append(PairOption((a_id, b_id), score, tuple(slots), interpreters))
    return options


@dataclass(frozen=True)
class Bound:
    """What an LP relaxation says no schedule can beat."""

    model: str  # "slot LP" or "session LP"
    score: float  # the plain LP bound
    fair_score: float  # the best LP score at the LP's largest coverage
    coverable: float  # companies the LP can give a meeting to (fractionally)
    could_meet: int  # companies with at least one pair that has an open slot
    columns: int
    seconds: float


@dataclass
class Lp:
    """A maximisation with 0..1 columns and rows ``lower <= sum(value * column) <= upper``."""

    costs: list[float] = field(default_factory=list)
    rows: list[tuple[list[int], list[float], float, float]] = field(default_factory=list)

    def column(self, cost: float) -> int:
        self.costs.append(cost)
        return len(self.costs) - 1

    def at_most(self, columns: Iterable[int], upper: float) -> None:
        columns = list(columns)
        if columns:
            self.rows.append((columns, [1.0] * len(columns), -highspy.kHighsInf, float(upper)))


class HighsModel:
    """HiGHS on an :class:`Lp`; objectives can change between runs on the same model."""

    def __init__(self, lp: Lp):
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("threads", 1)
        model = highspy.HighsLp()
        model.num_col_ = len(lp.costs)
        model.num_row_ = len(lp.rows)
        model.col_cost_ = np.array(lp.costs, dtype=float)
        model.col_lower_ = np.zeros(len(lp.costs))
        model.col_upper_ = np.ones(len(lp.costs))
        model.row_lower_ = np.array([row[2] for row in lp.rows], dtype=float)
        model.row_upper_ = np.array([row[3] for row in lp.rows], dtype=float)
        model.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        model.a_matrix_.start_ = np.cumsum([0] + [len(row[0]) for row in lp.rows]).astype(np.int32)
        model.a_matrix_.index_ = np.fromiter((j for row in lp.rows for j in row[0]), dtype=np.int32)
        model.a_matrix_.value_ = np.fromiter((v for row in lp.rows for v in row[1]), dtype=float)
        model.sense_ = highspy.ObjSense.kMaximize
        self.highs.passModel(model)
        self.columns = len(lp.costs)

    def maximise(self, costs: np.ndarray, method: str = "simplex") -> float:
        """The LP's optimum for ``costs``; ``ipm`` (no crossover) for the degenerate coverage objective."""
        self.highs.setOptionValue("solver", method)
        self.highs.setOptionValue("run_crossover", "off")
        self.highs.changeColsCost(self.columns, np.arange(self.columns, dtype=np.int32), costs)
        self.highs.run()
        status = self.highs.getModelStatus()
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"LP bound not solved: {self.highs.modelStatusToString(status)}")
        return self.highs.getInfo().objective_function_value

    def maximise_integral(self, costs: np.ndarray, time_limit: float) -> tuple[float, float, bool]:
        """With every column integral: the best value found, the proven bound, and whether they meet."""
        self.highs.changeColsIntegrality(self.columns, np.arange(self.columns, dtype=np.int32),
                                         np.full(self.columns, highspy.HighsVarType.kInteger))
        self.highs.setOptionValue("time_limit", float(time_limit))
        self.highs.setOptionValue("mip_rel_gap", 0.0)
        self.highs.changeColsCost(self.columns, np.arange(self.columns, dtype=np.int32), costs)
        self.highs.run()
        info = self.highs.getInfo()
        proven = self.highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
        return info.objective_function_value, info.mip_dual_bound, proven

    def require_at_least(self, columns: list[int], lower: float) -> None:
        self.highs.addRow(lower, highspy.kHighsInf, len(columns), np.array(columns, dtype=np.int32),
                          np.ones(len(columns)))


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
    lp: Lp, needing: dict[tuple, list[tuple[int, frozenset[str]]]], capacity: Callable[[tuple, frozenset[str]], int]
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
            moments = starts[bisect_left(starts, slot.start):bisect_left(starts, slot.end)]
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
        lp.at_most(columns, instance.session_by_id[session].tables)

    def free_at(place, wanted):
        moment = Interval(place[0], place[0])
        return sum(1 for i in wanted if not any(
            w.start <= moment.start < w.end for w in instance.interpreter_by_id[i].unavailable))

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
    free_in_block = {
        (company.id, block): _disjoint_count(s.interval for s in open_slots(instance, company)
                                             if block_of[s.session] == block)
        for company in instance.companies
        for block in set(block_of.values())
    }
    for (company, block), columns in in_block.items():
        lp.at_most(columns, free_in_block[company, block])
    for company, columns in of_company.items():
        lp.at_most(columns, instance.max_meetings(instance.company_by_id[company]))
    for session, columns in in_session.items():
        found = instance.session_by_id[session]
        lp.at_most(columns, found.tables * len(found.slots))

    def free_in(place, wanted):
        slots = [slot for session in instance.sessions if block_of[session.id] == place[0] for slot in session.slots]
        return sum(_disjoint_count(slot for slot in slots if not any(
            slot.overlaps(w) for w in instance.interpreter_by_id[i].unavailable)) for i in wanted)

    _add_interpreter_rows(lp, needing, free_in)
    return lp, of_company


def add_coverage(lp: Lp, of_company: dict[str, list[int]]) -> list[int]:
    """A 0..1 column per company, at most its meetings: 1 when it has one (in an integral solution)."""
    covered = []
    for _company, columns in sorted(of_company.items()):
        u = lp.column(0.0)
        lp.rows.append(([u] + columns, [1.0] + [-1.0] * len(columns), -highspy.kHighsInf, 0.0))
        covered.append(u)
    return covered


MODELS = {"slot": ("slot LP", slot_model), "session": ("session LP", session_model)}


def lp_bound(
    instance: Instance, model: str = "slot", weights: Weights = DEFAULT_WEIGHTS, known_cover: int = 0
) -> Bound:
    """The plain and the fair bound of the ``slot`` or ``session`` relaxation.

    ``known_cover`` is how many companies some schedule gives a meeting: when
    that is every company that could meet, the LP's coverage need not be solved.
    """
    began = time.perf_counter()
    name, build = MODELS[model]
    options = pair_options(instance, weights)
    lp, of_company = build(instance, options)
    if not lp.costs:
        return Bound(name, 0.0, 0.0, 0.0, 0, 0, time.perf_counter() - began)
    covered = add_coverage(lp, of_company)
    solver = HighsModel(lp)
    is_cover = np.zeros(len(lp.costs))
    is_cover[covered] = 1.0
    scores = np.where(is_cover == 1.0, 0.0, np.array(lp.costs))
    plain = solver.maximise(scores)
    if known_cover >= len(covered):
        coverable = float(len(covered))
    else:
        coverable = solver.maximise(is_cover, method="ipm")
    solver.require_at_least(covered, coverable - FAIR_SLACK)
    fair = solver.maximise(scores)
    return Bound(name, plain, fair, coverable, len(covered), len(lp.costs) - len(covered),
                 time.perf_counter() - began)


def slot_columns(instance: Instance, weights: Weights = DEFAULT_WEIGHTS) -> int:
    """How many columns the slot LP would have: to choose a model that fits."""
    return sum(len(option.slots) for option in pair_options(instance, weights))
