"""Each rule written once: the rule functions, and the validator and the search space agreeing with them."""

from __future__ import annotations

import pytest

from matcher.domain import rules
from matcher.domain.objective import must_pairs as objective_must_pairs
from matcher.domain.rules import time_ordered_slots
from matcher.domain.validator import validate
from matcher.solve.space import SearchSpace
from tests.matcher.builders import at, company, instance, interpreter, request, seminar, session, span
from tests.matcher.builders import meeting as make_meeting

KR = company("KR-01", languages=("ko",))
KR_EN = company("KR-02", languages=("ko", "en"))
FR = company("FR-01", languages=("fr",))
US = company("US-01", languages=("en",))
KO_FR = interpreter("INT-1", ("ko", "fr"))
KO_EN_AWAY = interpreter("INT-2", ("ko", "en"), unavailable=(span("13:30", "14:00"),))


@pytest.mark.parametrize(
    ("a", "b", "needs"), [(KR, FR, True), (KR_EN, US, False), (KR, US, True), (KR_EN, FR, True)]
)
def test_a_pair_needs_an_interpreter_when_it_shares_no_language(a, b, needs):
    assert rules.needs_interpreter(a, b) is needs
    assert rules.shares_language(a, b) is not needs


@pytest.mark.parametrize(
    ("who", "a", "b", "speaks"),
    [
        (KO_FR, KR, FR, True),
        (KO_FR, KR, US, False),
        (KO_EN_AWAY, KR, US, True),
        (KO_EN_AWAY, FR, US, False),
    ],
)
def test_an_interpreter_speaks_for_a_pair_with_a_language_of_each_side(who, a, b, speaks):
    assert rules.speaks_for(who, a, b) is speaks


def test_someone_unavailable_during_a_slot_is_not_free_then():
    assert not rules.is_free(KO_EN_AWAY, span("13:30", "14:00"))
    assert not rules.is_free(KO_EN_AWAY, span("13:45", "14:15"))
    assert rules.is_free(KO_EN_AWAY, span("14:00", "14:30"))


def test_open_slots_leave_out_sessions_not_admitting_the_company_seminars_and_unavailability():
    away = company("KR-03", seminars=("SEM",), unavailable=(span("15:00", "15:30"),))
    event = instance(
        [away, company("FR-02"), company("US-02")],
        [
            session("FR", "13:30", "16:00", countries=("FR",)),
            session("US", "13:30", "14:30", countries=("US",)),
        ],
        seminars=[seminar("SEM", "13:00", "14:00")],
    )
    slots = [(s.id, slot.start) for s, slot in rules.open_slots(event, away)]
    assert slots == [("FR", at("14:00")), ("FR", at("14:30")), ("FR", at("15:30")), ("US", at("14:00"))]
    with_away = [(s.id, slot.start) for s, slot in rules.open_slots(event, away, availability=False)]
    assert ("FR", at("15:00")) in with_away and ("FR", at("13:30")) not in with_away
    french = event.company_by_id["FR-02"]
    assert {s.id for s, _ in rules.open_slots(event, french)} == {"FR"}
    assert [(s.session, s.start) for s in time_ordered_slots(event, away)] == sorted(
        slots, key=lambda k: (k[1], k[0])
    )


def test_must_pairs_are_named_by_a_priority_3_request_in_either_direction():
    event = instance(
        [KR, KR_EN, FR, US],
        [],
        [request("KR-01", "FR-01", 3), request("US-01", "KR-02", 3), request("KR-01", "US-01", 2)],
    )
    assert rules.must_pairs(event) == {frozenset(("KR-01", "FR-01")), frozenset(("US-01", "KR-02"))}
    assert objective_must_pairs(event) == rules.must_pairs(event)


@pytest.mark.parametrize(
    ("pair", "helper", "at_time"),
    [
        (("KR-01", "FR-01"), None, "13:30"),
        (("KR-01", "FR-01"), "INT-1", "13:30"),
        (("KR-01", "US-01"), "INT-2", "13:30"),
        (("KR-01", "US-01"), "INT-2", "14:00"),
        (("KR-01", "US-01"), "INT-1", "14:00"),
        (("KR-02", "US-01"), None, "14:00"),
    ],
)
def test_the_validator_and_the_search_space_agree_with_the_interpreter_rule(pair, helper, at_time):
    """A meeting the validator accepts is a placement of the search space, and the other way round."""
    event = instance(
        [KR, KR_EN, FR, US],
        [session("S", "13:30", "14:30")],
        [request("KR-01", "FR-01"), request("KR-01", "US-01"), request("KR-02", "US-01")],
        interpreters=[KO_FR, KO_EN_AWAY],
    )
    meeting = make_meeting(*pair, "S", at_time, interpreter=helper)
    valid = validate(event, [meeting]) == []
    a, b = (event.company_by_id[c] for c in pair)
    expected = (not rules.needs_interpreter(a, b) and helper is None) or (
        helper is not None
        and rules.needs_interpreter(a, b)
        and rules.speaks_for(event.interpreter_by_id[helper], a, b)
        and rules.is_free(event.interpreter_by_id[helper], meeting.interval)
    )
    assert valid is expected
    space = SearchSpace(event)
    options = {
        (frozenset(space.pairs[p.pair].companies), space.slots[p.slot].interval.start): p.helpers
        for p in space.placements
    }
    key = (frozenset(pair), meeting.start)
    if valid:
        assert key in options and (helper is None) == (options[key] == ())
        assert helper is None or helper in options[key]
