"""The score phase: the slot model solved by a MIP solver (HiGHS) at the levels the search reached.

The slot model is matching-like and its LP nearly integral, which suits a MIP
solver: on events of a few hundred companies HiGHS proves the best score for
given must pairs, companies and floor in seconds, where the CP-SAT phases
stop a few percent below it. The same CP-SAT model (:mod:`matcher.solve.slot_model`)
is read as a MIP (:class:`LinearMip`), so both solvers see the same rules. From
the search's schedule, the phase searches the must and companies levels where
they are open, keeps the floor reached and maximises the score. It
applies up to ``MIP_PLACEMENTS`` placements; the idle gaps are left to the gaps phase.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import numpy as np
from ortools.sat.python import cp_model

from matcher.solve.context import Context
from matcher.solve.lex import Level, LevelOutcome
from matcher.solve.slot_model import SlotModel
from matcher.solve.space import Placement, SearchSpace

MIP_PLACEMENTS = 100_000  # measured up to 79,000 (score proven in about 10 s); above, the LP grows too slow
LEVEL_SHARE = 0.2  # of the phase's time, for the must level and then the companies level, where open
STEP_COST = 0.01  # a floor step may cost the MIP at most this share of the score it had
JUMP_PLACEMENTS = 25_000  # above, a jump that finds nothing costs more than the score phase can spare
JUMP_SHARE = 0.7  # of the time left after levels 1-2, for the score at the pairs model's floor
SCORE_SHARE = 0.7  # of the time left after levels 1-2, for the score; the floor steps get the rest
NODES_PER_DETERMINISTIC_SECOND = 200  # under a deterministic budget, the MIP stops after nodes, not seconds
UNBOUNDED = 2**62  # CP-SAT writes an open side of a domain as +-2**63-1


@dataclass(frozen=True)
class Column:
    """A column the MIP added (a shortfall), standing where a level expects a CP-SAT variable."""

    index: int


@dataclass(frozen=True)
class MipAnswer:
    values: list[int] | None  # the best solution found (every CP-SAT variable), or None
    proven: bool


def _literal(ref: int) -> tuple[int, float, float]:
    """A CP-SAT literal as (variable, coefficient, constant): x, or not x = 1 - x."""
    return (ref, 1.0, 0.0) if ref >= 0 else (-ref - 1, -1.0, 1.0)


class LinearMip:
    """A CP-SAT model built of linear constraints, Boolean clauses and at-most-ones, as a HiGHS MIP.

    Enforcement literals become big-M terms, tight for the variables' domains.
    Objectives are set per solve; :meth:`require` keeps a level's value as a row.
    """

    def __init__(self, model: cp_model.CpModel):
        proto = model.proto
        domains = [list(variable.domain) for variable in proto.variables]
        self.lower = np.array([d[0] for d in domains], dtype=float)
        self.upper = np.array([d[-1] for d in domains], dtype=float)
        self.columns = len(domains)
        self._row_lower: list[float] = []
        self._row_upper: list[float] = []
        self._starts = [0]
        self._index: list[int] = []
        self._value: list[float] = []
        for constraint in proto.constraints:
            self._add_constraint(constraint)
        self.highs = highspy.Highs()
        self.highs.setOptionValue("output_flag", False)
        self.highs.setOptionValue("threads", 1)
        self.highs.setOptionValue("mip_rel_gap", 0.0)
        lp = highspy.HighsLp()
        lp.num_col_ = self.columns
        lp.num_row_ = len(self._row_lower)
        lp.col_cost_ = np.zeros(self.columns)
        lp.col_lower_ = self.lower
        lp.col_upper_ = self.upper
        lp.row_lower_ = np.array(self._row_lower, dtype=float)
        lp.row_upper_ = np.array(self._row_upper, dtype=float)
        lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
        lp.a_matrix_.start_ = np.array(self._starts, dtype=np.int32)
        lp.a_matrix_.index_ = np.array(self._index, dtype=np.int32)
        lp.a_matrix_.value_ = np.array(self._value, dtype=float)
        lp.sense_ = highspy.ObjSense.kMaximize
        lp.integrality_ = [highspy.HighsVarType.kInteger] * self.columns
        self.highs.passModel(lp)

    def _row(self, terms: Sequence[tuple[int, float]], lower: float, upper: float) -> None:
        merged: dict[int, float] = {}
        for column, coefficient in terms:
            merged[column] = merged.get(column, 0.0) + coefficient
        for column, coefficient in merged.items():
            if coefficient:
                self._index.append(column)
                self._value.append(coefficient)
        self._starts.append(len(self._index))
        self._row_lower.append(lower)
        self._row_upper.append(upper)

    def _add_constraint(self, constraint) -> None:
        # "Not enforced" as a sum: sum(1 - e) over the enforcement literals, 0 when all hold.
        enforcement = [_literal(ref) for ref in constraint.enforcement_literal]
        relaxing = [(column, -coefficient) for column, coefficient, _ in enforcement]
        relaxing_constant = sum(1.0 - constant for _, _, constant in enforcement)
        if constraint.has_linear():
            self._add_linear(constraint.linear, relaxing, relaxing_constant)
        elif constraint.has_bool_or():
            literals = [_literal(ref) for ref in constraint.bool_or.literals]
            terms = [(column, coefficient) for column, coefficient, _ in literals] + relaxing
            constant = sum(c for _, _, c in literals) + relaxing_constant
            self._row(terms, 1.0 - constant, math.inf)
        elif constraint.has_bool_and():
            for column, coefficient, constant in map(_literal, constraint.bool_and.literals):
                self._row([(column, coefficient), *relaxing], 1.0 - constant - relaxing_constant, math.inf)
        elif (constraint.has_at_most_one() or constraint.has_exactly_one()) and not enforcement:
            exactly = constraint.has_exactly_one()
            literals = [
                _literal(ref)
                for ref in (constraint.exactly_one if exactly else constraint.at_most_one).literals
            ]
            constant = sum(c for _, _, c in literals)
            terms = [(column, coefficient) for column, coefficient, _ in literals]
            self._row(terms, 1.0 - constant if exactly else -math.inf, 1.0 - constant)
        else:
            raise ValueError(f"not a linear constraint: {constraint}")

    def _add_linear(self, linear, relaxing: list[tuple[int, float]], relaxing_constant: float) -> None:
        domain = list(linear.domain)
        if len(domain) != 2:
            raise ValueError("a linear constraint with holes in its domain")
        terms = list(zip(linear.vars, map(float, linear.coeffs)))
        lower = domain[0] if domain[0] > -UNBOUNDED else -math.inf
        upper = domain[1] if domain[1] < UNBOUNDED else math.inf
        if not relaxing:
            self._row(terms, lower, upper)
            return
        least = sum(c * (self.lower[j] if c > 0 else self.upper[j]) for j, c in terms)
        most = sum(c * (self.upper[j] if c > 0 else self.lower[j]) for j, c in terms)
        if lower > least:  # expression + M * (not enforced) >= lower
            big = lower - least
            self._row(terms + [(j, big * c) for j, c in relaxing], lower - big * relaxing_constant, math.inf)
        if upper < most:  # expression - M * (not enforced) <= upper
            big = most - upper
            self._row(
                terms + [(j, -big * c) for j, c in relaxing], -math.inf, upper + big * relaxing_constant
            )

    def require(self, level: Level, value: int) -> None:
        """Keep ``level`` at ``value`` or better."""
        index = np.array([v.index for v in level.variables], dtype=np.int32)
        coefficients = np.array(level.coefficients, dtype=float)
        target = float(value - level.offset)
        if level.maximize:
            self.highs.addRow(target, highspy.kHighsInf, len(index), index, coefficients)
        else:
            self.highs.addRow(-highspy.kHighsInf, target, len(index), index, coefficients)

    def add_column(self, upper: float) -> int:
        """A new continuous column in [0, upper], in no row yet; its index."""
        nothing = np.array([], dtype=np.int32)
        self.highs.addCol(0.0, 0.0, float(upper), 0, nothing, np.array([], dtype=float))
        self.upper = np.append(self.upper, float(upper))
        self.columns += 1
        return self.columns - 1

    def add_row(self, terms: Sequence[tuple[int, float]], lower: float) -> None:
        """``sum(coefficient * column) >= lower``."""
        index = np.array([column for column, _ in terms], dtype=np.int32)
        values = np.array([coefficient for _, coefficient in terms], dtype=float)
        self.highs.addRow(float(lower), highspy.kHighsInf, len(index), index, values)

    def set_lower(self, column: int, lower: float) -> None:
        self.highs.changeColBounds(column, float(lower), float(self.upper[column]))

    def optimise(self, level: Level, hint: Sequence[int], context: Context) -> MipAnswer:
        """The best value of ``level`` within the context's time, from the complete solution ``hint``."""
        costs = np.zeros(self.columns)
        sign = 1.0 if level.maximize else -1.0
        for variable, coefficient in zip(level.variables, level.coefficients):
            costs[variable.index] += sign * coefficient
        self.highs.changeColsCost(self.columns, np.arange(self.columns, dtype=np.int32), costs)
        budget = context.clock.deterministic_left()
        if budget is not None:  # a node count, so that the machine's speed cannot change the answer
            self.highs.setOptionValue("mip_max_nodes", max(1, int(budget * NODES_PER_DETERMINISTIC_SECOND)))
        self.highs.setOptionValue("time_limit", max(0.01, context.clock.left()))
        start = highspy.HighsSolution()
        start.col_value = [float(v) for v in hint]
        start.value_valid = True
        self.highs.setSolution(start)
        stop = context.stop
        self.highs.cbMipInterrupt.subscribe(lambda event: event.interrupt() if stop.requested() else None)
        try:
            self.highs.run()
        finally:
            self.highs.cbMipInterrupt.clear()
        info = self.highs.getInfo()
        if budget is not None:
            context.clock.spend(min(budget, info.mip_node_count / NODES_PER_DETERMINISTIC_SECOND))
        proven = self.highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
        if info.primal_solution_status != highspy.SolutionStatus.kSolutionStatusFeasible:
            return MipAnswer(None, False)
        values = [round(v) for v in self.highs.getSolution().col_value]
        return MipAnswer(values, proven)


