"""The slot-assignment phase: given pairs all placed, rules kept, idle gaps at the enumerated optimum."""

from __future__ import annotations

import random
import time
from collections import Counter
from itertools import combinations

import pytest

from bench.b2bsp import B2BSP_DIR, load_forum, required_pairs
from matcher.domain.instance import ANY_PAIR, Instance
from matcher.domain.schedule import Meeting
from matcher.domain.scoring import idle_gaps, idle_gaps_by_company
from matcher.domain.validator import validate
from matcher.solve.timetable import solve_timetable, timetable
from tests.matcher.builders import (
    company,
    instance,
    interpreter,
    meeting,
    request,
    seminar,
    session,
    span,
)

QUICK = {"time_limit": 10, "workers": 1}
AWAY = [("09:00", "09:30"), ("09:30", "10:00"), ("10:00", "10:30"), ("13:00", "13:30"), ("14:00", "14:30")]


def placed(event: Instance, found: list[Meeting] | None, locked: list[Meeting] = ()) -> list[Meeting]:
    """The meetings, after asserting they exist and keep every hard rule together with ``locked``."""
    assert found is not None
    assert validate(event, [*locked, *found]) == []
    return found


def forum(companies: int, slots_am: int, slots_pm: int, tables: int, **extra) -> Instance:
    """An open forum of ``P1..`` firms (any two may meet), a morning and an afternoon session with lunch between."""
    am_end = f"{9 + slots_am // 2}:{30 * (slots_am % 2):02d}"
    pm_end = f"{13 + slots_pm // 2}:{30 * (slots_pm % 2):02d}"
    return instance(
        companies=extra.pop("firms", [company(f"P{i}", country="ES") for i in range(1, companies + 1)]),
        sessions=[
            session(id, start, end, tables=tables)
            for id, start, end, count in (
                ("AM", "09:00", am_end, slots_am),
                ("PM", "13:00", pm_end, slots_pm),
            )
            if count
        ],
        pairing=ANY_PAIR,
        home_country="ES",
        **extra,
    )


def with_requests(event: Instance, pairs: list[tuple[str, str]]) -> Instance:
    return Instance(
        event.event,
        event.sessions,
        event.seminars,
        event.companies,
        tuple(request(a, b) for a, b in pairs),
        event.interpreters,
    )


def fewest_gaps(event: Instance, pairs: list[tuple[str, str]], locked: list[Meeting] = ()) -> int | None:
    """The least idle gaps of any valid placement of ``pairs`` around ``locked``, by enumeration."""
    slots = [(s.id, slot) for s in event.sessions for slot in s.slots]
    options = []
    for a, b in pairs:
        fits = []
        for session_id, slot in slots:
            candidate = Meeting((a, b), session_id, slot.start, slot.end, 99)
            helpers = [None] + [i.id for i in event.interpreters]
            for helper in helpers:
                trial = Meeting((a, b), session_id, slot.start, slot.end, 1, helper)
                if not validate(event, [trial]):
                    fits.append(candidate)
                    break
        options.append(fits)
    best: int | None = None

    def extend(chosen: list[Meeting]) -> None:
        nonlocal best
        if len(chosen) == len(pairs):
            gaps = idle_gaps(event, [*locked, *chosen])
            best = gaps if best is None else min(best, gaps)
            return
        busy = [*locked, *chosen]
        for option in options[len(chosen)]:
            clash = any(set(m.companies) & set(option.companies) and m.start == option.start for m in busy)
            in_slot = sum(1 for m in busy if (m.session, m.start) == (option.session, option.start))
            if not clash and in_slot < event.session_by_id[option.session].tables:
                extend([*chosen, option])

    extend([])
    return best


def random_forum(seed: int) -> tuple[Instance, list[tuple[str, str]]]:
    """A small forum with a seminar, an unavailable firm, few tables and a random set of pairs."""
    rng = random.Random(seed)
    firms = [
        company(
            f"P{i}",
            country="ES",
            seminars=("SEM",) if rng.random() < 0.3 else (),
            unavailable=(span(*rng.choice(AWAY)),) if rng.random() < 0.5 else (),
        )
        for i in range(1, 6)
    ]
    everyone = [(a.id, b.id) for a, b in combinations(firms, 2)]
    pairs = sorted(rng.sample(everyone, 8))
    event = forum(5, 3, 3, tables=2, firms=firms, seminars=[seminar("SEM", "13:30", "14:00")])
    return with_requests(event, pairs), pairs


@pytest.mark.parametrize("seed", range(12))
def test_idle_gaps_reach_the_enumerated_optimum(seed):
    event, pairs = random_forum(seed)
    best = fewest_gaps(event, pairs)
    found = timetable(event, pairs, **QUICK)
    if best is None:
        assert found is None
        return
    meetings = placed(event, found)
    assert Counter(m.pair for m in meetings) == Counter(frozenset(p) for p in pairs)
    assert idle_gaps(event, meetings) == best


