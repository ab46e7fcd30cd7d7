"""Repair keeps valid published meetings exactly, never brings back an excluded pair, places late companies,
and moves a published meeting only to let a must-meet pair meet."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

import run
from matcher.cli import repair_command
from matcher.domain.validator import validate
from matcher.formats.instance_io import dump_instance, load_instance
from matcher.formats.schedule_io import schedule_to_dict
from matcher.repair import changed_companies, repair, still_valid
from matcher.solve.solver import SolveParameters, solve
from tests.matcher.builders import company, instance, meeting, request, session, span

EXAMPLE = Path(__file__).with_name("example-instance.json")
FAST = SolveParameters(time_limit=4, workers=1)


@pytest.fixture(scope="module")
def example():
    return load_instance(EXAMPLE)


@pytest.fixture(scope="module")
def published(example):
    return solve(example, FAST).schedule


def without(event, company_id):
    """The event after a company withdrew: gone, with its requests."""
    return replace(
        event,
        companies=tuple(c for c in event.companies if c.id != company_id),
        requests=tuple(r for r in event.requests if company_id not in (r.from_id, r.to_id)),
    )


def test_an_unchanged_event_keeps_the_whole_schedule_and_adds_nothing_it_could_not_before(example, published):
    result = repair(example, published, params=FAST)
    assert set(published.meetings) <= set(result.schedule.meetings)
    assert result.moved == () and result.dropped == ()
    assert len(result.kept) == len(published.meetings)
    assert validate(example, result.schedule) == []


def test_a_withdrawn_company_loses_its_meetings_and_every_other_meeting_stays_exactly(example, published):
    gone = "FR-01"
    result = repair(without(example, gone), published, params=FAST)
    theirs = [m for m in published.meetings if gone in m.companies]
    others = [m for m in published.meetings if gone not in m.companies]
    assert theirs and {d.meeting for d in result.dropped} == set(theirs)
    assert {d.reason for d in result.dropped} == {"unknown-company"}
    assert set(others) <= set(result.schedule.meetings) and set(result.kept) == set(others)
    assert not any(gone in m.companies for m in result.schedule.meetings)
    stats = result.schedule.stats
    assert (stats["kept"], stats["moved"], stats["dropped"]) == (len(others), 0, len(theirs))
    assert stats["added"] == len(result.added)


def test_a_cancelled_pair_never_comes_back_even_with_a_must_request(example, published):
    cancelled = next(m for m in published.meetings if m.pair == frozenset(("KR-01", "FR-01")))
    result = repair(example, [m for m in published.meetings if m != cancelled], [("FR-01", "KR-01")], FAST)
    assert cancelled.pair not in {m.pair for m in result.schedule.meetings}
    reasons = {frozenset(u.companies): u.reason for u in result.schedule.unscheduled}
    assert reasons[cancelled.pair] == "excluded"


def test_a_late_company_with_requests_gets_its_meetings_around_the_published_ones(example, published):
    late = company("FR-09", languages=("ko", "fr"), sectors=("display",))
    grown = replace(
        example,
        companies=(*example.companies, late),
        requests=(*example.requests, request("KR-03", "FR-09", 3), request("FR-09", "KR-06", 2)),
    )
    result = repair(grown, published, params=FAST)
    assert set(published.meetings) <= set(result.schedule.meetings)
    late_pairs = {m.pair for m in result.added if "FR-09" in m.companies}
    assert frozenset(("KR-03", "FR-09")) in late_pairs
    assert validate(grown, result.schedule) == []
    changed = changed_companies(result)
    assert changed["FR-09"]["added"] == len(late_pairs)
    assert all(not counts["moved"] and not counts["cancelled"] for counts in changed.values())


def test_a_meeting_the_new_event_forbids_is_dropped_with_its_rule_and_the_smallest_set_goes(
    example, published
):
    held = next(m for m in published.meetings if "KR-01" in m.companies)
    away = replace(example.company_by_id["KR-01"], unavailable=(replace(held.interval),))
    changed = replace(example, companies=tuple(away if c.id == "KR-01" else c for c in example.companies))
    kept, dropped = still_valid(changed, published.meetings)
    assert [(d.meeting, d.reason) for d in dropped] == [(held, "company-unavailable")]
    assert len(kept) == len(published.meetings) - 1


def test_a_company_over_a_lowered_limit_loses_only_its_latest_meetings(example, published):
    busiest = max(
        {c for m in published.meetings for c in m.companies},
        key=lambda c: sum(c in m.companies for m in published.meetings),
    )
    own = sorted((m for m in published.meetings if busiest in m.companies), key=lambda m: m.start)
    lowered = replace(example.company_by_id[busiest], max_meetings=len(own) - 1)
    changed = replace(example, companies=tuple(lowered if c.id == busiest else c for c in example.companies))
    kept, dropped = still_valid(changed, published.meetings)
    assert [d.meeting for d in dropped] == [own[-1]]
    assert dropped[0].reason == "too-many-meetings"


# One table per slot at 13:30 and 14:00. KR-01 meets FR-01 at 13:30; the late FR-03 can only come at 13:30.
TWO_SLOTS = [session("FR-PM", "13:30", "14:30", tables=1, countries=None)]
PUBLISHED = [meeting("KR-01", "FR-01", "FR-PM", "13:30")]


def squeezed(priority: int):
    return instance(
        companies=[
            company("KR-01", sectors=("laser",)),
            company("FR-01", interests=("laser",)),
            company("FR-03", unavailable=(span("14:00", "14:30"),)),
        ],
        sessions=TWO_SLOTS,
        requests=[request("KR-01", "FR-01", 2), request("FR-03", "KR-01", priority)],
    )


def test_a_published_meeting_moves_only_when_that_alone_lets_a_must_meet_pair_meet():
    event = squeezed(priority=3)
    result = repair(event, PUBLISHED, params=FAST)
    assert {m.pair for m in result.schedule.meetings} == {
        frozenset(("KR-01", "FR-01")),
        frozenset(("KR-01", "FR-03")),
    }
    [moved] = result.moved
    assert moved.before == PUBLISHED[0] and moved.after.start == PUBLISHED[0].end
    assert moved.making_room_for == (("KR-01", "FR-03"),)
    assert result.schedule.stats["moved"] == 1 and result.kept == ()
    assert validate(event, result.schedule) == []
    assert changed_companies(result)["FR-01"] == {"moved": 1}


def test_a_wish_below_must_never_moves_a_published_meeting():
    result = repair(squeezed(priority=2), PUBLISHED, params=FAST)
    assert result.schedule.meetings == tuple(PUBLISHED)
    assert result.moved == ()
    assert [u.companies for u in result.schedule.unscheduled] == [("KR-01", "FR-03")]


# -- run.py solve --repair ----------------------------------------------------------------------------


def test_solve_repair_keeps_valid_meetings_drops_and_lists_the_others_and_never_schedules_a_cancelled_pair(
    tmp_path, example, published
):
    document = schedule_to_dict(published)
    cancelled = next(m for m in document["meetings"] if set(m["companies"]) == {"KR-02", "FR-02"})
    document["meetings"].remove(cancelled)
    document["cancelled"] = [cancelled]
    (tmp_path / "published.json").write_text(json.dumps(document), encoding="utf-8")
    dump_instance(without(example, "US-01"), tmp_path / "event.json")
    args = [
        "solve",
        tmp_path / "event.json",
        "--repair",
        tmp_path / "published.json",
        "-o",
        tmp_path / "out.json",
        "--time-limit",
        "4",
        "--workers",
        "1",
    ]
    assert run.main([str(a) for a in args]) == 0
    out = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    stats = out["stats"]
    gone = [m for m in document["meetings"] if "US-01" in m["companies"]]
    assert gone and stats["dropped"] == len(gone) and stats["moved"] == 0
    assert stats["kept"] == len(document["meetings"]) - len(gone)
    assert all(isinstance(stats[key], int) for key in ("kept", "moved", "dropped", "added"))
    kept = [m for m in document["meetings"] if "US-01" not in m["companies"]]
    assert all(m in out["meetings"] for m in kept)
    assert not any(set(m["companies"]) == {"KR-02", "FR-02"} for m in out["meetings"])
    assert len(out["meetings"]) == stats["kept"] + stats["added"]


def test_solve_repair_reports_a_bad_cancelled_list_by_place_and_writes_nothing(tmp_path):

    document = {"format": "b2b-schedule/1", "meetings": [], "cancelled": [{"companies": ["KR-01"]}]}
    (tmp_path / "published.json").write_text(json.dumps(document), encoding="utf-8")
    out = io.StringIO()
    assert repair_command(EXAMPLE, tmp_path / "published.json", tmp_path / "out.json", out=out) == 2
    assert "cancelled[0].companies: must name two companies, not 1" in out.getvalue()
    assert not (tmp_path / "out.json").exists()


def test_a_pinned_meeting_stays_even_for_a_must_meet_pair():
    result = repair(squeezed(priority=3), PUBLISHED, params=FAST, pinned=PUBLISHED)
    assert result.schedule.meetings == tuple(PUBLISHED) and result.moved == ()


def test_solve_repair_refuses_another_events_schedule_and_writes_nothing(tmp_path, published):
    from tests.matcher.test_solver import floor_week

    dump_instance(floor_week(), tmp_path / "other.json")
    (tmp_path / "published.json").write_text(json.dumps(schedule_to_dict(published)), encoding="utf-8")
    out = io.StringIO()
    code = repair_command(
        tmp_path / "other.json", tmp_path / "published.json", tmp_path / "out.json", out=out
    )
    assert code == 2 and "looks like another event's schedule" in out.getvalue()
    assert not (tmp_path / "out.json").exists()


def test_a_session_with_fewer_tables_drops_only_the_meetings_at_the_tables_gone(example, published):
    fewer = replace(example.session_by_id["US-PM"], tables=1)
    changed = replace(example, sessions=tuple(fewer if s.id == "US-PM" else s for s in example.sessions))
    result = repair(changed, published, params=FAST)
    gone = [m for m in published.meetings if m.session == "US-PM" and m.table > 1]
    assert gone and sorted(d.meeting for d in result.dropped) == sorted(gone)
    assert {d.reason for d in result.dropped} == {"no-such-table"}
    assert set(published.meetings) - set(gone) <= set(result.schedule.meetings)
    assert validate(changed, result.schedule) == []
