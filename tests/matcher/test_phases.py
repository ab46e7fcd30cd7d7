"""Each phase of the solve alone, through the one contract: space, placements or picks, a context in."""

from __future__ import annotations

import pytest

from matcher.domain.scoring import idle_gaps
from matcher.domain.validator import validate
from matcher.solve.board import Board
from matcher.solve.context import Clock, Context, Stop
from matcher.solve.days import place_days
from matcher.solve.fill import fill, with_pairs
from matcher.solve.gaps import retime
from matcher.solve.pairs import pick_pairs
from matcher.solve.pipeline import LEVEL_SHARES
from matcher.solve.space import SearchSpace
from matcher.solve.start import best_start, starting_schedules
from matcher.solve.windows import improve
from tests.matcher.test_properties import random_event


def context(deterministic: float = 2.0, stop: Stop | None = None) -> Context:
    """A reproducible context: a deterministic budget, one worker, seed 0 (no wall-clock dependence)."""
    return Context(Clock(600.0, deterministic), stop or Stop(), 1, 0, level_shares=LEVEL_SHARES)


@pytest.fixture(scope="module", params=[21, 22])
def week(request):
    event = random_event(request.param, companies=18, slots=5, days=2)
    space = SearchSpace(event)
    start = best_start(starting_schedules(space))
    return event, space, [space.placements[n] for n in sorted(space.placements_for(start.meetings))]


def valid(space, placements) -> bool:
    return validate(space.instance, space.meetings(placements)) == []


def test_pairs_picks_each_pair_once_on_a_day_it_can_meet_and_keeps_the_starts_musts(week):
    event, space, start = week
    picked = pick_pairs(space, start, context())
    days_of = {
        pair: {space.slots[p.slot].day for p in space.placements_of_pair[pair]} for pair in picked.pairs
    }
    assert len(picked.pairs) == len(set(picked.pairs))
    assert all(day in days_of[pair] for day, pairs in picked.by_day.items() for pair in pairs)
    must = next(o for o in picked.levels if o.name == "must")
    assert must.value >= space.parts(start)["must"]
    assert must.bound is None or must.bound >= must.value


def test_days_places_only_picked_pairs_on_their_day_and_keeps_the_rules(week):
    event, space, start = week
    picked = pick_pairs(space, start, context())
    placed = place_days(space, picked, context())
    day_of = {pair: day for day, pairs in picked.by_day.items() for pair in pairs}
    assert all(space.slots[p.slot].day == day_of[p.pair] for p in placed)
    assert valid(space, placed)


def test_fill_only_adds_and_leaves_no_pair_that_still_fits(week):
    event, space, start = week
    some = start[: len(start) // 2]
    filled = fill(space, some)
    assert set(some) <= set(filled) and valid(space, filled)
    board = Board(space)
    for placement in filled:
        board.take(placement)
    assert not any(board.fits(p) for p in space.placements)


def test_with_pairs_adds_must_pairs_to_a_start_without_losing_one(week):
    event, space, start = week
    musts = [pair.index for pair in space.pairs if pair.must]
    half = start[: len(start) // 2]
    placed = with_pairs(space, half, musts)
    assert valid(space, placed)
    met = {p.pair for p in placed}
    assert {p.pair for p in half if space.pairs[p.pair].must} <= met
    assert space.parts(placed)["must"] >= space.parts(half)["must"]


def test_windows_never_rank_below_their_start(week):
    event, space, start = week
    improved = improve(space, start, context(1.0))
    assert valid(space, improved)
    assert space.rank(improved) >= space.rank(start)


def test_floor_windows_raise_the_floor_and_never_rank_below_their_start(week):
    event, space, start = week
    low = [p for p in start if p.pair % 3]  # a third of the meetings off: some companies fall short
    raised = improve(space, low, context(1.0), floor_only=True)
    assert valid(space, raised)
    assert space.rank(raised) >= space.rank(low)
    assert space.parts(raised)["floor"] > space.parts(low)["floor"]


def test_gaps_keep_every_pair_and_never_add_a_gap(week):
    event, space, start = week
    placed, outcome = retime(space, start, context())
    assert sorted(p.pair for p in placed) == sorted(p.pair for p in start)
    assert valid(space, placed)
    gaps = idle_gaps(event, space.meetings(placed))
    assert outcome.name == "gaps" and outcome.value == gaps
    assert gaps <= idle_gaps(event, space.meetings(start))


def test_a_stopped_context_returns_the_input_at_once(week):
    event, space, start = week
    stopped = Stop(lambda: True)
    assert set(improve(space, start, context(stop=stopped))) == set(start)
    placed, _ = retime(space, start, context(stop=stopped))
    assert sorted(p.pair for p in placed) == sorted(p.pair for p in start)
