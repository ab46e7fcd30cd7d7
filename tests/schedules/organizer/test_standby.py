"""No-shows and standby pairs: who is offered the freed place, booking it, and two desks booking at once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from matcher.domain.validator import validate
from models import ACTIVE, CANCELLED, NO_SHOW, Attendance, Meeting, OutgoingMail
from schedules.company.contacts import Person, add_contact
from schedules.errors import Refused, Taken
from schedules.event_store import event_to_instance, load_event
from schedules.organizer import desk, standby
from schedules.organizer.editing import cancel_meeting
from schedules.schedule_store import planned_meetings
from tests.production.racing import race, tally
from tests.schedules.organizer.desk_week import BEFORE_THE_WEEK, DAY_ONE

ARRIVED = ("KR-01", "KR-02", "FR-02", "KR-03", "FR-03", "KR-06", "FR-01")


@pytest.fixture
def missed(db, desk_week):
    """Monday 13:30, table 1: FR-01 did not come to meet KR-01; seven companies checked in that day."""
    for key in ARRIVED:
        desk.check_in(db, desk_week.event.id, desk_week.companies[key].id, DAY_ONE)
    standby.mark_no_show(db, desk_week.event.id, desk_week.first.id, desk_week.companies["FR-01"].id)
    return desk_week


def keys(suggestions) -> list[tuple[str, str]]:
    return [(s.a.key, s.b.key) for s in suggestions]


def test_suggestions_are_checked_in_free_eligible_pairs_best_score_first(db, missed):
    found = standby.suggestions(db, missed.event.id, missed.first.id)
    # FR-01 is absent; KR-01 has no eligible partner among the others; KR-06 has none free that day.
    assert keys(found) == [("KR-02", "FR-02"), ("KR-03", "FR-03")]
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    assert found[1].interpreter == "INT-FR"  # Korean-only meets French-only: the French interpreter


def test_each_suggestion_keeps_every_rule_when_it_takes_the_place(db, missed):
    for suggestion in standby.suggestions(db, missed.event.id, missed.first.id):
        event = load_event(db, missed.event.id)
        meetings = [m for m in planned_meetings(db, event) if set(m.companies) != {"KR-01", "FR-01"}]
        place = next(m for m in planned_meetings(db, event) if set(m.companies) == {"KR-01", "FR-01"})
        added = place.__class__(
            (suggestion.a.key, suggestion.b.key),
            place.session,
            place.start,
            place.end,
            place.table,
            suggestion.interpreter,
        )
        assert validate(event_to_instance(event), [*meetings, added]) == []


def test_companies_not_checked_in_or_busy_then_are_not_offered(db, missed):
    desk.undo_check_in(db, missed.event.id, missed.companies["FR-02"].id, DAY_ONE)
    assert keys(standby.suggestions(db, missed.event.id, missed.first.id)) == [("KR-03", "FR-03")]


def test_a_pair_that_declined_before_is_not_offered_again(db, missed):
    booked = standby.book_standby(db, missed.event.id, missed.first.id, *missed.ids("KR-03", "FR-03")).meeting
    cancel_meeting(db, missed.event.id, booked.id)
    standby.mark_no_show(db, missed.event.id, missed.second.id, missed.companies["US-03"].id)
    assert ("KR-03", "FR-03") not in keys(standby.suggestions(db, missed.event.id, missed.second.id))


def test_booking_cancels_the_missed_meeting_and_places_the_pair_there_telling_both(db, missed):
    add_contact(db, missed.companies["FR-02"].id, Person("Claire Roux", "claire@valeo.example", "", ("fr",)))
    before = (missed.first.session_id, missed.first.start_at, missed.first.table_number)
    booked = standby.book_standby(db, missed.event.id, missed.first.id, *missed.ids("KR-02", "FR-02"))
    db.refresh(missed.first)
    assert (missed.first.status, missed.first.sequence) == (CANCELLED, 1)
    row = booked.meeting
    assert (row.session_id, row.start_at, row.table_number, row.status) == (*before, ACTIVE)
    assert {row.company_a.key, row.company_b.key} == {"KR-02", "FR-02"}
    assert [(n.kind, n.company_name, n.addresses) for n in booked.notices] == [
        ("standby-booked", "한양대학교 자율주행 연구실", ()),
        ("standby-booked", "Valeo", ("claire@valeo.example",)),
    ]
    [mail] = db.scalars(select(OutgoingMail).where(OutgoingMail.kind == "standby-booked")).all()
    assert (mail.recipient, mail.language) == ("claire@valeo.example", "en")
    assert "한양대학교 자율주행 연구실" in mail.text and f"Table {row.table_number}" in mail.text
    event = load_event(db, missed.event.id)
    assert validate(event_to_instance(event), planned_meetings(db, event)) == []
    assert standby.suggestions(db, missed.event.id, missed.first.id) == []


def test_the_place_once_booked_is_taken_for_the_next_desk(db, missed):
    standby.book_standby(db, missed.event.id, missed.first.id, *missed.ids("KR-02", "FR-02"))
    with pytest.raises(Taken):
        standby.book_standby(db, missed.event.id, missed.first.id, *missed.ids("KR-03", "FR-03"))


def test_a_company_not_checked_in_cannot_be_booked(db, missed):
    desk.undo_check_in(db, missed.event.id, missed.companies["FR-02"].id, DAY_ONE)
    with pytest.raises(Refused) as refused:
        standby.book_standby(db, missed.event.id, missed.first.id, *missed.ids("KR-02", "FR-02"))
    assert [(p.code, p.field) for p in refused.value.problems] == [("not_checked_in", "company")]
    assert db.scalar(select(func.count()).select_from(Meeting)) == 2


def test_a_pair_breaking_a_rule_is_refused_naming_it(db, missed):
    with pytest.raises(Refused) as refused:  # two home companies
        standby.book_standby(db, missed.event.id, missed.first.id, *missed.ids("KR-02", "KR-03"))
    assert {p.values["code"] for p in refused.value.problems} >= {"pairing"}


def test_a_no_show_on_a_cancelled_or_future_meeting_or_for_a_stranger_is_refused(db, desk_week):
    with pytest.raises(Refused) as refused:
        standby.mark_no_show(
            db, desk_week.event.id, desk_week.second.id, desk_week.companies["US-03"].id, now=BEFORE_THE_WEEK
        )
    assert [(p.code, p.field) for p in refused.value.problems] == [("meeting_not_started", "meeting")]
    with pytest.raises(Refused) as refused:
        standby.mark_no_show(db, desk_week.event.id, desk_week.second.id, desk_week.companies["FR-01"].id)
    assert [(p.code, p.field) for p in refused.value.problems] == [("not_in_meeting", "absent")]
    cancel_meeting(db, desk_week.event.id, desk_week.second.id)
    with pytest.raises(Refused) as refused:
        standby.mark_no_show(db, desk_week.event.id, desk_week.second.id, desk_week.companies["US-03"].id)
    assert [(p.code, p.field) for p in refused.value.problems] == [("meeting_cancelled", "meeting")]
    assert db.scalar(select(func.count()).select_from(Attendance)) == 0


def test_a_no_show_marked_by_mistake_is_undone(db, missed):
    standby.mark_no_show(db, missed.event.id, missed.first.id, None)
    assert db.get(Attendance, missed.first.id).status == "held"
    with pytest.raises(Refused):
        standby.suggestions(db, missed.event.id, missed.first.id)


def test_two_desks_booking_the_same_place_at_once_one_wins_the_other_is_told_it_is_taken(engine, db, missed):
    pairs = [missed.ids("KR-02", "FR-02"), missed.ids("KR-03", "FR-03")]

    def book(session, i):
        return standby.book_standby(session, missed.event.id, missed.first.id, *pairs[i % 2])

    outcomes = race(engine, book, racers=6)
    assert tally(outcomes) == {"won": 1, "conflict": 5}
    db.expire_all()
    active = db.scalars(
        select(Meeting).where(
            Meeting.status == ACTIVE, Meeting.start_at == missed.first.start_at, Meeting.table_number == 1
        )
    ).all()
    assert len(active) == 1
    assert db.get(Attendance, missed.first.id).status == NO_SHOW
