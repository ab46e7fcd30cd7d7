"""The benchmark family: 24 listed events in two halves, and generator knobs that do what they say."""

from __future__ import annotations

from collections import Counter

from bench.family import BY_NAME, FAMILY, family, with_companies
from bench.family_run import RATIOS
from matcher.domain.instance import ANY_PAIR
from matcher.domain.rules import needs_interpreter
from matcher.domain.validator import validate
from matcher.solve.greedy import greedy_schedule


def small(name: str, companies: int = 80):
    return with_companies(BY_NAME[name], companies).build()


def test_24_events_one_of_each_kind_in_each_half_with_fixed_distinct_seeds():
    assert len(FAMILY) == 24 and len(family("tuning")) == len(family("held-out")) == 12
    kinds = Counter((e.kind, e.half) for e in FAMILY)
    assert set(kinds.values()) == {1} and len({e.kind for e in FAMILY}) == 12
    assert len({e.seed for e in FAMILY}) == 24
    sizes = [e.shape.companies for e in FAMILY]
    assert min(sizes) == 100 and max(sizes) == 2500
    assert {e.shape.halls for e in FAMILY} >= {3, 4, 5, 8} and {e.shape.days for e in FAMILY} == {
        1,
        2,
        3,
        4,
        5,
    }


def test_time_limits_follow_the_size():
    assert BY_NAME["halls3-500"].time_limit == 30 and BY_NAME["halls5-530"].time_limit == 60
    assert BY_NAME["mixed-1400"].time_limit == 60 and BY_NAME["fiveday-1600"].time_limit == 120


def test_the_same_event_every_time():
    event = with_companies(BY_NAME["skew-250"], 60)
    assert event.build() == with_companies(BY_NAME["skew-250"], 60).build()


def test_pairing_any_asks_for_meetings_on_one_side_too():
    event = small("any-600", 120)
    assert event.event.pairing == ANY_PAIR
    home = {c.id for c in event.companies if c.country == "KR"}
    assert any((r.from_id in home) == (r.to_id in home) for r in event.requests)
    assert validate(event, greedy_schedule(event)) == []


def test_a_seminar_every_morning_and_small_limits_and_interpreters_and_musts():
    seminars = small("seminars-400")
    assert len({s.start.date() for s in seminars.seminars}) == BY_NAME["seminars-400"].shape.days
    assert small("limit3-350").event.default_max_meetings == 3
    companies = {c.id: c for c in small("interpreters-220").companies}
    interpreted = small("interpreters-220").requests
    needing = sum(needs_interpreter(companies[r.from_id], companies[r.to_id]) for r in interpreted)
    assert needing > len(interpreted) / 2
    musts = small("musts-230", 120).requests
    assert sum(r.priority == 3 for r in musts) > 0.35 * len(musts)


def test_the_distribution_reads_every_ratio_from_one_result():
    ours = {
        "must_met": 10,
        "could_meet": 20,
        "without_meeting": 0,
        "score": 99,
        "idle_gaps": 5,
        "peak_mb": 100,
        "must_bound": 10,
        "companies_bound": 20,
    }
    greedy = {"must_met": 9, "could_meet": 20, "without_meeting": 1, "score": 100, "idle_gaps": 10}
    values = {ratio.name: ratio.value(ours, greedy, {"fair_bound": 100.0}) for ratio in RATIOS}
    assert values["must met / must bound"] == 1.0 and values["score / fair LP bound"] == 0.99
    assert values["idle gaps / greedy's"] == 0.5 and values["companies met / greedy's"] == 20 / 19
