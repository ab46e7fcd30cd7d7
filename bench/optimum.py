"""The slot-indexed model solved exactly (HiGHS MIP), level by level, where it is small enough.

Must-meet pairs first, then companies with a meeting, then score: the
solver's levels without the fairness floor and idle gaps. Its score is
therefore at least the score of any schedule that meets as many must-requests
and companies, and says how far the LP bounds are from what is reachable.
Interpreters are counted per set that speaks for a pair, not assigned, so an
optimum here might not be staffable: it is a bound that is usually reached.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from bench.bounds import HighsModel
from matcher.domain.instance import Instance
from matcher.domain.objective import must_pairs
from matcher.relaxation import add_coverage, pair_options, slot_model


@dataclass(frozen=True)
class Optimum:
    must: int
    companies: int
    score: float  # the best score found with that many must pairs and companies
    score_bound: float  # no such schedule scores above this
    proven: bool  # every level solved to optimality within the time
    seconds: float


def lexicographic_optimum(instance: Instance, time_limit: float = 60.0) -> Optimum:
    """Must pairs, then companies, then score, each an exact MIP with what is left of ``time_limit``."""
    began = time.perf_counter()
    options = pair_options(instance)
    lp, of_company = slot_model(instance, options)
    musts = must_pairs(instance)
    must_columns, column = [], 0
    for option in options:
        if frozenset(option.companies) in musts:
            must_columns += range(column, column + len(option.slots))
        column += len(option.slots)
    covered = add_coverage(lp, of_company)
    model = HighsModel(lp)
    proven = True

    def indicator(columns: list[int]) -> np.ndarray:
        costs = np.zeros(len(lp.costs))
        costs[columns] = 1.0
        return costs

    def level(costs: np.ndarray) -> tuple[float, float]:
        nonlocal proven
        left = max(1.0, time_limit - (time.perf_counter() - began))
        value, bound, solved = model.maximise_integral(costs, left)
        proven = proven and solved
        return value, bound

    must, _ = level(indicator(must_columns))
    model.require_at_least(must_columns, round(must) - 0.5)
    companies, _ = level(indicator(covered))
    model.require_at_least(covered, round(companies) - 0.5)
    scores = np.array(lp.costs)
    scores[covered] = 0.0
    score, bound = level(scores)
    return Optimum(round(must), round(companies), score, bound, proven, time.perf_counter() - began)