def applies(space: SearchSpace) -> bool:
    return 0 < len(space.placements) <= MIP_PLACEMENTS


def best_schedule(
    space: SearchSpace, placed: list[Placement], context: Context, bounds: Sequence[LevelOutcome] = ()
) -> tuple[list[Placement], bool]:
    """The best schedule the MIP finds from ``placed``, level by level, never ranking below it.

    Must pairs and companies are searched where ``placed`` is below the bound the
    pairs model gave, or the level's ceiling (each with up to ``LEVEL_SHARE`` of
    the time); then the best score at the floor reached (``SCORE_SHARE`` of the time
    left); then the floor is raised a step at a time while a schedule with no
    shortfall to the next step is found at a small cost in score (``STEP_COST``).
    Also says whether the score was proven best at the levels it kept.
    """
    if not applies(space) or not context.clock.running() or context.stop.requested():
        return placed, False
    model = SlotModel(space, gaps=False)
    levels = {level.name: level for level in context.levels(model.levels)}
    hint = model.hint_for({p.index for p in placed})
    mip = LinearMip(model.model)
    bound = {outcome.name: outcome.bound for outcome in bounds}
    aim = {outcome.name: outcome.value for outcome in bounds}
    for name in ("must", "companies"):
        level = levels[name]
        reached, open_bound = level.value(hint), bound.get(name) or level.ceiling
        if open_bound is None or reached < open_bound:
            answer = mip.optimise(_score_breaks_ties(level, levels["score"]), hint, context.part(LEVEL_SHARE))
            if answer.values is not None and level.value(answer.values) > level.value(hint):
                hint = answer.values
        mip.require(level, level.value(hint))
    answer = MipAnswer(None, False)
    if "floor" in levels and len(space.placements) <= JUMP_PLACEMENTS:
        answer = _jump(mip, levels["floor"], levels["score"], hint, aim.get("floor", 0), context)
        if answer.values is None:
            mip.require(levels["floor"], levels["floor"].value(hint))
    if answer.values is None:
        answer = mip.optimise(levels["score"], hint, context.part(SCORE_SHARE))
    if answer.values is not None:
        hint = answer.values
    if "floor" in levels:
        raised = _raise_floor(mip, model, levels["floor"], levels["score"], hint, context)
        if levels["floor"].value(raised) > levels["floor"].value(hint):  # the best score at the new floor
            hint = raised
            answer = mip.optimise(levels["score"], hint, context)
            if answer.values is not None:
                hint = answer.values
    return space.better_of(placed, model.chosen(hint)), answer.proven


