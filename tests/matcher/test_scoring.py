import random
from dataclasses import replace
from itertools import combinations

import pytest

from matcher.domain.instance import ANY_PAIR
from matcher.domain.objective import must_pairs
from matcher.domain.scoring import (
    Weights,
    candidate_pairs,
    idle_gaps,
    idle_gaps_by_company,
    is_eligible,
    pair_score,
    request_sessions,
    schedule_score,
)
from tests.matcher.builders import company, instance, meeting, request, seminar, session, span

LASER = company("KR-01", sectors=("laser",), interests=("display",))
OPTICS = company("FR-01", sectors=("display",), interests=("laser",))
CHEMS = company("FR-02", sectors=("chemicals",), interests=("rail",))
RAIL = company("KR-02", sectors=("rail",), interests=("chemicals",))


def test_score_adds_requests_both_ways_and_each_side_whose_interests_meet():
    event = instance([LASER, OPTICS], requests=[request("KR-01", "FR-01", 3), request("FR-01", "KR-01", 2)])
    assert pair_score(event, "KR-01", "FR-01") == 10 * 5 + 1 + 1
    assert pair_score(event, "FR-01", "KR-01") == pair_score(event, "KR-01", "FR-01")
    assert pair_score(event, "KR-01", "FR-01", Weights(request=1, interest=100)) == 5 + 200


def test_score_counts_only_the_side_whose_interests_meet():
    seeker = company("KR-03", sectors=("tools",), interests=("chemicals",))
    event = instance([seeker, CHEMS])
    assert pair_score(event, "KR-03", "FR-02") == 1


@pytest.mark.parametrize(
    "a, b, requests, eligible",
    [
        ("KR-01", "FR-01", [], True),  # sectors meet
        ("KR-01", "FR-02", [], False),  # nothing in common, no request
        ("KR-01", "FR-02", [request("FR-02", "KR-01", 1)], True),
        ("KR-01", "KR-02", [], False),  # two home companies
        ("FR-01", "FR-02", [], False),  # two foreign companies
        ("KR-01", "KR-01", [], False),
    ],
)
def test_eligibility_needs_a_home_foreign_pair_with_a_positive_default_score(a, b, requests, eligible):
    event = instance([LASER, OPTICS, CHEMS, RAIL], requests=requests)
    assert is_eligible(event, a, b) is eligible


def test_any_pairing_lets_two_home_companies_meet():
    other = company("KR-03", sectors=("display",))
    event = instance([LASER, other], pairing=ANY_PAIR)
    assert is_eligible(event, "KR-01", "KR-03")
    assert candidate_pairs(event) == {("KR-01", "KR-03"): 1}


def test_candidate_pairs_use_home_foreign_order_and_the_given_weights():
    event = instance([OPTICS, LASER, CHEMS, RAIL], requests=[request("FR-02", "KR-01", 2)])
    assert candidate_pairs(event) == {("KR-01", "FR-01"): 2, ("KR-01", "FR-02"): 20, ("KR-02", "FR-02"): 2}
    # A weighting that ignores sectors changes the scores, never which pairs are eligible.
    assert candidate_pairs(event, Weights(interest=0)) == {
        ("KR-01", "FR-01"): 0,
        ("KR-01", "FR-02"): 20,
        ("KR-02", "FR-02"): 0,
    }


def test_an_excluded_pair_is_never_a_candidate_nor_eligible_whichever_way_it_is_written():
    event = instance([OPTICS, LASER, CHEMS, RAIL], requests=[request("FR-02", "KR-01", 3)])
    event = replace(event, excluded_pairs=(("FR-02", "KR-01"), ("FR-01", "KR-01")))
    assert candidate_pairs(event) == {("KR-02", "FR-02"): 2}
    assert not is_eligible(event, "KR-01", "FR-01") and not is_eligible(event, "KR-01", "FR-02")
    assert must_pairs(event) == set()  # a must-meet request of an excluded pair is not counted as one to meet


