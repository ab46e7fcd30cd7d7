"""The Bofill et al. forums, read from their .dzn files and mapped as the benchmark's README says."""

from __future__ import annotations

from datetime import datetime

import pytest

from bench.b2bsp import B2BSP_DIR, forum_files, load_forum, published_optima, required_pairs
from matcher.domain.schedule import Meeting
from matcher.domain.scoring import idle_gaps


def slot_meeting(instance, a: str, b: str, number: int) -> Meeting:
    """A meeting of ``a`` and ``b`` in the forum's 1-based slot ``number``."""
    slots = [(session.id, slot) for session in instance.sessions for slot in session.slots]
    session_id, slot = slots[number - 1]
    return Meeting((a, b), session_id, slot.start, slot.end, 1)


@pytest.fixture(scope="module")
def tic12():
    return load_forum(B2BSP_DIR / "tic-12.dzn")


@pytest.fixture(scope="module")
def crafb():
    return load_forum(B2BSP_DIR / "forum-13crafb.dzn")


def test_tic12_is_one_session_of_eight_slots_at_21_tables(tic12):
    assert len(tic12.companies) == 42 and tic12.companies[0].id == "P01"
    assert len(required_pairs(tic12)) == 125
    assert [(s.id, len(s.slots), s.tables, s.slot_minutes) for s in tic12.sessions] == [("DAY", 8, 21, 20)]
    assert tic12.event.pairing == "any" and {c.languages for c in tic12.companies} == {("es",)}
    assert {r.priority for r in tic12.requests} == {3} and all(r.sessions is None for r in tic12.requests)
    limits = {c.id: c.max_meetings for c in tic12.companies}
    assert limits["P01"] == 8 and limits["P37"] == 0  # nMeetingsBusiness: 8, ..., 0


def test_crafb_splits_morning_and_afternoon_and_meets_the_double_pair_once(crafb):
    assert len(crafb.companies) == 76
    assert len(crafb.requests) == 195 and len(required_pairs(crafb)) == 194
    am, pm = crafb.sessions
    assert (am.id, len(am.slots), pm.id, len(pm.slots), am.tables) == ("AM", 12, "PM", 10, 14)
    assert am.end == pm.start == datetime(2014, 5, 13, 13, 0)
    both = [r for r in crafb.requests if {r.from_id, r.to_id} == {"P30", "P53"}]
    assert len(both) == 2 and {r.sessions for r in both} == {("AM",)}
    assert {r.sessions for r in crafb.requests} == {("AM",), ("PM",), None}


def test_forbidden_slots_become_unavailable_windows():
    forum = load_forum(B2BSP_DIR / "forum-13.dzn")
    p03 = forum.company_by_id["P03"]
    assert [(f"{w.start:%H:%M}", f"{w.end:%H:%M}") for w in p03.unavailable] == [("14:20", "14:40")]


def test_idle_gaps_are_the_papers_breaks(crafb):
    adjacent_over_noon = [slot_meeting(crafb, "P30", "P53", 12), slot_meeting(crafb, "P30", "P01", 13)]
    assert idle_gaps(crafb, adjacent_over_noon) == 0
    one_slot_apart = [slot_meeting(crafb, "P30", "P53", 1), slot_meeting(crafb, "P30", "P01", 3)]
    assert idle_gaps(crafb, one_slot_apart) == 1


def test_all_twenty_forums_and_their_published_optima_are_read():
    optima = published_optima()
    assert len(forum_files()) == 20 and set(optima) == {path.stem for path in forum_files()}
    assert optima["forum-14"] == 2 and optima["forum-13crafb"] == 6
