"""The capacity planner's bounds hold against real schedules, and its "+1" figures match real re-solves."""

from __future__ import annotations

from dataclasses import replace

import pytest

from matcher.capacity import plan_capacity
from matcher.domain.instance import Instance
from matcher.solve.solver import SolveParameters, solve
from tests.matcher.builders import company, instance, interpreter, request, session
from tests.matcher.test_properties import random_event

QUICK = SolveParameters(time_limit=20, deterministic_time=5.0, workers=1)


def starved_event() -> Instance:
    """Korea-US has one table for eight must-meet pairs; Korea-France has room to spare."""
    korean = [company(f"KR-{i}") for i in range(10)]
    american = [company(f"US-{i}") for i in range(8)]
    french = [company(f"FR-{i}") for i in range(2)]
    return instance(
        companies=[*korean, *american, *french],
        sessions=[
            session("US-PM", "13:00", "15:00", tables=1, countries=("US",)),
            session("FR-PM", "13:00", "15:00", day=29, tables=5, countries=("FR",)),
        ],
        requests=[request(f"KR-{i}", f"US-{i}") for i in range(8)]
        + [request("KR-8", "FR-0"), request("KR-9", "FR-1", priority=2)],
    )


def requested_met(event: Instance, params: SolveParameters = QUICK) -> tuple[int, int]:
    """Requested pairs and must-meet pairs that the solver's schedule meets."""
    met = {frozenset(m.companies) for m in solve(event, params).schedule.meetings}
    requested = {frozenset((r.from_id, r.to_id)) for r in event.requests}
    must = {frozenset((r.from_id, r.to_id)) for r in event.requests if r.priority == 3}
    return len(met & requested), len(met & must)


def with_table(event: Instance, session_id: str) -> Instance:
    sessions = tuple(replace(s, tables=s.tables + 1) if s.id == session_id else s for s in event.sessions)
    return replace(event, sessions=sessions)


def test_bounds_count_what_the_tables_allow():
    report = plan_capacity(starved_event())
    assert (report.requested, report.must) == (10, 9)
    assert (report.requests_bound, report.must_bound) == (6, 5)  # 4 slots at one US table, 2 French pairs


def test_one_more_table_gains_what_a_real_re_solve_gains():
    event = starved_event()
    sessions = {s.id: s for s in plan_capacity(event).sessions}
    before = requested_met(event)
    for session_id in ("US-PM", "FR-PM"):
        after = requested_met(with_table(event, session_id))
        assert sessions[session_id].extra_table == after[0] - before[0]
    assert sessions["US-PM"].extra_table == 4
    assert sessions["FR-PM"].extra_table == 0


def test_one_more_interpreter_opens_pairs_without_a_common_language():
    event = instance(
        companies=[
            company("KR-1", languages=("ko",)),
            company("FR-1", languages=("fr",)),
            company("KR-2", languages=("ko",)),
            company("FR-2", languages=("fr",)),
        ],
        sessions=[session("FR-PM", "13:00", "13:30")],
        requests=[request("KR-1", "FR-1"), request("KR-2", "FR-2")],
        interpreters=[interpreter("I-1", ("ko", "fr"))],
    )
    report = plan_capacity(event)
    assert report.requests_bound == 1  # one slot, one interpreter
    (languages,) = report.interpreters
    assert (languages.languages, languages.interpreters, languages.needing) == (("fr", "ko"), 1, 2)
    assert languages.extra_interpreter == 1
    assert languages.hours == 0.5


def test_an_unserved_language_pair_is_offered_as_a_new_interpreter():
    event = instance(
        companies=[company("KR-1", languages=("ko",)), company("RU-1", languages=("ru",))],
        sessions=[session("RU-PM", "13:00", "14:00")],
        requests=[request("KR-1", "RU-1")],
    )
    report = plan_capacity(event)
    assert report.requests_bound == 0
    assert [(i.languages, i.interpreters, i.extra_interpreter) for i in report.interpreters] == [
        (("ko", "ru"), 0, 1)
    ]


@pytest.mark.parametrize("seed", range(6))
def test_bounds_never_fall_below_a_real_schedule(seed):
    event = random_event(seed, companies=10, slots=4, days=2)
    report = plan_capacity(event)
    met, must_met = requested_met(event, SolveParameters(time_limit=20, deterministic_time=2.0, workers=1))
    assert met <= report.requests_bound
    assert must_met <= report.must_bound
    assert report.requests_bound <= report.requested and report.must_bound <= report.must
