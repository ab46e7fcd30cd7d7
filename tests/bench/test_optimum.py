"""The slot model solved exactly, level by level: must pairs, then companies, then score."""

from __future__ import annotations

import pytest

from bench.bounds import lp_bound
from bench.generate import generate_event
from bench.optimum import lexicographic_optimum
from tests.bench.test_bounds import starved_event


def test_must_pairs_come_before_covering_more_companies():
    found = lexicographic_optimum(starved_event(), time_limit=10)
    assert (found.must, found.companies, found.score, found.proven) == (2, 3, pytest.approx(60), True)


def test_the_exact_optimum_stays_under_the_lp_bound():
    event = generate_event(companies=120, seed=2)
    found = lexicographic_optimum(event, time_limit=20)
    assert found.proven
    assert found.score == pytest.approx(found.score_bound)
    assert found.score <= lp_bound(event, "slot").score + 1e-6
