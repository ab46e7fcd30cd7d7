"""The synthetic cooperation weeks: shaped as the sizes promise, realistic, and the same for a seed."""

from __future__ import annotations

from collections import Counter

import pytest

from bench.generate import SIZES, generate_event, main
from matcher.domain.rules import needs_interpreter, time_ordered_slots
from matcher.formats.instance_io import instance_to_dict, load_instance, parse_instance


@pytest.fixture(scope="module")
def week():
    return generate_event("week", seed=3)


def test_same_seed_same_event_and_another_seed_another():
    assert generate_event("week", seed=1) == generate_event("week", seed=1)
    assert generate_event("week", seed=1).requests != generate_event("week", seed=2).requests


@pytest.mark.parametrize("size", ["week", "parallel"])
def test_named_sizes_have_their_companies_and_requests(size):
    event = generate_event(size)
    shape = SIZES[size]
    assert len(event.companies) == shape.companies
    assert len(event.requests) == shape.requests
    assert len({c.country for c in event.companies} - {"KR"}) == shape.countries


def test_week_has_one_country_a_day_with_a_morning_seminar_and_two_sessions(week):
    days = Counter(s.start.date() for s in week.sessions)
    assert len(days) == 4 and set(days.values()) == {2}
    assert {s.start.date() for s in week.seminars} == set(days)
    assert all(s.start.hour < 12 for s in week.seminars)
    assert all(len(s.countries) == 1 for s in week.sessions)


def test_parallel_runs_five_countries_in_parallel_halls():
    event = generate_event("parallel")
    by_start = Counter(s.start for s in event.sessions)
    assert max(by_start.values()) == 5


def test_companies_and_requests_override_the_size():
    event = generate_event(companies=400, requests=900, seed=5)
    assert len(event.companies) == 400 and len(event.requests) == 900


def test_requests_are_valid_one_per_direction_and_cross_the_sides(week):
    ids = {c.id for c in week.companies}
    sessions = {s.id for s in week.sessions}
    directions = [(r.from_id, r.to_id) for r in week.requests]
    assert len(directions) == len(set(directions))
    for request in week.requests:
        assert {request.from_id, request.to_id} <= ids
        assert (request.from_id[:2] == "KR") != (request.to_id[:2] == "KR")
        assert request.sessions is None or set(request.sessions) <= sessions
    assert set(Counter(r.priority for r in week.requests)) == {1, 2, 3}
    assert any(r.sessions for r in week.requests)


def test_popular_companies_attract_many_requests(week):
    received = Counter(r.to_id for r in week.requests)
    mean = len(week.requests) / len(received)
    assert received.most_common(1)[0][1] > 4 * mean


def test_some_pairs_need_an_interpreter_and_interpreters_exist(week):
    companies = week.company_by_id
    interpreted = [r for r in week.requests if needs_interpreter(companies[r.from_id], companies[r.to_id])]
    assert interpreted and week.interpreters
    assert any(i.unavailable for i in generate_event("grand").interpreters)


def test_korean_firms_come_on_some_days_and_some_attend_seminars(week):
    home = [c for c in week.companies if c.country == "KR"]
    days_open = [len({s.start.date() for s in time_ordered_slots(week, c)}) for c in home]
    assert min(days_open) >= 1 and Counter(days_open)[4] < len(home) / 2
    assert sum(1 for c in home if c.seminars) > len(home) / 10


def test_sectors_are_skewed_in_popularity(week):
    counts = Counter(sector for c in week.companies for sector in c.sectors)
    ranked = [n for _, n in counts.most_common()]
    assert ranked[0] > 4 * ranked[-1]


def test_the_command_writes_an_event_the_format_reader_accepts_unchanged(tmp_path):
    out = tmp_path / "week.json"
    main(["week", "--seed", "4", "-o", str(out)])
    assert load_instance(out) == generate_event("week", seed=4)


def test_parallel_event_passes_the_format_checks():
    event = generate_event("parallel", seed=1)
    assert parse_instance(instance_to_dict(event)) == event
