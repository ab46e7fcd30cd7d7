"""A company's outcomes: recorded only after a meeting took place, private from the partner, bad input refused."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from models import Attendance, Outcome
from schedules.company import outcomes
from schedules.errors import NotFound, Refused
from schedules.organizer import standby
from schedules.organizer.editing import cancel_meeting
from tests.schedules.organizer.desk_week import BEFORE_THE_WEEK


def codes(refused) -> list[tuple[str, str]]:
    return [(p.code, p.field) for p in refused.value.problems]


def test_each_side_sees_its_own_outcome_and_never_the_partners(db, desk_week):
    kr01, fr01 = desk_week.companies["KR-01"], desk_week.companies["FR-01"]
    outcomes.record_outcome(db, kr01.id, desk_week.first.id, "mou", "1,500,000", "krw", "MOU at the fair")
    outcomes.record_outcome(db, fr01.id, desk_week.first.id, "follow-up", note="visit in March")
    own = outcomes.outcome_lines(db, kr01.id)[0]
    assert (own.outcome.kind, own.outcome.amount, own.outcome.currency) == (
        "mou",
        Decimal("1500000.00"),
        "KRW",
    )
    theirs = outcomes.outcome_lines(db, fr01.id)[0]
    assert (theirs.outcome.kind, theirs.outcome.note, theirs.outcome.amount) == (
        "follow-up",
        "visit in March",
        None,
    )
    assert all(
        line.outcome is None or line.outcome.company_id == fr01.id
        for line in outcomes.outcome_lines(db, fr01.id)
    )


def test_recording_again_changes_the_answer(db, desk_week):
    kr01 = desk_week.companies["KR-01"]
    outcomes.record_outcome(db, kr01.id, desk_week.first.id, "nda")
    outcomes.record_outcome(db, kr01.id, desk_week.first.id, "contract", "12500.5", "USD")
    rows = db.scalars(select(Outcome)).all()
    assert [(r.kind, r.amount, r.currency) for r in rows] == [("contract", Decimal("12500.50"), "USD")]


@pytest.mark.parametrize(
    "amount, currency, problems",
    [
        ("twelve", "USD", [("amount_not_number", "amount")]),
        ("12abc", "USD", [("amount_not_number", "amount")]),
        ("NaN", "USD", [("amount_not_number", "amount")]),
        ("-5", "USD", [("amount_not_number", "amount")]),
        ("1e30", "USD", [("amount_not_number", "amount")]),
        ("100", "", [("currency_needed", "currency")]),
        ("100", "XYZ", [("currency_unknown", "currency")]),
    ],
)
def test_an_amount_that_is_not_a_number_or_a_bad_currency_is_refused_and_nothing_stored(
    db, desk_week, amount, currency, problems
):
    with pytest.raises(Refused) as refused:
        outcomes.record_outcome(
            db, desk_week.companies["KR-01"].id, desk_week.first.id, "contract", amount, currency
        )
    assert codes(refused) == problems
    assert db.scalar(select(func.count()).select_from(Outcome)) == 0


def test_an_unknown_outcome_is_refused(db, desk_week):
    with pytest.raises(Refused) as refused:
        outcomes.record_outcome(db, desk_week.companies["KR-01"].id, desk_week.first.id, "handshake")
    assert codes(refused) == [("outcome_kind", "kind")]


def test_no_outcome_for_a_meeting_that_did_not_take_place(db, desk_week):
    kr01, fr01 = desk_week.companies["KR-01"], desk_week.companies["FR-01"]
    with pytest.raises(Refused) as refused:  # not yet
        outcomes.record_outcome(db, kr01.id, desk_week.first.id, "mou", now=BEFORE_THE_WEEK)
    assert codes(refused) == [("not_taken_place", "meeting")]
    outcomes.report_no_show(db, kr01.id, desk_week.first.id)  # the partner did not come
    with pytest.raises(Refused) as refused:
        outcomes.record_outcome(db, kr01.id, desk_week.first.id, "mou")
    assert codes(refused) == [("not_taken_place", "meeting")]
    kr04 = desk_week.companies["KR-04"]
    cancel_meeting(db, desk_week.event.id, desk_week.second.id)
    with pytest.raises(Refused) as refused:
        outcomes.record_outcome(db, kr04.id, desk_week.second.id, "mou")
    assert codes(refused) == [("not_taken_place", "meeting")]
    assert db.scalar(select(func.count()).select_from(Outcome)) == 0
    assert outcomes.outcome_lines(db, fr01.id)[0].attendance.absent_company_id == fr01.id


def test_a_company_reaches_only_its_own_meetings(db, desk_week):
    stranger = desk_week.companies["US-01"]
    with pytest.raises(NotFound):
        outcomes.record_outcome(db, stranger.id, desk_week.first.id, "mou")
    with pytest.raises(NotFound):
        outcomes.report_no_show(db, stranger.id, desk_week.first.id)
    assert db.scalar(select(func.count()).select_from(Attendance)) == 0


def test_a_company_says_its_partner_did_not_come_only_once_the_meeting_started(db, desk_week):
    kr04 = desk_week.companies["KR-04"]
    with pytest.raises(Refused) as refused:
        outcomes.report_no_show(db, kr04.id, desk_week.second.id, now=BEFORE_THE_WEEK)
    assert codes(refused) == [("meeting_not_started", "meeting")]
    row = outcomes.report_no_show(db, kr04.id, desk_week.second.id)
    assert (row.absent_company_id, row.reported_by) == (desk_week.companies["US-03"].id, standby.COMPANY)
