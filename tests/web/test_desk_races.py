"""Desks booking a standby pair into the same freed place at the same instant, through the web: one booking is
saved, every other desk is answered 409 saying the place was taken, never a 5xx or a second meeting there."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from matcher.domain.validator import validate
from models import ACTIVE, Meeting
from schedules.event_store import event_to_instance, load_event
from schedules.organizer import desk, standby
from schedules.schedule_store import planned_meetings
from tests.production.racing import race_threads
from tests.web.helpers import FormClient

DESKS = 6


def test_desks_booking_one_place_at_once_one_wins_the_others_get_409(app, db, world, organizer_account):
    by_key = {c.key: c for c in world.event.companies}
    for key in ("KR-01", "KR-02", "FR-02", "KR-03", "FR-03"):
        desk.check_in(db, world.event.id, by_key[key].id, desk.desk_day(world.event))
    missed = db.scalar(select(Meeting).where(Meeting.company_a_id == world.a.id))
    standby.mark_no_show(db, world.event.id, missed.id, missed.company_b_id)
    pairs = [(by_key["KR-02"].id, by_key["FR-02"].id), (by_key["KR-03"].id, by_key["FR-03"].id)]
    known = validate(event_to_instance(load_event(db, world.event.id)), planned_meetings(db, world.event))

    first = FormClient(app)
    first.login(organizer_account.email)
    cookie = first.http.get_cookie("session")
    desks = [first]
    for _ in range(DESKS - 1):
        other = FormClient(app)
        other.http.set_cookie("session", cookie.value)
        desks.append(other)
    address = f"/organizer/events/{world.event.id}/meetings/{missed.id}/standby"
    token = first.token(address)
    pages = {}

    def book(i: int) -> int:
        a, b = pairs[i % 2]
        answer = desks[i].post(address, data={"csrf_token": token, "a": a, "b": b})
        pages[answer.status_code] = answer.get_data(as_text=True)
        return answer.status_code

    statuses = Counter(race_threads(book, DESKS))
    assert statuses == {302: 1, 409: DESKS - 1}, statuses
    assert "Another desk has just booked this place." in pages[409]
    db.expire_all()
    there = db.scalars(
        select(Meeting).where(
            Meeting.status == ACTIVE,
            Meeting.session_id == missed.session_id,
            Meeting.start_at == missed.start_at,
            Meeting.table_number == 1,
        )
    ).all()
    assert len(there) == 1
    after = validate(event_to_instance(load_event(db, world.event.id)), planned_meetings(db, world.event))
    assert [v for v in after if v not in known] == []  # the world's schedule lacks an interpreter already
