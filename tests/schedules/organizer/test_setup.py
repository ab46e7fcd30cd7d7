"""Setting up the week: values are checked, and a change may not break the schedule already made."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import select

from matcher.domain.instance import Interval
from models import ConsultationSession, Interpreter, Seminar
from schedules.errors import Refused
from schedules.organizer.setup import (
    EventValues,
    InterpreterValues,
    SeminarValues,
    SessionValues,
    create_event,
    delete_interpreter,
    delete_seminar,
    delete_session,
    save_interpreter,
    save_seminar,
    save_session,
    update_event,
)


def local(day: int, hour: int, minute: int = 0, month: int = 10) -> datetime:
    return datetime(2019, month, day, hour, minute)


def session_row(db, week, key: str) -> ConsultationSession:
    return db.scalar(
        select(ConsultationSession).where(
            ConsultationSession.event_id == week.id, ConsultationSession.key == key
        )
    )


def values_of(row: ConsultationSession, **changes) -> SessionValues:
    from schedules.timegrid import to_local

    base = dict(
        key=row.key,
        title=row.title,
        start=to_local(row.start_at, "Asia/Seoul"),
        end=to_local(row.end_at, "Asia/Seoul"),
        slot_minutes=row.slot_minutes,
        tables=row.tables,
        countries=tuple(row.countries or ()) or None,
    )
    return SessionValues(**(base | changes))


def codes(refused: Refused) -> list[tuple[str, str | None]]:
    return [(p.code, p.field) for p in refused.problems]


def test_a_new_session_is_stored_in_the_event_zone(db, week):
    row = save_session(
        db,
        week.id,
        None,
        SessionValues(
            "IL-PM", "Korea-Israel consultations", local(31, 13, 30), local(31, 17), 30, 12, ("IL",)
        ),
    )
    db.expire_all()
    stored = session_row(db, week, "IL-PM")
    assert stored.id == row.id
    assert stored.start_at.isoformat() == "2019-10-31T04:30:00+00:00"
    assert stored.tables == 12 and stored.countries == ["IL"]


@pytest.mark.parametrize(
    "values, expected",
    [
        (SessionValues("FR-PM", "again", local(31, 13), local(31, 15), 30, 2), ("duplicate_key", "key")),
        (SessionValues("X", "backwards", local(31, 15), local(31, 13), 30, 2), ("end_before_start", "end")),
        (
            SessionValues("X", "too short", local(31, 13), local(31, 13, 20), 30, 2),
            ("no_whole_slot", "slot_minutes"),
        ),
    ],
)
def test_bad_session_values_are_refused_on_their_field(db, week, values, expected):
    with pytest.raises(Refused) as refused:
        save_session(db, week.id, None, values)
    assert codes(refused.value) == [expected]
    assert session_row(db, week, "X") is None


def test_removing_a_table_that_holds_a_meeting_is_refused_by_the_table_rule(db, week):
    row = session_row(db, week, "FR-PM")
    with pytest.raises(Refused) as refused:
        save_session(db, week.id, row.id, values_of(row, tables=1))
    assert {p.values["rule"] for p in refused.value.problems} == {7}
    db.expire_all()
    assert session_row(db, week, "FR-PM").tables == 3


def test_closing_a_session_to_a_country_it_hosts_meetings_of_is_refused(db, week):
    row = session_row(db, week, "FR-PM")
    with pytest.raises(Refused) as refused:
        save_session(db, week.id, row.id, values_of(row, countries=("US",)))
    assert {p.values["rule"] for p in refused.value.problems} == {4}


def test_a_session_with_meetings_cannot_be_deleted_but_an_empty_one_can(db, week):
    with pytest.raises(Refused) as refused:
        delete_session(db, week.id, session_row(db, week, "FR-PM").id)
    assert codes(refused.value) == [("session_has_meetings", None)]
    delete_session(db, week.id, session_row(db, week, "RU-PM").id)
    assert session_row(db, week, "RU-PM") is None


def test_a_seminar_over_a_meeting_of_an_attendee_is_refused_by_the_availability_rule(db, week):
    seminar = db.scalar(select(Seminar).where(Seminar.event_id == week.id, Seminar.key == "SEM-FR"))
    with pytest.raises(Refused) as refused:
        save_seminar(
            db,
            week.id,
            seminar.id,
            SeminarValues("SEM-FR", seminar.title, local(28, 9, 30), local(28, 14), "FR"),
        )
    assert {p.values["rule"] for p in refused.value.problems} == {5}
    delete_seminar(db, week.id, seminar.id)
    assert db.get(Seminar, seminar.id) is None


def test_an_interpreter_a_meeting_needs_cannot_be_deleted(db, week):
    french = db.scalar(
        select(Interpreter).where(Interpreter.event_id == week.id, Interpreter.key == "INT-FR")
    )
    with pytest.raises(Refused) as refused:
        delete_interpreter(db, week.id, french.id)
    assert {p.values["rule"] for p in refused.value.problems} == {9}
    db.expire_all()
    assert db.get(Interpreter, french.id) is not None


def test_an_interpreter_is_added_with_unavailable_windows(db, week):
    row = save_interpreter(
        db,
        week.id,
        None,
        InterpreterValues(
            "INT-HE", "Interpreter Cohen", ("ko", "he"), (Interval(local(31, 9), local(31, 12)),)
        ),
    )
    db.expire_all()
    stored = db.get(Interpreter, row.id)
    assert stored.languages == ["ko", "he"]
    assert [(w.start_at.hour, w.end_at.hour) for w in stored.unavailable] == [(0, 3)]


def test_a_time_that_does_not_exist_in_the_event_zone_is_refused(db):
    event = create_event(db, EventValues("Paris week", "Europe/Paris", "FR"))
    with pytest.raises(Refused) as refused:
        save_session(
            db, event.id, None, SessionValues("S", "spring", local(31, 2, 30, 3), local(31, 5, 0, 3), 30, 2)
        )
    assert codes(refused.value) == [("no_such_time", "start")]


def test_an_unknown_time_zone_and_a_taken_event_id_are_refused(db, week):
    with pytest.raises(Refused) as refused:
        create_event(db, EventValues("x", "Mars/Olympus", "KR"))
    assert codes(refused.value) == [("unknown_timezone", "timezone")]
    with pytest.raises(Refused) as refused:
        create_event(db, EventValues("x", "Asia/Seoul", "KR", key=week.key))
    assert codes(refused.value) == [("duplicate_key", "key")]


def test_lowering_the_default_limit_under_the_meetings_held_is_refused(db, week):
    update_event(db, week.id, EventValues("Renamed", week.timezone, "KR", default_max_meetings=1))
    with pytest.raises(Refused) as refused:
        update_event(db, week.id, EventValues("Renamed", week.timezone, "KR", default_max_meetings=0))
    assert {p.values["rule"] for p in refused.value.problems} == {8}
    db.expire_all()
    assert (week.name, week.default_max_meetings) == ("Renamed", 1)