def _score_breaks_ties(level: Level, score: Level) -> Level:
    """``level`` first and the score second, in one objective: a unit of the level outweighs any score.

    Asked alone, a level's best solution may throw the score away (on a one-day
    event of 450 companies the last two companies cost half the score), and the
    score search after it starts from there.
    """
    weight = sum(abs(c) for c in score.coefficients) + 1
    coefficients = tuple(c * weight for c in level.coefficients) + score.coefficients
    return Level(level.name, level.variables + score.variables, coefficients, level.maximize)


def _jump(
    mip: LinearMip, floor: Level, score: Level, hint: list[int], aim: int, context: Context
) -> MipAnswer:
    """The best score with the floor held at ``aim`` (the pairs model's floor), where that is above ``hint``'s.

    The steps up to ``aim`` are held by their bounds. If no schedule is found there
    (none is given: ``hint`` is below it), or only one that costs more than
    ``STEP_COST`` of ``hint``'s score per step (what a step may cost in
    :func:`_raise_floor`), the steps are let go again and the answer is empty.
    """
    steps = floor.variables
    reached, aim = floor.value(hint), min(aim, len(steps) + 1)
    if aim <= reached:
        return MipAnswer(None, False)
    for k in range(reached + 1, aim + 1):
        mip.set_lower(steps[k - 2].index, 1)
    answer = mip.optimise(score, hint, context.part(JUMP_SHARE))
    least = (1 - STEP_COST * (aim - reached)) * score.value(hint)
    if answer.values is not None and score.value(answer.values) >= least:
        return answer
    for k in range(reached + 1, aim + 1):
        mip.set_lower(steps[k - 2].index, 0)
    return MipAnswer(None, False)