def random_instance(seed: int, homes: int, foreigns: int, requests: int, sectors: int, pairing: str):
    rng = random.Random(seed)
    names = [f"s{i}" for i in range(sectors)]

    def make(id):
        return company(id, sectors=tuple(rng.sample(names, 2)), interests=tuple(rng.sample(names, 2)))

    companies = [make(f"KR-{i}") for i in range(homes)] + [make(f"FR-{i}") for i in range(foreigns)]
    wishes = {}
    while len(wishes) < requests:
        a, b = rng.sample(companies[:homes], 1)[0], rng.sample(companies[homes:], 1)[0]
        a, b = (a, b) if rng.random() < 0.5 else (b, a)
        wishes[a.id, b.id] = request(a.id, b.id, rng.randint(1, 3))
    return instance(companies, requests=wishes.values(), pairing=pairing)


@pytest.mark.parametrize("pairing", ["home-foreign", ANY_PAIR])
def test_candidate_pairs_agree_with_checking_every_pair(pairing):
    event = random_instance(7, 30, 40, 120, 25, pairing)
    weights = Weights(request=3, interest=2)
    expected = {}
    for a, b in combinations(event.companies, 2):
        if is_eligible(event, a.id, b.id):
            key = (a.id, b.id) if a.id.startswith("KR") or pairing == ANY_PAIR else (b.id, a.id)
            expected[tuple(sorted(key)) if pairing == ANY_PAIR else key] = pair_score(
                event, a.id, b.id, weights
            )
    assert expected
    assert candidate_pairs(event, weights) == expected


def test_candidate_pairs_on_two_thousand_companies_include_every_request():
    """Pairs come from requests and a sector index (not all n^2 pairs); no wall-clock bound on a busy machine."""
    event = random_instance(3, 1000, 1000, 7500, 60, "home-foreign")
    pairs = candidate_pairs(event)
    assert len(pairs) > 7000
    assert {frozenset((r.from_id, r.to_id)) for r in event.requests} <= {frozenset(ids) for ids in pairs}


def test_request_sessions_intersect_the_lists_of_both_sides():
    only_pm = request("KR-01", "FR-01", sessions=("FR-AM", "FR-PM"))
    back = request("FR-01", "KR-01", sessions=("FR-PM", "FR-EVE"))
    assert request_sessions(instance([LASER, OPTICS], requests=[only_pm, back]), "FR-01", "KR-01") == {
        "FR-PM"
    }
    assert request_sessions(instance([LASER, OPTICS], requests=[only_pm]), "KR-01", "FR-01") == {
        "FR-AM",
        "FR-PM",
    }
    unrestricted = instance([LASER, OPTICS], requests=[request("KR-01", "FR-01")])
    assert request_sessions(unrestricted, "KR-01", "FR-01") is None
    assert request_sessions(instance([LASER, OPTICS]), "KR-01", "FR-01") is None


def test_schedule_score_sums_the_meetings_pair_scores():
    event = instance([LASER, OPTICS, CHEMS, RAIL], [session("PM")], requests=[request("KR-02", "FR-02", 3)])
    meetings = [meeting("KR-01", "FR-01", "PM", "13:30"), meeting("FR-02", "KR-02", "PM", "14:00")]
    assert schedule_score(event, meetings) == 2 + 32
    assert schedule_score(event, meetings, Weights(request=1, interest=0)) == 3
    assert schedule_score(event, []) == 0


KR, FR, US = company("KR-01"), company("FR-01"), company("US-01")
MONDAY = [session("AM", "10:00", "12:00"), session("PM", "13:30", "16:30")]


def gaps(sessions, meetings, companies=(KR, FR, US), seminars=()):
    return idle_gaps_by_company(instance(companies, sessions, seminars=seminars), meetings)


def test_back_to_back_meetings_leave_no_gap_and_a_free_slot_between_leaves_one():
    assert gaps(
        MONDAY, [meeting("KR-01", "FR-01", "PM", "13:30"), meeting("KR-01", "US-01", "PM", "14:00")]
    ) == {
        "KR-01": 0,
        "FR-01": 0,
        "US-01": 0,
    }
    found = gaps(MONDAY, [meeting("KR-01", "FR-01", "PM", "13:30"), meeting("KR-01", "US-01", "PM", "14:30")])
    assert found["KR-01"] == 1


