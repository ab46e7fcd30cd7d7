"""The solver keeps every rule, meets what must meet, keeps locked meetings and stops when told."""

from __future__ import annotations

import io
import json
import os
import signal
import threading
import time
from dataclasses import replace
from pathlib import Path

import pytest

from matcher.cli import solve_command, validate_command
from matcher.domain.schedule import Meeting, Schedule
from matcher.domain.validator import ScheduleInvalid, validate
from matcher.formats.instance_io import load_instance
from matcher.formats.schedule_io import dump_schedule, load_schedule
from matcher.solve.solver import SolveParameters, solve
from matcher.solve.space import SearchSpace
from tests.matcher.builders import company, instance, meeting, request, session
from tests.matcher.test_properties import random_event

EXAMPLE = Path(__file__).with_name("example-instance.json")
FAST = SolveParameters(time_limit=5, workers=1)


@pytest.fixture(scope="module")
def example():
    return load_instance(EXAMPLE)


def test_example_week_is_valid_and_meets_every_must_request(example):
    result = solve(example, FAST)
    assert validate(example, result.schedule) == []
    assert result.objective["must"] == result.objective["must_total"] > 0
    assert result.objective["companies"] == len(example.companies)
    assert result.status == "OPTIMAL"
    assert result.schedule.stats["objective"] == result.objective


def test_locked_meetings_stay_exactly_and_the_rest_fits_around_them(example):
    first = solve(example, FAST).schedule.meetings
    locked = [replace(m, table=3) for m in first if m.session == "US-PM"][:1]
    locked.append(next(m for m in first if m.session == "FR-PM"))
    result = solve(example, FAST, locked=locked)
    assert set(locked) <= set(result.schedule.meetings)
    assert validate(example, result.schedule) == []


def test_a_locked_schedule_that_breaks_a_rule_is_refused_naming_the_rule(example):
    clash = (
        meeting("KR-01", "FR-01", "FR-PM", "13:30", table=1),
        meeting("KR-02", "FR-02", "FR-PM", "13:30", table=1),
    )
    with pytest.raises(ScheduleInvalid) as refused:
        solve(example, FAST, locked=clash)
    assert [v.rule for v in refused.value.violations] == [7]
    assert "table" in str(refused.value)


def test_an_event_where_nothing_can_meet_gives_an_empty_valid_schedule_with_reasons():
    event = instance(
        [company("KR-01"), company("FR-01"), company("US-01")],
        [session("US-PM", "13:30", "14:30", countries=("US",))],
        [request("KR-01", "FR-01")],
    )
    result = solve(event, FAST)
    assert result.schedule.meetings == ()
    assert [(u.companies, u.reason) for u in result.schedule.unscheduled] == [
        (("KR-01", "FR-01"), "no_common_slot")
    ]
    assert result.objective["companies"] == 0


def test_an_event_without_sessions_or_companies_solves_to_nothing():
    result = solve(instance(), FAST)
    assert result.schedule.meetings == () and result.schedule.unscheduled == ()


def test_must_requests_are_met_when_the_week_allows_it():
    """KR-01 is wanted by two firms but has one slot free; the must-meet request wins over a higher score sum."""
    event = instance(
        [
            company("KR-01", max_meetings=1),
            company("FR-01"),
            company("FR-02", interests=("x",), sectors=("x",)),
        ],
        [session("FR-PM", "13:30", "14:30", tables=1)],
        [request("KR-01", "FR-01", 3), request("KR-01", "FR-02", 2), request("FR-02", "KR-01", 2)],
    )
    result = solve(event, FAST)
    assert [m.companies for m in result.schedule.meetings] == [("KR-01", "FR-01")]


def test_fairness_comes_before_score():
    """Giving KR-01 both meetings scores more; meeting one each leaves no company out."""
    event = instance(
        [company("KR-01"), company("KR-02"), company("FR-01")],
        [session("FR-PM", "13:30", "14:00", tables=1)],
        [request("KR-01", "FR-01", 2), request("KR-02", "FR-01", 1)],
    )
    result = solve(event, FAST)
    assert result.objective["companies"] == 2


def test_same_seed_and_one_worker_give_the_same_schedule():
    event = random_event(7, companies=14)
    runs = [solve(event, SolveParameters(time_limit=20, seed=3, workers=1)) for _ in range(2)]
    assert runs[0].status == "OPTIMAL"
    assert runs[0].schedule.meetings == runs[1].schedule.meetings