def _raise_floor(
    mip: LinearMip, model: SlotModel, floor: Level, score: Level, hint: list[int], context: Context
) -> list[int]:
    """The floor one step higher at a time, while the MIP finds a schedule that leaves no company short.

    Asking for the step outright (its big-M rows) gives HiGHS nothing to steer by;
    the sum of each company's shortfall to the next step (``short >= goal * covered
    - meetings``, as the windows count it) is an objective it closes quickly. The
    score is kept within ``STEP_COST`` of where the step started, so that a step
    never throws the score away. A step reached is then fixed, and the next one tried.
    """
    reach = model.space.reach
    steps = floor.variables  # steps[k - 2]: "the floor is at least k"
    while context.clock.running() and not context.stop.requested():
        target = floor.value(hint) + 1
        if target - 2 >= len(steps):
            break
        start, shorts = list(hint), []
        for company_id in sorted(model.by_company):
            goal = min(target, reach[company_id]) - model.held(company_id)
            if reach[company_id] < 2 or goal <= 0:
                continue
            count, flag = model.count[company_id], model.covered.get(company_id)
            short = mip.add_column(goal)
            if flag is None:  # met outside the model already
                mip.add_row([(short, 1.0), (count.index, 1.0)], goal)
                start.append(max(0, goal - start[count.index]))
            else:
                mip.add_row([(short, 1.0), (count.index, 1.0), (flag.index, -goal)], 0.0)
                start.append(max(0, goal * start[flag.index] - start[count.index]))
            shorts.append(Column(short))
        shortfall = Level("shortfall", tuple(shorts), (1,) * len(shorts), False)
        mip.require(score, math.ceil((1 - STEP_COST) * score.value(start)))
        answer = mip.optimise(shortfall, start, context.part(0.5))
        if answer.values is None or shortfall.value(answer.values) > 0:
            return start
        hint = answer.values
        for k in range(2, target + 1):  # the step reached, and those below it, are kept
            mip.set_lower(steps[k - 2].index, 1)
            hint[steps[k - 2].index] = 1
    return hint