def test_each_free_stretch_between_consecutive_meetings_is_one_gap():
    meetings = [
        meeting("KR-01", f"FR-0{i}", "PM", start) for i, start in enumerate(["13:30", "14:30", "16:00"])
    ]
    companies = [KR] + [company(f"FR-0{i}") for i in range(3)]
    assert gaps(MONDAY, meetings, companies)["KR-01"] == 2


def test_lunch_bridges_the_last_morning_and_first_afternoon_meetings():
    found = gaps(MONDAY, [meeting("KR-01", "FR-01", "AM", "11:30"), meeting("KR-01", "US-01", "PM", "13:30")])
    assert found["KR-01"] == 0
    found = gaps(MONDAY, [meeting("KR-01", "FR-01", "AM", "11:00"), meeting("KR-01", "US-01", "PM", "13:30")])
    assert found["KR-01"] == 1


def test_an_attended_seminar_bridges_but_one_not_attended_does_not():
    talk = seminar("TALK", "14:00", "15:00")
    listener = company("KR-01", seminars=("TALK",))
    meetings = [meeting("KR-01", "FR-01", "PM", "13:30"), meeting("KR-01", "US-01", "PM", "15:00")]
    found = gaps(MONDAY, meetings, (listener, FR, US), seminars=[talk])
    assert found == {"KR-01": 0, "FR-01": 0, "US-01": 0}
    assert gaps(MONDAY, meetings, (KR, FR, US), seminars=[talk])["KR-01"] == 1


def test_a_seminar_covering_only_part_of_the_stretch_leaves_the_gap():
    talk = seminar("TALK", "14:00", "14:30")
    listener = company("KR-01", seminars=("TALK",))
    meetings = [meeting("KR-01", "FR-01", "PM", "13:30"), meeting("KR-01", "US-01", "PM", "15:00")]
    assert gaps(MONDAY, meetings, (listener, FR, US), seminars=[talk])["KR-01"] == 1


def test_the_companys_own_unavailability_does_not_bridge():
    busy = company("KR-01", unavailable=(span("14:00", "14:30"),))
    meetings = [meeting("KR-01", "FR-01", "PM", "13:30"), meeting("KR-01", "US-01", "PM", "14:30")]
    assert gaps(MONDAY, meetings, (busy, FR, US))["KR-01"] == 1


def test_only_slots_of_sessions_admitting_the_company_make_a_gap():
    parallel = [
        session("FR-1", "13:30", "14:00", countries=("FR",)),
        session("US", "14:00", "15:00", countries=("US",)),
        session("FR-2", "15:00", "16:00", countries=("FR",)),
    ]
    meetings = [meeting("KR-01", "FR-01", "FR-1", "13:30"), meeting("KR-01", "FR-01", "FR-2", "15:00")]
    found = gaps(parallel, meetings)
    assert found["FR-01"] == 0  # the US session's slots are not for a French company
    assert found["KR-01"] == 1  # a Korean company could have met there


def test_a_slot_that_only_partly_fits_between_meetings_is_no_gap():
    offset = [session("A", "13:30", "15:00"), session("B", "13:45", "15:15")]
    meetings = [meeting("KR-01", "FR-01", "A", "13:30"), meeting("KR-01", "US-01", "B", "14:15")]
    assert gaps(offset, meetings)["KR-01"] == 0


def test_meetings_on_different_days_leave_no_gap():
    week = [session("MON", "13:30", "16:30", day=28), session("TUE", "10:00", "16:30", day=29)]
    meetings = [
        meeting("KR-01", "FR-01", "MON", "13:30", day=28),
        meeting("KR-01", "US-01", "TUE", "16:00", day=29),
    ]
    assert gaps(week, meetings)["KR-01"] == 0


def test_idle_gaps_add_up_over_companies():
    meetings = [
        meeting("KR-01", "FR-01", "PM", "13:30"),
        meeting("KR-01", "US-01", "PM", "14:30"),
        meeting("FR-01", "KR-02", "PM", "15:30"),
    ]
    event = instance([KR, FR, US, company("KR-02")], MONDAY)
    assert idle_gaps_by_company(event, meetings) == {"KR-01": 1, "FR-01": 1, "US-01": 0, "KR-02": 0}
    assert idle_gaps(event, meetings) == 2
