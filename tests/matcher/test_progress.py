"""Progress an organizer can read: plain phase keys and the best schedule's figures, never getting worse."""

from __future__ import annotations

import pytest

from matcher.solve.progress import PHASES, phase_key
from matcher.solve.solver import SolveParameters, solve
from tests.matcher.test_properties import random_event


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("pairs:must", "pairs"),
        ("pairs:floor", "pairs"),
        ("2019-10-28:score", "days"),
        ("placing all:placing", "days"),
        ("window:companies", "windows"),
        ("anneal:gaps", "gaps"),
        ("timetable:gaps", "gaps"),
        ("gaps", "gaps"),
    ],
)
def test_internal_search_labels_become_plain_phase_keys(label, key):
    assert phase_key(label) == key


@pytest.mark.parametrize("seed", [0, 1])
def test_reports_never_get_worse_and_end_on_the_returned_schedule(seed):
    """A larger event (decomposed by day) and a small one (solved whole)."""
    event = random_event(600 + seed, companies=(70, 14)[seed], slots=(8, 4)[seed], days=2)
    seen = []
    result = solve(event, SolveParameters(time_limit=3, workers=1), on_progress=seen.append)
    assert seen[0].phase == "start" and seen[-1].phase == "done"
    assert {p.phase for p in seen} <= set(PHASES)
    ranks = [(p.must_met, p.companies_met) for p in seen]
    assert ranks == sorted(ranks), "must met, then companies met, never go down"
    last = seen[-1]
    objective = result.objective
    assert (last.must_met, last.must_total, last.companies_met, last.idle_gaps, last.best_objective) == (
        objective["must"],
        objective["must_total"],
        objective["companies"],
        objective["gaps"],
        objective["score"],
    )
    assert all(p.time_left is not None and p.time_left >= 0 for p in seen)
    assert all(p.requests_met <= p.requests_total for p in seen)
