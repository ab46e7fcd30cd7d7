"""Hand edits: each is checked by the validator at once, and a refusal names the broken rule."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from models import ACTIVE, CANCELLED, ConsultationSession, Interpreter
from schedules.errors import NotFound, Refused, Taken
from schedules.organizer.editing import Placement, cancel_meeting, move_meeting, set_locked, swap_meetings
from schedules.schedule_store import planned_meetings

SEOUL = ZoneInfo("Asia/Seoul")


def seoul(hour: int, minute: int = 0, day: int = 28) -> datetime:
    return datetime(2019, 10, day, hour, minute, tzinfo=SEOUL)


def session_id(db, week, key: str) -> int:
    return db.scalar(
        select(ConsultationSession.id).where(
            ConsultationSession.event_id == week.id, ConsultationSession.key == key
        )
    )


def rules(refused: Refused) -> set[int]:
    return {problem.values["rule"] for problem in refused.problems if problem.code == "rule"}


def test_a_move_to_a_free_table_keeps_the_meeting_and_raises_its_sequence(db, week, meeting):
    row = meeting("KR-01", "FR-01")
    move_meeting(db, week.id, row.id, Placement(session_id(db, week, "FR-PM"), seoul(15), 3))

    db.expire_all()
    moved = meeting("KR-01", "FR-01")
    assert moved.id == row.id
    assert moved.start_at == seoul(15)
    assert moved.table_number == 3
    assert moved.sequence == 1 and moved.edited and moved.status == ACTIVE


def test_a_move_onto_a_taken_table_is_refused_naming_the_table_rule_and_changes_nothing(db, week, meeting):
    row = meeting("KR-01", "FR-01")
    with pytest.raises(Refused) as refused:
        move_meeting(db, week.id, row.id, Placement(session_id(db, week, "FR-PM"), seoul(14), 1))

    assert 7 in rules(refused.value)
    assert any(p.values["code"] == "table-clash" for p in refused.value.problems)
    assert isinstance(refused.value, Taken)  # another meeting holds it: the web answers 409
    db.expire_all()
    assert meeting("KR-01", "FR-01").start_at == seoul(13, 30)
    assert meeting("KR-01", "FR-01").sequence == 0


def test_a_move_between_slots_is_refused_by_the_slot_rule(db, week, meeting):
    with pytest.raises(Refused) as refused:
        move_meeting(
            db,
            week.id,
            meeting("KR-01", "FR-01").id,
            Placement(session_id(db, week, "FR-PM"), seoul(14, 45), 3),
        )
    assert rules(refused.value) == {4}
    assert not isinstance(refused.value, Taken)  # a place that is no slot: bad input, a 422


def test_a_move_into_a_session_closed_to_the_partner_country_is_refused(db, week, meeting):
    with pytest.raises(Refused) as refused:
        move_meeting(
            db,
            week.id,
            meeting("KR-01", "FR-01").id,
            Placement(session_id(db, week, "US-PM"), seoul(13, 30, 29), 1),
        )
    assert 4 in rules(refused.value)


def test_taking_the_interpreter_from_a_pair_without_a_shared_language_is_refused(db, week, meeting):
    row = meeting("KR-03", "FR-03")
    with pytest.raises(Refused) as refused:
        move_meeting(db, week.id, row.id, Placement(row.session_id, seoul(14), 1, interpreter_id=None))
    assert rules(refused.value) == {9}


def test_an_interpreter_can_be_given_to_a_meeting(db, week, meeting):
    row = meeting("KR-01", "FR-01")
    french = db.scalar(
        select(Interpreter).where(Interpreter.event_id == week.id, Interpreter.key == "INT-FR")
    )
    move_meeting(db, week.id, row.id, Placement(row.session_id, seoul(15), 1, interpreter_id=french.id))
    db.expire_all()
    assert meeting("KR-01", "FR-01").interpreter_id == french.id


def test_a_swap_exchanges_slots_and_tables_and_keeps_interpreters(db, week, meeting):
    first, second = meeting("KR-01", "FR-01"), meeting("KR-03", "FR-03")
    swap_meetings(db, week.id, first.id, second.id)

    db.expire_all()
    first, second = meeting("KR-01", "FR-01"), meeting("KR-03", "FR-03")
    assert (first.start_at, first.table_number) == (seoul(14), 1)
    assert (second.start_at, second.table_number) == (seoul(13, 30), 1)
    assert second.interpreter.key == "INT-FR" and first.interpreter is None
    assert first.sequence == second.sequence == 1


def test_a_locked_meeting_can_be_neither_moved_nor_cancelled_until_unlocked(db, week, meeting):
    row = meeting("KR-01", "FR-01")
    set_locked(db, week.id, row.id, True)
    for attempt in (
        lambda: move_meeting(db, week.id, row.id, Placement(row.session_id, seoul(15), 3)),
        lambda: cancel_meeting(db, week.id, row.id),
        lambda: swap_meetings(db, week.id, meeting("KR-02", "FR-02").id, row.id),
    ):
        with pytest.raises(Refused) as refused:
            attempt()
        assert refused.value.problems[0].code == "locked"

    set_locked(db, week.id, row.id, False)
    cancel_meeting(db, week.id, row.id)
    db.expire_all()
    assert meeting("KR-01", "FR-01").status == CANCELLED


def test_a_cancelled_meeting_leaves_the_schedule_but_keeps_its_row(db, week, meeting):
    row = meeting("KR-02", "FR-02")
    cancel_meeting(db, week.id, row.id)
    db.expire_all()
    assert {m.companies for m in planned_meetings(db, week)} == {("KR-01", "FR-01"), ("KR-03", "FR-03")}
    assert meeting("KR-02", "FR-02").sequence == 1
    with pytest.raises(NotFound):
        cancel_meeting(db, week.id, row.id)


def test_a_meeting_of_another_event_is_not_found(db, week, meeting):
    with pytest.raises(NotFound):
        set_locked(db, week.id + 1, meeting("KR-01", "FR-01").id, True)


def request_id(db, week, source: str, target: str) -> int:
    from models import Company, MeetingRequest

    keys = {c.key: c.id for c in db.scalars(select(Company).where(Company.event_id == week.id))}
    return db.scalar(
        select(MeetingRequest.id).where(
            MeetingRequest.from_company_id == keys[source], MeetingRequest.to_company_id == keys[target]
        )
    )


def test_an_unmet_request_is_placed_by_hand_with_an_interpreter_found_for_it(db, week, meeting):
    from schedules.organizer.editing import place_request

    placed = place_request(
        db,
        week.id,
        request_id(db, week, "KR-05", "US-02"),
        Placement(session_id(db, week, "US-PM"), seoul(13, 30, 29), 1),
    )
    db.expire_all()
    row = meeting("KR-05", "US-02")
    assert row.id == placed.id and row.edited and row.sequence == 0
    assert {"ko", "en"} <= set(row.interpreter.languages)  # KR-05 speaks only Korean, US-02 only English


def test_placing_a_request_in_an_hour_a_company_is_away_is_refused_by_its_rule(db, week):
    from schedules.organizer.editing import place_request

    with pytest.raises(Refused) as refused:
        place_request(
            db,
            week.id,
            request_id(db, week, "KR-05", "US-02"),
            Placement(session_id(db, week, "US-PM"), seoul(15, 30, 29), 1),
        )
    assert rules(refused.value) == {5}


def test_a_cancelled_pair_placed_again_keeps_its_row_with_a_higher_sequence(db, week, meeting):
    from schedules.organizer.editing import place_request

    row = meeting("KR-01", "FR-01")
    cancel_meeting(db, week.id, row.id)
    with pytest.raises(Refused):
        place_request(
            db, week.id, request_id(db, week, "KR-02", "FR-02"), Placement(row.session_id, seoul(16), 1)
        )
    place_request(
        db, week.id, request_id(db, week, "FR-01", "KR-01"), Placement(row.session_id, seoul(16), 2)
    )
    db.expire_all()
    again = meeting("KR-01", "FR-01")
    assert again.id == row.id and again.status == ACTIVE and again.sequence == 2 and again.table_number == 2