def test_locked_meetings_stay_and_count_in_the_gaps():
    event = with_requests(forum(4, 4, 0, tables=1), [("P1", "P2"), ("P1", "P3"), ("P1", "P4")])
    locked = [meeting("P1", "P2", "AM", "10:00")]
    found = placed(event, timetable(event, [("P1", "P3"), ("P1", "P4")], locked, **QUICK), locked)
    assert {m.pair for m in found} == {frozenset(("P1", "P3")), frozenset(("P1", "P4"))}
    # P1's day is gap-free only as 09:00-10:30 or 09:30-11:00 around its locked 10:00 meeting.
    assert idle_gaps(event, [*locked, *found]) == 0
    assert {m.start.strftime("%H:%M") for m in found} in ({"09:00", "09:30"}, {"09:30", "10:30"})


def test_an_attended_seminar_bridges_but_unavailability_does_not():
    firms = [
        company("P1", country="ES", seminars=("SEM",)),
        company("P2", country="ES", unavailable=(span("09:30", "10:00"),)),
        *(company(f"P{i}", country="ES") for i in range(3, 7)),
    ]
    event = forum(6, 3, 0, tables=2, firms=firms, seminars=[seminar("SEM", "09:30", "10:00")])
    pairs = [("P1", "P3"), ("P1", "P4"), ("P2", "P5"), ("P2", "P6")]
    event = with_requests(event, pairs)
    found = placed(event, timetable(event, pairs, **QUICK))
    # P1 meets around its seminar without a gap; P2 must meet at 09:00 and 10:00, across its absence: one gap.
    assert {k: v for k, v in idle_gaps_by_company(event, found).items() if v} == {"P2": 1}
    assert idle_gaps(event, found) == fewest_gaps(event, pairs) == 1


def test_pairs_that_cannot_all_fit_give_none():
    pairs = [("P1", "P2"), ("P1", "P3"), ("P1", "P4")]
    event = with_requests(forum(4, 2, 0, tables=3), pairs)
    result = solve_timetable(event, pairs, **QUICK)
    assert result.meetings is None and result.status == "INFEASIBLE"
    assert timetable(event, pairs[:2], **QUICK) is not None


def test_meetings_without_a_common_language_get_a_free_interpreter():
    firms = [
        company("KR-01", languages=("ko",)),
        company("KR-02", languages=("ko",)),
        company("FR-01", languages=("fr",)),
        company("FR-02", languages=("fr",)),
    ]
    pairs = [("KR-01", "FR-01"), ("KR-02", "FR-02"), ("KR-01", "FR-02"), ("KR-02", "FR-01")]
    event = instance(
        companies=firms,
        sessions=[session("FR", "13:30", "15:00", tables=2)],
        requests=[request(a, b) for a, b in pairs],
        interpreters=[interpreter("I-1"), interpreter("I-2", unavailable=(span("13:30", "14:00"),))],
    )
    found = placed(event, timetable(event, pairs, **QUICK))
    assert all(m.interpreter is not None for m in found)
    # One interpreter at 13:30, two after: at most one meeting in the first slot.
    assert Counter(m.start.strftime("%H:%M") for m in found)["13:30"] <= 1


def test_a_given_hint_is_at_least_matched():
    event = load_forum(B2BSP_DIR / "tic-12.dzn")
    pairs = sorted(tuple(sorted(pair)) for pair in required_pairs(event))
    first = placed(event, timetable(event, pairs, time_limit=10, workers=2))
    assert idle_gaps(event, first) == 0  # the published optimum
    again = placed(event, timetable(event, pairs, time_limit=10, workers=2, hint=first))
    assert idle_gaps(event, again) == 0


def test_a_pair_listed_twice_is_refused():
    event = with_requests(forum(2, 2, 0, tables=1), [("P1", "P2")])
    with pytest.raises(ValueError, match="twice"):
        timetable(event, [("P1", "P2"), ("P2", "P1")], **QUICK)


def test_a_stop_request_ends_the_search_with_the_best_found_so_far():
    event = load_forum(B2BSP_DIR / "forum-13crafc.dzn")  # not solved to optimality within a minute here
    pairs = sorted(tuple(sorted(pair)) for pair in required_pairs(event))
    started = time.monotonic()
    result = solve_timetable(event, pairs, time_limit=60, should_stop=lambda: time.monotonic() - started > 2)
    assert result.seconds < 10
    assert result.status in ("FEASIBLE", "UNKNOWN")
    if result.meetings is not None:
        placed(event, result.meetings)


def test_a_two_day_event_reaches_the_enumerated_optimum():
    firms = [
        company(f"P{i}", country="ES", unavailable=(span("00:00", "23:59", day=28 + i % 2),))
        for i in range(1, 7)
    ] + [company("P7", country="ES")]
    pairs = [
        ("P1", "P3"),
        ("P1", "P5"),
        ("P3", "P5"),
        ("P2", "P4"),
        ("P2", "P6"),
        ("P4", "P6"),
        ("P1", "P7"),
        ("P2", "P7"),
    ]
    event = with_requests(
        instance(
            companies=firms,
            sessions=[
                session("D1", "09:00", "11:00", day=28, tables=1),
                session("D2", "09:00", "11:00", day=29, tables=1),
            ],
            pairing=ANY_PAIR,
            home_country="ES",
        ),
        pairs,
    )
    result = solve_timetable(event, pairs, **QUICK)
    placed(event, result.meetings)
    assert result.status == "OPTIMAL"
    assert result.gaps == result.bound == fewest_gaps(event, pairs)
    assert {m.start.day for m in result.meetings if "P7" not in m.companies} == {28, 29}
