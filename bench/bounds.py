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
from dataclasses import dataclass

import highspy
import numpy as np

from matcher.domain.instance import Instance
from matcher.domain.scoring import DEFAULT_WEIGHTS, Weights
from matcher.relaxation import Lp, add_coverage, pair_options, session_model, slot_model

FAIR_SLACK = 1e-4  # coverage the fair LP may give up, against the interior-point method's round-off


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
        self.highs.changeColsIntegrality(
            self.columns,
            np.arange(self.columns, dtype=np.int32),
            np.full(self.columns, highspy.HighsVarType.kInteger),
        )
        self.highs.setOptionValue("time_limit", float(time_limit))
        self.highs.setOptionValue("mip_rel_gap", 0.0)
        self.highs.changeColsCost(self.columns, np.arange(self.columns, dtype=np.int32), costs)
        self.highs.run()
        info = self.highs.getInfo()
        proven = self.highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
        return info.objective_function_value, info.mip_dual_bound, proven

    def require_at_least(self, columns: list[int], lower: float) -> None:
        self.highs.addRow(
            lower, highspy.kHighsInf, len(columns), np.array(columns, dtype=np.int32), np.ones(len(columns))
        )


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
    return Bound(
        name, plain, fair, coverable, len(covered), len(lp.costs) - len(covered), time.perf_counter() - began
    )


def slot_columns(instance: Instance, weights: Weights = DEFAULT_WEIGHTS) -> int:
    """How many columns the slot LP would have: to choose a model that fits."""
    return sum(len(option.slots) for option in pair_options(instance, weights))
