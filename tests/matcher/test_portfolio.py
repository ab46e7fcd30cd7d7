"""The starting schedules, and the solver never returning a schedule that ranks below any of them."""

from __future__ import annotations

import pytest

from matcher.domain.objective import objective_parts, ranking
from matcher.domain.scoring import DEFAULT_WEIGHTS, Weights
from matcher.domain.validator import validate
from matcher.solve.greedy import greedy_schedule
from matcher.solve.solver import SolveParameters, solve
from matcher.solve.space import SearchSpace
from matcher.solve.start import STARTS, best_start, starting_schedules
from tests.matcher.builders import company, instance, request, session
from tests.matcher.test_properties import random_event


def starts_of(event, weights=DEFAULT_WEIGHTS):
    return {start.name: start for start in starting_schedules(SearchSpace(event, weights))}


def pairs_met(start):
    return sorted(tuple(sorted(m.companies)) for m in start.meetings)


def test_every_start_keeps_the_rules_and_reports_its_own_levels():
    event = random_event(7, companies=16, slots=5, days=2)
    space = SearchSpace(event)
    starts = starting_schedules(space)
    assert [s.name for s in starts] == list(STARTS)
    for start in starts:
        assert validate(event, start.meetings) == []
        assert start.objective == objective_parts(event, start.meetings, space.reach)
    assert best_start(starts).rank == max(s.rank for s in starts)


def test_best_score_first_is_the_plain_greedy_under_the_default_weights():
    event = random_event(3, companies=14, slots=4)
    assert list(starts_of(event)["best-score-first"].meetings) == greedy_schedule(event)


def test_best_score_first_counts_a_must_meet_pair_at_30_whatever_the_weights():
    """With requests worth 1 a point, a must pair scores 3 and a sector match 2; the must still comes first."""
    event = instance(
        companies=[
            company("KR-01", sectors=("robot",), interests=("robot",)),
            company("FR-01"),
            company("FR-02", sectors=("robot",), interests=("robot",)),
        ],
        sessions=[session("S", "13:30", "14:00", tables=2)],
        requests=[request("KR-01", "FR-01", 3)],
    )
    starts = starts_of(event, Weights(request=1, interest=5))
    assert pairs_met(starts["best-score-first"]) == [("FR-01", "KR-01")]


def test_most_constrained_first_gives_a_company_with_one_possible_partner_its_meeting():
    """FR-02 can only meet KR-01, whose better-scored pair with FR-01 would take its only slot."""
    event = instance(
        companies=[company("KR-01"), company("KR-02"), company("FR-01"), company("FR-02")],
        sessions=[session("S", "13:30", "14:00", tables=2)],
        requests=[
            request("KR-01", "FR-01", 3),
            request("KR-02", "FR-01", 1),
            request("FR-02", "KR-01", 1),
        ],
    )
    starts = starts_of(event)
    assert pairs_met(starts["best-score-first"]) == [("FR-01", "KR-01")]
    assert pairs_met(starts["most-constrained-first"]) == [("FR-01", "KR-02"), ("FR-02", "KR-01")]


@pytest.mark.parametrize("seed", range(10))
def test_the_solver_ranks_at_least_as_high_as_each_start_level_by_level(seed):
    """Small events and larger ones (decomposed by day), under short limits where the phases are cut short."""
    companies, slots, days = [(10, 4, 1), (16, 5, 2), (40, 6, 2), (60, 8, 2), (90, 8, 3)][seed % 5]
    event = random_event(400 + seed, companies=companies, slots=slots, days=days)
    result = solve(event, SolveParameters(time_limit=1 + seed % 3, workers=1, seed=seed))
    space = SearchSpace(event)
    ours = ranking(objective_parts(event, result.schedule.meetings, space.reach))
    assert validate(event, result.schedule) == []
    for start in starting_schedules(space):
        assert ours >= start.rank, start.name


def test_a_search_that_ends_below_the_best_start_returns_the_start(monkeypatch):
    """Whatever a phase does wrong, the result never ranks below the best start."""
    import matcher.solve.solver as solver_module
    from matcher.solve.pipeline import Found

    monkeypatch.setattr(solver_module, "search", lambda space, warm, context: Found([], "OPTIMAL", None))
    event = random_event(11, companies=14, slots=4)
    best = best_start(starts_of(event).values())
    result = solve(event, SolveParameters(time_limit=2, workers=1))
    assert result.schedule.stats["kept_start"] and result.schedule.stats["start"] == best.name
    assert set(result.schedule.meetings) == set(best.meetings) and result.status == "FEASIBLE"
    assert validate(event, result.schedule) == []
