"""Properties of the solver on seeded random events: always valid, optimal where we can enumerate, locks kept."""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import replace
from itertools import combinations

import pytest

from matcher.domain.instance import Instance
from matcher.domain.objective import objective_parts, ranking
from matcher.domain.schedule import Meeting
from matcher.domain.scoring import canonical_pair, is_eligible
from matcher.domain.validator import validate
from matcher.solve.solver import SolveParameters, solve
from matcher.solve.space import SearchSpace
from tests.matcher.builders import company, instance, interpreter, request, seminar, session, span

SECTORS = ("battery", "display", "laser", "robot", "sensor")
FOREIGN = ("FR", "US")


def random_event(seed: int, companies: int = 8, slots: int = 4, days: int = 1) -> Instance:
    """A small week: Korean and foreign firms, a session per country and day, requests, seminars, interpreters."""
    rng = random.Random(seed)
    home = [
        company(
            f"KR-{i:02d}",
            languages=rng.choice([("ko", "en"), ("ko", "en"), ("ko",)]),
            sectors=tuple(rng.sample(SECTORS, 2)),
            interests=tuple(rng.sample(SECTORS, 1)),
            max_meetings=rng.choice([None, None, None, 1, 2]),
            seminars=("SEM-1",) if rng.random() < 0.3 else (),
            unavailable=(span("14:00", "14:30"),) if rng.random() < 0.2 else (),
        )
        for i in range(companies // 2)
    ]
    foreign = [
        company(
            f"{rng.choice(FOREIGN)}-{i:02d}",
            languages=rng.choice([("en",), ("fr", "en"), ("fr",)]),
            sectors=tuple(rng.sample(SECTORS, 2)),
            interests=tuple(rng.sample(SECTORS, 1)),
            max_meetings=rng.choice([None, None, 2]),
        )
        for i in range(companies - companies // 2)
    ]
    end = (13 * 60 + 30 + 30 * slots) // 60, (30 + 30 * slots) % 60
    sessions = [
        session(
            f"{country}-D{day}",
            "13:30",
            f"{end[0]:02d}:{end[1]:02d}",
            day=28 + day,
            tables=rng.choice([1, 2, 3]),
            countries=(country,),
        )
        for day in range(days)
        for country in FOREIGN
    ]
    pairs = [(h, f) for h in home for f in foreign]
    requests = []
    for h, f in rng.sample(pairs, min(len(pairs), companies)):
        a, b = (h, f) if rng.random() < 0.5 else (f, h)
        wanted = (f"{f.country}-D0",) if rng.random() < 0.15 else None
        requests.append(request(a.id, b.id, rng.choice([1, 2, 3]), wanted))
    return instance(
        home + foreign,
        sessions,
        requests,
        seminars=[seminar("SEM-1", "13:00", "14:00")],
        interpreters=[interpreter("INT-1", ("ko", "fr"), unavailable=(span("15:00", "16:00"),))]
        if rng.random() < 0.7
        else [],
    )


def brute_force_best(event: Instance) -> tuple[int, ...]:
    """The best objective over every valid schedule, found by trying every placement of every pair."""
    space = SearchSpace(event)
    options: dict[tuple[str, str], list[Meeting]] = {}
    for a, b in combinations(event.companies, 2):
        if not is_eligible(event, a.id, b.id):
            continue
        ids = canonical_pair(event, a.id, b.id)
        options[ids] = [
            Meeting(ids, s.id, slot.start, slot.end, 1, helper)
            for s in event.sessions
            for slot in s.slots
            for helper in (None, *(i.id for i in event.interpreters))
        ]
    pairs = sorted(options)
    best: list[tuple[int, ...]] = []

    def extend(k: int, chosen: list[Meeting]) -> None:
        if k == len(pairs):
            best.append(ranking(objective_parts(event, chosen, space.reach)))
            return
        extend(k + 1, chosen)
        for option in options[pairs[k]]:
            table = 1 + sum(1 for m in chosen if m.session == option.session and m.start == option.start)
            placed = Meeting(
                option.companies, option.session, option.start, option.end, table, option.interpreter
            )
            if not validate(event, [*chosen, placed]):
                extend(k + 1, [*chosen, placed])

    extend(0, [])
    return max(best)


@pytest.mark.parametrize("seed", range(12))
def test_every_schedule_on_a_random_event_keeps_the_rules(seed):
    event = random_event(seed, companies=10 + seed % 4 * 4, slots=3 + seed % 3, days=1 + seed % 2)
    result = solve(event, SolveParameters(time_limit=4, workers=1, seed=seed))
    assert validate(event, result.schedule) == []
    met = {m.pair for m in result.schedule.meetings}
    unmet = {frozenset(u.companies) for u in result.schedule.unscheduled}
    requested = {frozenset((r.from_id, r.to_id)) for r in event.requests}
    assert unmet == requested - met


@pytest.mark.parametrize("seed", range(10))
def test_the_solver_reaches_the_enumerated_optimum_on_tiny_events(seed):
    event = random_event(100 + seed, companies=5, slots=3)
    result = solve(event, SolveParameters(time_limit=10, workers=1))
    space = SearchSpace(event)
    assert result.status == "OPTIMAL"
    assert ranking(objective_parts(event, result.schedule.meetings, space.reach)) == brute_force_best(event)


@pytest.mark.parametrize("seed", range(6))
def test_locked_meetings_are_kept_exactly_on_random_events(seed):
    """Some meetings of a first solve are locked, moved to the highest tables of their slots, and kept."""
    event = random_event(200 + seed, companies=12, slots=4)
    first = solve(event, SolveParameters(time_limit=3, workers=1)).schedule.meetings
    rng = random.Random(seed)
    tables = {s.id: s.tables for s in event.sessions}
    by_slot: dict[tuple, list[Meeting]] = defaultdict(list)
    for m in first:
        if rng.random() < 0.5:
            by_slot[m.session, m.start].append(m)
    locked = [
        replace(m, table=tables[m.session] - k) for group in by_slot.values() for k, m in enumerate(group)
    ]
    result = solve(event, SolveParameters(time_limit=3, workers=1), locked=locked)
    assert set(locked) <= set(result.schedule.meetings)
    assert validate(event, result.schedule) == []
    assert len(result.schedule.meetings) >= len(first) - 1


def test_time_limit_on_a_random_event_returns_a_valid_schedule():
    event = random_event(300, companies=60, slots=8, days=2)
    result = solve(event, SolveParameters(time_limit=1, workers=1))
    assert validate(event, result.schedule) == []
    assert result.seconds < 5
