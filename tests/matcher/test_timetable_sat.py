"""Decision searches on the idle-gap count: valid placements, gaps counted as scoring does, optima reached."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from bench.b2bsp import B2BSP_DIR, load_forum, required_pairs
from matcher.domain.instance import Instance
from matcher.domain.scoring import canonical_pair, idle_gaps
from matcher.domain.validator import validate
from matcher.solve.space import SearchSpace
from matcher.solve.timetable_sat import applies, decide_gaps
from tests.matcher.builders import company, instance, interpreter, meeting, request, session
from tests.matcher.test_timetable import fewest_gaps, forum, random_forum, with_requests


def space_of(event: Instance, pairs: list[tuple[str, str]], **extra) -> SearchSpace:
    keys = [canonical_pair(event, a, b) for a, b in pairs]
    return SearchSpace(event, pairs=dict.fromkeys(keys, 0), **extra)


@pytest.mark.parametrize("seed", range(12))
def test_the_first_yes_is_the_enumerated_optimum_and_its_gaps_are_scorings(seed):
    event, pairs = random_forum(seed)
    best = fewest_gaps(event, pairs)
    space = space_of(event, pairs)
    if best is None or len(space.pairs) < len(pairs) or not applies(space, space.placements):
        pytest.skip("no placement of every pair, or not a plain row per company")
    decided = decide_gaps(space, space.placements, 0, len(pairs) + 1, seconds=10)
    assert decided.placements is not None
    meetings = space.meetings(decided.placements)
    assert validate(event, meetings) == []
    assert Counter(m.pair for m in meetings) == Counter(frozenset(p) for p in pairs)
    assert idle_gaps(event, meetings) == decided.gaps == best


def test_a_brokerage_forum_is_placed_at_its_published_optimum():
    event = load_forum(B2BSP_DIR / "tic-13crafc.dzn")  # published optimum: 4 breaks
    pairs = sorted(tuple(sorted(pair)) for pair in required_pairs(event))
    space = space_of(event, pairs)
    assert applies(space, space.placements)
    started = time.monotonic()
    decided = decide_gaps(space, space.placements, 0, 10, seconds=60)
    assert time.monotonic() - started < 60
    assert decided.placements is not None
    meetings = space.meetings(decided.placements)
    assert validate(event, meetings) == []
    assert len(meetings) == len(pairs)
    assert idle_gaps(event, meetings) == decided.gaps == decided.bound == 4


def test_no_schedule_below_the_bound_proves_the_callers_schedule_optimal():
    event = load_forum(B2BSP_DIR / "forum-13crafc.dzn")  # CP-SAT's bound stays at 0 here; the optimum is 1
    pairs = sorted(tuple(sorted(pair)) for pair in required_pairs(event))
    space = space_of(event, pairs)
    decided = decide_gaps(space, space.placements, 0, 1, seconds=60)
    assert decided.placements is None
    assert decided.bound == 1


def test_the_phase_leaves_interpreters_locked_meetings_and_several_days_to_cp_sat():
    pairs = [("P1", "P2"), ("P2", "P3")]
    event = with_requests(forum(3, 2, 2, tables=2), pairs)
    space = space_of(event, pairs)
    assert applies(space, space.placements)

    locked = [meeting("P1", "P3", "AM", "09:00")]
    with_locked = space_of(event, pairs, locked=locked)
    assert not applies(with_locked, with_locked.placements)

    strangers = [company("KR-01", languages=("ko",)), company("FR-01", languages=("fr",))]
    needs_help = instance(
        companies=strangers,
        sessions=[session("FR", "13:30", "15:00", tables=2)],
        requests=[request("KR-01", "FR-01")],
        interpreters=[interpreter("I-1")],
    )
    helped = space_of(needs_help, [("KR-01", "FR-01")])
    assert helped.placements and not applies(helped, helped.placements)