def test_asking_to_stop_returns_a_valid_schedule_at_once():
    event = random_event(11, companies=40)
    started = time.monotonic()
    result = solve(event, SolveParameters(time_limit=30, workers=1), should_stop=lambda: True)
    assert time.monotonic() - started < 10
    assert result.status == "INTERRUPTED"
    assert validate(event, result.schedule) == []


def test_ctrl_c_returns_the_best_valid_schedule_so_far():
    event = random_event(12, companies=40)
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGINT))
    timer.start()
    try:
        started = time.monotonic()
        result = solve(event, SolveParameters(time_limit=30, workers=1))
    finally:
        timer.cancel()
    assert time.monotonic() - started < 10
    assert result.status in ("INTERRUPTED", "OPTIMAL")
    assert validate(event, result.schedule) == []


def test_progress_reports_each_phase_with_time_and_bound():
    event = random_event(5, companies=20)
    seen = []
    solve(event, SolveParameters(time_limit=10, workers=1), on_progress=seen.append)
    assert seen, "a search with something to improve reports progress"
    assert all(p.elapsed >= 0 and p.phase for p in seen)
    assert [p.elapsed for p in seen] == sorted(p.elapsed for p in seen)


def test_the_time_limit_is_kept_on_a_larger_event():
    event = random_event(21, companies=120)
    started = time.monotonic()
    result = solve(event, SolveParameters(time_limit=3, workers=1))
    assert time.monotonic() - started < 8
    assert validate(event, result.schedule) == []
    assert all(isinstance(m, Meeting) for m in result.schedule.meetings)


def test_deterministic_budget_gives_the_same_schedule_on_a_larger_event():
    """An event big enough for the decomposition and its windows, solved twice under a deterministic budget."""
    event = random_event(31, companies=80, slots=8, days=2)
    params = SolveParameters(time_limit=60, workers=1, seed=4, deterministic_time=1.0)
    first, second = solve(event, params), solve(event, params)
    assert first.seconds < 30
    assert first.schedule.meetings == second.schedule.meetings
    assert validate(event, first.schedule) == []


# -- the solve and validate commands ------------------------------------------------------------


def test_solve_command_writes_a_valid_schedule_with_reasons_and_stats(tmp_path, example):
    out = io.StringIO()
    target = tmp_path / "schedule.json"
    assert solve_command(EXAMPLE, target, time_limit=5, workers=1, out=out) == 0
    document = json.loads(target.read_text(encoding="utf-8"))
    assert document["format"] == "b2b-schedule/1"
    assert set(document["stats"]) >= {"objective", "bound", "status", "seconds"}
    assert document["unscheduled"] == []  # every request of the example is met, and the list says so
    assert validate(example, load_schedule(target, example)) == []
    assert "must-meet requests met" in out.getvalue()
    assert validate_command(EXAMPLE, target, out=io.StringIO()) == 0


def test_solve_command_reports_a_bad_instance_file_by_place_and_returns_2(tmp_path):
    broken = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    broken["companies"][2]["languages"] = []
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    out = io.StringIO()
    assert solve_command(path, tmp_path / "out.json", time_limit=2, out=out) == 2
    assert "companies[2]" in out.getvalue()
    assert not (tmp_path / "out.json").exists()


def test_solve_command_refuses_a_lock_file_that_breaks_a_rule(tmp_path, example):
    clash = Schedule(
        (
            meeting("KR-01", "FR-01", "FR-PM", "13:30", table=1),
            meeting("KR-02", "FR-02", "FR-PM", "13:30", table=1),
        )
    )
    lock = tmp_path / "lock.json"
    dump_schedule(clash, lock)
    out = io.StringIO()
    assert solve_command(EXAMPLE, tmp_path / "out.json", time_limit=2, lock_path=lock, out=out) == 2
    assert "rule 7" in out.getvalue()


def test_validate_command_prints_each_broken_rule_and_returns_1(tmp_path):
    clash = Schedule(
        (
            meeting("KR-01", "FR-01", "FR-PM", "13:30", table=1),
            meeting("KR-01", "FR-02", "FR-PM", "13:30", table=2),
        )
    )
    path = tmp_path / "clash.json"
    dump_schedule(clash, path)
    out = io.StringIO()
    assert validate_command(EXAMPLE, path, out=out) == 1
    assert "rule 6" in out.getvalue()


