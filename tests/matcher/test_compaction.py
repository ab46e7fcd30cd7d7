"""The quick idle-gap pass: the same pairs meet, every rule holds, never more gaps, often far fewer."""

from __future__ import annotations

import pytest

from matcher.domain.scoring import idle_gaps
from matcher.domain.validator import validate
from matcher.solve.anneal import compact
from matcher.solve.greedy import greedy_schedule
from matcher.solve.space import SearchSpace
from tests.matcher.builders import company, instance, interpreter, meeting, request, session
from tests.matcher.test_properties import random_event


def compacted(event, meetings, seconds: float = 5.0):
    space = SearchSpace(event)
    start = [space.placements[n] for n in sorted(space.placements_for(meetings))]
    assert len(start) == len(meetings)
    return space.meetings(compact(space, start, seconds, seed=1))


def spread_week():
    """One Korean firm meeting three French firms at 13:30, 14:30 and 15:30: two idle gaps, none needed."""
    firms = [company("KR-01"), *(company(f"FR-0{i}") for i in (1, 2, 3))]
    event = instance(
        firms, [session("S", "13:30", "16:30", tables=1)], [request("KR-01", f"FR-0{i}") for i in (1, 2, 3)]
    )
    meetings = [
        meeting("KR-01", f"FR-0{i}", "S", start) for i, start in ((1, "13:30"), (2, "14:30"), (3, "15:30"))
    ]
    return event, meetings


def test_a_spread_out_day_is_made_gap_free():
    event, meetings = spread_week()
    assert idle_gaps(event, meetings) == 2
    found = compacted(event, meetings)
    assert validate(event, found) == []
    assert {m.pair for m in found} == {m.pair for m in meetings}
    assert idle_gaps(event, found) == 0


def test_a_meeting_with_an_interpreter_stays_where_it_is():
    firms = [
        company("KR-01", languages=("ko",)),
        company("FR-01", languages=("fr",)),
        company("FR-02", languages=("ko",)),
    ]
    event = instance(
        firms,
        [session("S", "13:30", "16:30", tables=2)],
        [request("KR-01", "FR-01"), request("KR-01", "FR-02")],
        interpreters=[interpreter("I-1")],
    )
    meetings = [
        meeting("KR-01", "FR-01", "S", "13:30", interpreter="I-1"),
        meeting("KR-01", "FR-02", "S", "15:30"),
    ]
    found = compacted(event, meetings)
    assert validate(event, found) == []
    interpreted = next(m for m in found if m.interpreter)
    assert (interpreted.pair, interpreted.start) == (meetings[0].pair, meetings[0].start)
    assert idle_gaps(event, found) == 0  # the other meeting came next to it


def test_a_full_slot_takes_no_more_meetings():
    """Two firms at the only table of 14:00 and 15:00 each; the other firm's meetings cannot squeeze in."""
    firms = [company("KR-01"), company("KR-02"), company("FR-01"), company("FR-02")]
    event = instance(
        firms,
        [session("S", "14:00", "16:00", tables=1)],
        [request("KR-01", "FR-01"), request("KR-02", "FR-02"), request("KR-01", "FR-02")],
    )
    meetings = [
        meeting("KR-01", "FR-01", "S", "14:00"),
        meeting("KR-02", "FR-02", "S", "14:30"),
        meeting("KR-01", "FR-02", "S", "15:00"),
    ]
    found = compacted(event, meetings)
    assert validate(event, found) == []
    assert idle_gaps(event, found) <= idle_gaps(event, meetings)


@pytest.mark.parametrize("seed", range(8))
def test_random_weeks_keep_their_pairs_and_rules_and_never_gain_gaps(seed):
    event = random_event(seed, companies=24, slots=8, days=2)
    meetings = greedy_schedule(event)
    found = compacted(event, meetings, seconds=0.5)
    assert validate(event, found) == []
    assert sorted(map(sorted, (m.companies for m in found))) == sorted(
        map(sorted, (m.companies for m in meetings))
    )
    assert idle_gaps(event, found) <= idle_gaps(event, meetings)


def test_on_random_weeks_most_gaps_go():
    before = after = 0
    for seed in range(8):
        event = random_event(100 + seed, companies=30, slots=8, days=2)
        meetings = greedy_schedule(event)
        before += idle_gaps(event, meetings)
        after += idle_gaps(event, compacted(event, meetings, seconds=0.5))
    assert before > 0
    assert after < before
