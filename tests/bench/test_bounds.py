"""LP bounds: never below a real schedule, tight on small cases worked by hand, fair when tables are short."""

from __future__ import annotations

import pytest

from bench.bounds import lp_bound
from bench.generate import generate_event
from matcher.domain.scoring import schedule_score
from matcher.relaxation import pair_options
from matcher.solve.greedy import greedy_schedule
from tests.matcher.builders import company, instance, interpreter, request, session

MODELS = ["slot", "session"]


def starved_event():
    """One table, two slots: KR-01's two must-meets score 60 but leave KR-02 and FR-03 without a meeting."""
    return instance(
        companies=[
            company("KR-01"),
            company("KR-02"),
            company("FR-01"),
            company("FR-02"),
            company("FR-03"),
            company("FR-04", sectors=("x",)),
        ],
        sessions=[session("S", "13:30", "14:30", tables=1)],
        requests=[request("KR-01", "FR-01", 3), request("KR-01", "FR-02", 3), request("KR-02", "FR-03", 1)],
    )


@pytest.mark.parametrize("model", MODELS)
def test_fair_bound_gives_up_score_to_cover_every_company(model):
    bound = lp_bound(starved_event(), model)
    assert bound.score == pytest.approx(60)
    assert bound.could_meet == 5  # FR-04 has no eligible partner
    assert bound.coverable == pytest.approx(4, abs=1e-3)
    assert bound.fair_score == pytest.approx(40, abs=0.01)  # one must-meet (30) and KR-02-FR-03 (10)


@pytest.mark.parametrize("model", MODELS)
def test_one_interpreter_serves_one_meeting_at_a_time(model):
    event = instance(
        companies=[
            company("KR-01", languages=("ko",)),
            company("KR-02", languages=("ko",)),
            company("FR-01", languages=("fr",)),
            company("FR-02", languages=("fr",)),
        ],
        sessions=[session("S", "13:30", "14:00", tables=2)],
        requests=[request("KR-01", "FR-01", 3), request("KR-02", "FR-02", 2)],
        interpreters=[interpreter("I1", ("ko", "fr")), interpreter("I2", ("ko", "ru"))],
    )
    assert lp_bound(event, model).score == pytest.approx(30)


def test_a_company_in_parallel_sessions_meets_once_at_a_time():
    event = instance(
        companies=[company("KR-01"), company("FR-01"), company("US-01")],
        sessions=[
            session("FR", "13:30", "14:00", countries=("FR",)),
            session("US", "13:30", "14:00", countries=("US",)),
        ],
        requests=[request("KR-01", "FR-01", 3), request("KR-01", "US-01", 2)],
    )
    assert lp_bound(event, "slot").score == pytest.approx(30)


def test_pairs_without_a_common_open_slot_do_not_count():
    event = instance(
        companies=[company("KR-01"), company("FR-01")],
        sessions=[session("S", countries=("US",))],
        requests=[request("KR-01", "FR-01", 3)],
    )
    assert pair_options(event) == []
    bound = lp_bound(event, "slot")
    assert (bound.score, bound.could_meet) == (0, 0)


@pytest.mark.parametrize("seed", [1, 2])
def test_no_schedule_scores_above_the_bounds_and_the_session_lp_is_looser(seed):
    event = generate_event(companies=120, seed=seed)
    slot, by_session = lp_bound(event, "slot"), lp_bound(event, "session")
    greedy = schedule_score(event, greedy_schedule(event))
    assert greedy <= slot.score + 1e-6 and slot.fair_score <= slot.score + 1e-6
    assert slot.score <= by_session.score + 1e-6