def test_validate_command_reports_malformed_json_and_returns_2(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"format": "b2b-schedule/1", "meetings": [', encoding="utf-8")
    out = io.StringIO()
    assert validate_command(EXAMPLE, path, out=out) == 2
    assert "bad.json" in out.getvalue() or "line" in out.getvalue()


def floor_week():
    """One table, four slots. KR-A asked for FR-1, FR-2 and FR-3 (priority 2), KR-B for FR-4 and FR-5 (priority 1).

    Either way one French firm goes without. The best-scored schedule gives KR-A all three
    and KR-B one; the fair one gives KR-B both of its wishes and KR-A two.
    """
    firms = [company(c) for c in ("KR-A", "KR-B", "FR-1", "FR-2", "FR-3", "FR-4", "FR-5")]
    wishes = [request("KR-A", f"FR-{i}", priority=2) for i in (1, 2, 3)]
    wishes += [request("KR-B", f"FR-{i}", priority=1) for i in (4, 5)]
    return instance(firms, [session("S", "13:30", "15:30", tables=1)], wishes)


def test_the_floor_level_trades_score_for_the_least_served_and_can_be_left_out():
    event = floor_week()
    fair = solve(event, SolveParameters(time_limit=5, workers=1))
    coverage_only = solve(event, SolveParameters(time_limit=5, workers=1, raise_floor=False))
    assert fair.status == coverage_only.status == "OPTIMAL"
    assert fair.objective["companies"] == coverage_only.objective["companies"] == 6

    def partners(result, company_id):
        return sorted(
            next(c for c in m.companies if c != company_id)
            for m in result.schedule.meetings
            if company_id in m.companies
        )

    assert partners(fair, "KR-B") == ["FR-4", "FR-5"]
    assert len(partners(coverage_only, "KR-B")) == 1
    assert (fair.objective["floor"], coverage_only.objective["floor"]) == (2, 1)
    assert (fair.objective["score"], coverage_only.objective["score"]) == (60, 70)


def test_the_floor_counts_what_a_company_asked_for_not_every_eligible_partner():
    """KR-C seeks what both French firms do but asked for no meeting: its fair share is its one meeting."""
    firms = [
        company("KR-A"),
        company("KR-C", interests=("chem",)),
        company("FR-1", sectors=("chem",)),
        company("FR-2", sectors=("chem",)),
    ]
    event = instance(
        firms,
        [session("S", "13:30", "15:00", tables=1)],
        [request("KR-A", "FR-1", priority=2), request("KR-A", "FR-2", priority=2)],
    )
    assert SearchSpace(event).reach == {"KR-A": 2, "KR-C": 0, "FR-1": 1, "FR-2": 1}
    result = solve(event, SolveParameters(time_limit=5, workers=1))
    assert sorted(map(sorted, (m.companies for m in result.schedule.meetings)))[:2] == [
        ["FR-1", "KR-A"],
        ["FR-2", "KR-A"],
    ]
    assert sum("KR-C" in m.companies for m in result.schedule.meetings) == 1


def test_an_excluded_pair_is_never_scheduled_and_its_request_is_explained(example):
    wanted = next(r for r in example.requests if r.priority == 3)
    excluded = replace(example, excluded_pairs=((wanted.from_id, wanted.to_id),))
    result = solve(excluded, FAST)
    assert frozenset((wanted.from_id, wanted.to_id)) not in {m.pair for m in result.schedule.meetings}
    assert validate(excluded, result.schedule) == []
    reasons = {frozenset(u.companies): u.reason for u in result.schedule.unscheduled}
    assert reasons[frozenset((wanted.from_id, wanted.to_id))] == "excluded"
    assert result.objective["must_total"] == solve(example, FAST).objective["must_total"] - 1


def test_the_greedy_start_and_the_search_space_leave_an_excluded_pair_out(example):
    from matcher.solve.greedy import greedy_schedule

    wanted = next(r for r in example.requests if r.priority == 3)
    pair = frozenset((wanted.from_id, wanted.to_id))
    excluded = replace(example, excluded_pairs=((wanted.from_id, wanted.to_id),))
    assert pair in {m.pair for m in greedy_schedule(example, musts_first=True)}
    assert pair not in {m.pair for m in greedy_schedule(excluded, musts_first=True)}
    assert pair not in {frozenset(p.companies) for p in SearchSpace(excluded).pairs}
