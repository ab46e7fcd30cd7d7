"""The score phase: CP-SAT models read as a HiGHS MIP, and the best score at the levels reached."""

from __future__ import annotations

import random

import pytest
from ortools.sat.python import cp_model

from matcher.domain.validator import validate
from matcher.solve.context import Clock, Context, Stop
from matcher.solve.lex import Level, LevelOutcome
from matcher.solve.mip import LinearMip, _jump, _score_breaks_ties, best_schedule
from matcher.solve.pipeline import LEVEL_SHARES
from matcher.solve.slot_model import SlotModel
from matcher.solve.space import SearchSpace
from matcher.solve.start import best_start, starting_schedules
from tests.matcher.test_properties import random_event


def context(deterministic: float = 20.0, stop: Stop | None = None) -> Context:
    return Context(Clock(600.0, deterministic), stop or Stop(), 1, 0, level_shares=LEVEL_SHARES)


def small_model(seed: int) -> tuple[cp_model.CpModel, Level]:
    """A random model of the kinds the solver writes: counts, enforced bounds, implications, at-most-ones."""
    rng = random.Random(seed)
    model = cp_model.CpModel()
    x = [model.new_bool_var(f"x{n}") for n in range(12)]
    count = model.new_int_var(0, 12, "count")
    model.add(count == sum(x))
    for _ in range(5):
        model.add_at_most_one(rng.sample(x, 3))
    model.add_exactly_one(rng.sample(x, 4))
    flag = model.new_bool_var("flag")
    model.add(count >= 5).only_enforce_if(flag)
    model.add(sum(rng.sample(x, 4)) <= 1).only_enforce_if(~flag)
    model.add_implication(x[0], x[1])
    model.add_bool_or([x[2], ~x[3], flag])
    weights = tuple(rng.randint(1, 9) for _ in x) + (7,)
    return model, Level("value", (*x, flag), weights, True)


@pytest.mark.parametrize("seed", range(8))
def test_the_mip_finds_the_same_optimum_as_cp_sat_on_the_same_model(seed):
    model, level = small_model(seed)
    model.maximize(level.expression())
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(model) == cp_model.OPTIMAL
    model.clear_objective()
    hint = [0] * len(model.proto.variables)
    answer = LinearMip(model).optimise(level, hint, context())
    assert answer.proven
    assert level.value(answer.values) == round(solver.objective_value)


def test_a_required_level_holds_in_the_answer():
    model, level = small_model(3)
    mip = LinearMip(model)
    first = mip.optimise(level, [0] * len(model.proto.variables), context())
    mip.require(level, level.value(first.values))
    cheapest = Level("cost", level.variables, level.coefficients, False)
    answer = mip.optimise(cheapest, first.values, context())
    assert level.value(answer.values) == level.value(first.values)


@pytest.fixture(scope="module", params=[31, 32])
def week(request):
    event = random_event(request.param, companies=16, slots=5, days=2)
    space = SearchSpace(event)
    start = best_start(starting_schedules(space))
    return space, [space.placements[n] for n in sorted(space.placements_for(start.meetings))]


def cp_sat_best(model: SlotModel, level: Level) -> int:
    model.model.maximize(level.expression())
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(model.model) == cp_model.OPTIMAL
    return round(solver.objective_value)


def test_with_levels_closed_the_score_is_cp_sats_proven_best_at_those_levels(week):
    space, start = week
    closed = [
        LevelOutcome(k, v, v, True) for k, v in space.parts(start).items() if k in ("must", "companies")
    ]
    found, proven = best_schedule(space, start, context(), closed)
    assert validate(space.instance, space.meetings(found)) == []
    assert space.rank(found) > space.rank(start)
    model = SlotModel(space, gaps=False)
    must, companies, floor, score = model.levels
    hint = model.hint_for({p.index for p in start})
    for level in (must, companies, floor):
        model.model.add(level.expression() >= level.value(hint))
    assert proven and space.parts(found)["score"] == cp_sat_best(model, score)


