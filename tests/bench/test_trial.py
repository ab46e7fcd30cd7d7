"""A benchmark run in its own process reports what an organizer would compare, and its own memory."""

from __future__ import annotations

from bench.metrics import measure
from bench.run import trial
from tests.matcher.builders import company, instance, meeting, request, session


def test_greedy_trial_on_a_forum_reports_its_figures():
    found = trial("b2bsp:tic-12", "greedy", time_limit=5, workers=1)
    assert found["requested_total"] == 125 and 0 < found["requested_met"] <= 125
    assert found["violations"] == 0 and found["idle_gaps"] >= 0
    assert found["peak_mb"] > 10 and found["seconds"] > 0


def test_a_broken_event_name_is_reported_not_raised():
    assert "error" in trial("b2bsp:no-such-forum", "greedy", time_limit=5, workers=1)


def test_measures_count_musts_companies_left_out_and_gaps():
    event = instance(
        companies=[company("KR-01"), company("KR-02"), company("FR-01"), company("FR-02")],
        sessions=[session("S", "13:30", "15:00", tables=2)],
        requests=[
            request("KR-01", "FR-01", 3),
            request("FR-01", "KR-01", 1),
            request("KR-01", "FR-02", 2),
            request("KR-02", "FR-02", 3),
        ],
    )
    meetings = [meeting("KR-01", "FR-01", "S", "13:30"), meeting("KR-01", "FR-02", "S", "14:30")]
    found = measure(event, meetings)
    assert (found.must_met, found.must_total) == (1, 2)
    assert (found.requested_met, found.requested_total) == (2, 3)
    assert (found.could_meet, found.without_meeting) == (4, 1)
    assert found.score == 40 + 20 and found.idle_gaps == 1 and found.violations == 0
    assert found.floor == 1  # FR-02 asked for two meetings and has one


def test_the_floor_rises_when_every_company_has_what_it_asked_for():
    event = instance(
        companies=[company("KR-01"), company("KR-02"), company("FR-01"), company("FR-02")],
        sessions=[session("S", "13:30", "15:00", tables=2)],
        requests=[request("KR-01", "FR-01", 3), request("KR-01", "FR-02", 2), request("KR-02", "FR-02", 3)],
    )
    short = [meeting("KR-01", "FR-01", "S", "13:30"), meeting("KR-01", "FR-02", "S", "14:30")]
    assert measure(event, short).floor == 1
    assert measure(event, [*short, meeting("KR-02", "FR-02", "S", "14:00")]).floor == 2
