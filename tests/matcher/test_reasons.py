"""Every requested pair that does not meet gets the reason an organizer would give."""

from __future__ import annotations

import pytest

from matcher.solve.solver import SolveParameters, solve
from tests.matcher.builders import company, instance, interpreter, request, seminar, session, span

FAST = SolveParameters(time_limit=5, workers=1)


def reason_for(event, pair: tuple[str, str]) -> tuple[str, str]:
    result = solve(event, FAST)
    found = {item.companies: (item.reason, item.detail) for item in result.schedule.unscheduled}
    assert pair in found, f"{pair} should be unmet; unmet: {found}"
    return found[pair]


def test_no_session_admitting_both_is_no_common_slot():
    event = instance(
        [company("KR-01"), company("FR-01")],
        [session("US-PM", "13:30", "14:30", countries=("US",))],
        [request("KR-01", "FR-01")],
    )
    code, detail = reason_for(event, ("KR-01", "FR-01"))
    assert code == "no_common_slot"
    assert "KR-01" in detail and "FR-01" in detail


def test_unavailable_whenever_the_other_is_free_is_no_common_slot():
    event = instance(
        [
            company("KR-01", unavailable=(span("13:30", "14:00"),)),
            company("FR-01", unavailable=(span("14:00", "14:30"),)),
        ],
        [session("FR-PM", "13:30", "14:30")],
        [request("KR-01", "FR-01")],
    )
    code, detail = reason_for(event, ("KR-01", "FR-01"))
    assert code == "no_common_slot"
    assert "unavailable" in detail


def test_a_seminar_over_every_common_slot_is_a_seminar_clash():
    event = instance(
        [company("KR-01", seminars=("SEM-FR",)), company("FR-01")],
        [session("FR-PM", "13:30", "14:30")],
        [request("FR-01", "KR-01", 2)],
        seminars=[seminar("SEM-FR", "13:00", "15:00", country="FR")],
    )
    code, detail = reason_for(event, ("KR-01", "FR-01"))
    assert code == "seminar_clash"
    assert "SEM-FR" in detail


def test_no_shared_language_and_no_interpreter_for_it_is_no_interpreter():
    event = instance(
        [company("KR-01", languages=("ko",)), company("FR-01", languages=("fr",))],
        [session("FR-PM", "13:30", "14:30")],
        [request("KR-01", "FR-01")],
        interpreters=[interpreter("INT-DE", languages=("ko", "de"))],
    )
    code, detail = reason_for(event, ("KR-01", "FR-01"))
    assert code == "no_interpreter"
    assert "ko" in detail and "fr" in detail


def test_the_only_interpreter_busy_with_a_must_meeting_is_no_interpreter():
    event = instance(
        [
            company("KR-01", languages=("ko",)),
            company("KR-02", languages=("ko",)),
            company("FR-01", languages=("fr",)),
            company("FR-02", languages=("fr",)),
        ],
        [session("FR-PM", "13:30", "14:00", tables=2)],
        [request("KR-01", "FR-01", 3), request("KR-02", "FR-02", 1)],
        interpreters=[interpreter("INT-FR", languages=("ko", "fr"))],
    )
    code, _ = reason_for(event, ("KR-02", "FR-02"))
    assert code == "no_interpreter"


def test_a_side_with_its_limit_reached_is_at_limit():
    event = instance(
        [company("KR-01", max_meetings=1), company("FR-01"), company("FR-02")],
        [session("FR-PM", "13:30", "14:30", tables=2)],
        [request("KR-01", "FR-01", 3), request("KR-01", "FR-02", 1)],
    )
    code, detail = reason_for(event, ("KR-01", "FR-02"))
    assert code == "at_limit"
    assert "KR-01" in detail and "1" in detail


def test_every_table_taken_when_both_are_free_is_no_table():
    event = instance(
        [company("KR-01"), company("KR-02"), company("FR-01"), company("FR-02")],
        [session("FR-PM", "13:30", "14:00", tables=1)],
        [request("KR-01", "FR-01", 3), request("KR-02", "FR-02", 1)],
    )
    code, detail = reason_for(event, ("KR-02", "FR-02"))
    assert code == "no_table"
    assert "tables" in detail


def test_a_side_kept_busy_by_a_better_meeting_is_outscored():
    event = instance(
        [company("KR-01"), company("FR-01"), company("FR-02")],
        [session("FR-PM", "13:30", "14:00", tables=2)],
        [request("KR-01", "FR-01", 3), request("FR-02", "KR-01", 1)],
    )
    result = solve(event, FAST)
    assert [m.companies for m in result.schedule.meetings] == [("KR-01", "FR-01")]
    code, detail = reason_for(event, ("KR-01", "FR-02"))
    assert code == "outscored"
    assert "score 10" in detail


@pytest.mark.parametrize("priority", [1, 3])
def test_met_requests_get_no_reason(priority):
    event = instance(
        [company("KR-01"), company("FR-01")],
        [session("FR-PM", "13:30", "14:00")],
        [request("KR-01", "FR-01", priority)],
    )
    assert solve(event, FAST).schedule.unscheduled == ()