def test_with_levels_open_the_must_level_is_cp_sats_proven_best(week):
    space, start = week
    half = [p for p in start if not space.pairs[p.pair].must]  # a start without its must pairs
    found, _ = best_schedule(space, half, context())
    model = SlotModel(space, gaps=False)
    assert space.parts(found)["must"] == cp_sat_best(model, model.levels[0]) > space.parts(half)["must"]
    assert space.rank(found) > space.rank(half)


def test_the_floor_is_raised_to_cp_sats_best_and_the_score_is_best_at_that_floor(week):
    space, start = week
    low = [p for p in start if p.pair % 3]  # a third of the meetings off: some companies fall short
    found, _ = best_schedule(space, low, context())
    parts = space.parts(found)
    model = SlotModel(space, gaps=False)
    must, companies, floor, score = model.levels
    model.model.add(must.expression() >= parts["must"])
    model.model.add(companies.expression() >= parts["companies"])
    assert parts["floor"] == cp_sat_best(model, floor) > space.parts(low)["floor"]
    model.model.add(floor.expression() >= parts["floor"])
    assert parts["score"] == cp_sat_best(model, score)  # the score is searched again at the new floor


def test_a_stopped_context_returns_the_schedule_it_was_given(week):
    space, start = week
    assert best_schedule(space, start, context(stop=Stop(lambda: True))) == (start, False)


def best_floor(space: SearchSpace, found: list) -> tuple[SlotModel, int]:
    """CP-SAT's best floor at the must pairs and companies of ``found``, with that floor then held."""
    parts = space.parts(found)
    model = SlotModel(space, gaps=False)
    must, companies, floor, _ = model.levels
    model.model.add(must.expression() >= parts["must"])
    model.model.add(companies.expression() >= parts["companies"])
    best = cp_sat_best(model, floor)
    model.model.add(floor.expression() >= best)
    return model, best


def test_the_pairs_models_floor_is_asked_at_once_with_the_best_score_there(week):
    space, start = week
    low = [p for p in start if p.pair % 3]
    _, highest = best_floor(space, start)
    model = SlotModel(space, gaps=False)
    must, companies, floor, score = model.levels
    hint = model.hint_for({p.index for p in low})
    mip = LinearMip(model.model)
    answer = _jump(mip, floor, score, hint, highest, context())
    assert floor.value(answer.values) == highest > floor.value(hint)
    model.model.add(floor.expression() >= highest)
    assert answer.proven and score.value(answer.values) == cp_sat_best(model, score)


def test_a_floor_out_of_reach_is_let_go_again():
    event = random_event(39, companies=16, slots=5, days=2)  # at its start's levels, its best floor is 1 of 5
    space = SearchSpace(event)
    start = best_start(starting_schedules(space)).meetings
    model = SlotModel(space, gaps=False)
    must, companies, floor, score = model.levels
    hint = model.hint_for(space.placements_for(start))
    mip = LinearMip(model.model)
    for level in (must, companies):
        mip.require(level, level.value(hint))
        model.model.add(level.expression() >= level.value(hint))
    assert floor.value(hint) == 1
    assert _jump(mip, floor, score, hint, 2, context()).values is None
    answer = mip.optimise(score, hint, context())
    assert answer.proven and score.value(answer.values) == cp_sat_best(model, score)


def test_a_level_asked_with_the_score_breaking_ties_keeps_the_best_score_at_its_best(week):
    space, start = week
    model = SlotModel(space, gaps=False)
    must, companies, floor, score = model.levels
    hint = model.hint_for({p.index for p in start if not space.pairs[p.pair].must})
    answer = LinearMip(model.model).optimise(_score_breaks_ties(must, score), hint, context())
    best_must = cp_sat_best(model, must)
    model.model.add(must.expression() >= best_must)
    assert must.value(answer.values) == best_must
    assert score.value(answer.values) == cp_sat_best(model, score)
