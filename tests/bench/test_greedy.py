"""The greedy reference: best pair first, earliest free slot and table, never breaking a rule."""

from __future__ import annotations

from bench.b2bsp import B2BSP_DIR, load_forum
from bench.generate import generate_event
from matcher.domain.validator import validate
from matcher.solve.greedy import greedy_schedule
from tests.matcher.builders import at, company, instance, interpreter, meeting, request, seminar, session


def slots_of(meetings, pair):
    return [(m.session, m.start, m.table, m.interpreter) for m in meetings if set(m.companies) == set(pair)]


def test_best_scored_pair_takes_the_earliest_slot():
    event = instance(
        companies=[company("KR-01"), company("FR-01"), company("FR-02")],
        sessions=[session("S", "13:30", "14:30", tables=2)],
        requests=[request("KR-01", "FR-01", 1), request("KR-01", "FR-02", 3)],
    )
    meetings = greedy_schedule(event)
    assert slots_of(meetings, ("KR-01", "FR-02")) == [("S", at("13:30"), 1, None)]
    assert slots_of(meetings, ("KR-01", "FR-01")) == [("S", at("14:00"), 1, None)]


def test_musts_first_puts_a_must_meet_pair_before_a_higher_scored_one():
    """One slot: a mutual priority-2 pair scores 40, KR-01's must-meet request 30; they share KR-01."""
    event = instance(
        companies=[company("KR-01"), company("FR-01"), company("FR-02")],
        sessions=[session("S", "13:30", "14:00", tables=2)],
        requests=[request("KR-01", "FR-01", 3), request("KR-01", "FR-02", 2), request("FR-02", "KR-01", 2)],
    )
    assert [m.pair for m in greedy_schedule(event)] == [frozenset(("KR-01", "FR-02"))]
    assert [m.pair for m in greedy_schedule(event, musts_first=True)] == [frozenset(("KR-01", "FR-01"))]


def test_tables_fill_before_a_later_slot_and_limits_hold():
    event = instance(
        companies=[company("KR-01", max_meetings=1), company("KR-02"), company("FR-01"), company("FR-02")],
        sessions=[session("S", "13:30", "14:30", tables=1)],
        requests=[request("KR-01", "FR-01"), request("KR-01", "FR-02"), request("KR-02", "FR-02", 1)],
    )
    meetings = greedy_schedule(event)
    assert len([m for m in meetings if "KR-01" in m.companies]) == 1
    assert [m.start for m in meetings] == [at("13:30"), at("14:00")]


def test_seminar_and_request_sessions_push_the_meeting_later():
    event = instance(
        companies=[company("KR-01", seminars=("SEM",)), company("FR-01")],
        sessions=[session("AM", "10:00", "12:00"), session("PM", "13:30", "15:00")],
        seminars=[seminar("SEM", "09:30", "11:00")],
        requests=[request("KR-01", "FR-01", 3)],
    )
    assert slots_of(greedy_schedule(event), ("KR-01", "FR-01")) == [("AM", at("11:00"), 1, None)]
    pinned = instance(
        companies=event.companies,
        sessions=event.sessions,
        seminars=event.seminars,
        requests=[request("KR-01", "FR-01", 3, sessions=("PM",))],
    )
    assert slots_of(greedy_schedule(pinned), ("KR-01", "FR-01")) == [("PM", at("13:30"), 1, None)]


def test_no_shared_language_waits_for_a_free_interpreter():
    event = instance(
        companies=[
            company("KR-01", languages=("ko",)),
            company("KR-02", languages=("ko",)),
            company("FR-01", languages=("fr",)),
            company("FR-02", languages=("fr",)),
        ],
        sessions=[session("S", "13:30", "14:30", tables=5)],
        requests=[request("KR-01", "FR-01", 3), request("KR-02", "FR-02", 2)],
        interpreters=[interpreter("I1", ("ko", "fr"))],
    )
    meetings = greedy_schedule(event)
    assert slots_of(meetings, ("KR-01", "FR-01")) == [("S", at("13:30"), 1, "I1")]
    assert slots_of(meetings, ("KR-02", "FR-02")) == [("S", at("14:00"), 1, "I1")]


def test_no_interpreter_no_meeting():
    event = instance(
        companies=[company("KR-01", languages=("ko",)), company("FR-01", languages=("fr",))],
        sessions=[session("S")],
        requests=[request("KR-01", "FR-01", 3)],
        interpreters=[interpreter("I1", ("ko", "en"))],
    )
    assert greedy_schedule(event) == []


def test_locked_meetings_stay_and_block_their_slot():
    locked = meeting("KR-01", "FR-02", "S", "13:30", table=1)
    event = instance(
        companies=[company("KR-01"), company("FR-01"), company("FR-02")],
        sessions=[session("S", "13:30", "14:30", tables=1)],
        requests=[request("KR-01", "FR-01", 3), request("KR-01", "FR-02", 1)],
    )
    meetings = greedy_schedule(event, locked=[locked])
    assert meetings[0] == locked and len(meetings) == 2
    assert slots_of(meetings, ("KR-01", "FR-01")) == [("S", at("14:00"), 1, None)]


def test_greedy_on_a_generated_week_is_valid_and_meets_most_must_requests():
    event = generate_event("week", seed=7)
    meetings = greedy_schedule(event)
    assert validate(event, meetings) == []
    met = {frozenset(m.companies) for m in meetings}
    must = {frozenset((r.from_id, r.to_id)) for r in event.requests if r.priority == 3}
    assert len(must & met) > 0.6 * len(must)


def test_greedy_keeps_every_rule_at_parallel_halls_and_on_a_forum():
    for event in (generate_event("parallel", seed=2), load_forum(B2BSP_DIR / "forum-13.dzn")):
        meetings = greedy_schedule(event)
        assert meetings and validate(event, meetings) == []
