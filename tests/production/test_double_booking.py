"""Twenty organizers move meetings into the same place at the same instant: one move is saved, the others are
told the place is taken (a 409); never a double booking, never an unexpected error."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from matcher.domain.instance import Company, Event, Instance, Request, Session
from matcher.domain.schedule import Meeting as Planned
from matcher.domain.validator import validate
from models import Meeting
from schedules.event_store import event_to_instance, load_event, store_instance
from schedules.organizer.editing import Placement, move_meeting
from schedules.schedule_store import planned_meetings, save_schedule
from schedules.timegrid import to_utc
from tests.production.racing import RACERS, race, tally

DAY = datetime(2019, 10, 28, 9, 0)
SLOT = timedelta(minutes=30)
LAST_SLOT = RACERS + 1  # free for everyone


def week() -> Instance:
    """Pairs K-i/F-i and X/G-i, each meeting once in slot i of one session with more tables than racers."""
    home = [Company(f"K-{i:02}", f"Home {i}", "KR", ("en",)) for i in range(RACERS)]
    guests = [Company(f"F-{i:02}", f"Guest {i}", "FR", ("en",)) for i in range(RACERS)]
    partners = [Company(f"G-{i:02}", f"Partner {i}", "DE", ("en",)) for i in range(RACERS)]
    busy = Company("X", "Busy home company", "KR", ("en",), max_meetings=RACERS + 5)
    return Instance(
        event=Event("Race week", "Asia/Seoul", "KR", id="race-week"),
        sessions=(Session("ROOM", "Room", DAY, DAY + SLOT * (LAST_SLOT + 1), 30, RACERS + 1),),
        companies=(*home, *guests, *partners, busy),
        requests=(
            *(Request(h.id, g.id, 2) for h, g in zip(home, guests)),
            *(Request(busy.id, p.id, 2) for p in partners),
        ),
    )


def first_schedule() -> list[Planned]:
    meetings = []
    for i in range(RACERS):
        start = DAY + SLOT * i
        meetings.append(Planned((f"K-{i:02}", f"F-{i:02}"), "ROOM", start, start + SLOT, 1))
        meetings.append(Planned(("X", f"G-{i:02}"), "ROOM", start, start + SLOT, 2))
    return meetings


@pytest.fixture
def race_week(db):
    instance = week()
    assert validate(instance, first_schedule()) == []
    event = store_instance(db, instance)
    save_schedule(db, event, first_schedule())
    db.commit()
    return event


def meeting_ids(db, event, company_key: str) -> list[int]:
    """The meetings of companies whose key starts with `company_key`, in slot order."""
    rows = db.scalars(select(Meeting).where(Meeting.event_id == event.id).order_by(Meeting.start_at))
    return [
        r.id
        for r in rows
        if r.company_a.key.startswith(company_key) or r.company_b.key.startswith(company_key)
    ]


def check_outcome(db, event, outcomes) -> None:
    kinds = tally(outcomes)
    assert kinds["won"] == 1, kinds
    assert kinds["conflict"] == RACERS - 1, kinds
    db.expire_all()
    assert validate(event_to_instance(load_event(db, event.id)), planned_meetings(db, event)) == []


def test_twenty_moves_into_the_same_table_and_slot(engine, db, race_week):
    movers = meeting_ids(db, race_week, "K-")
    target = to_utc(DAY + SLOT * LAST_SLOT, "Asia/Seoul")
    session_id = race_week.sessions[0].id

    outcomes = race(
        engine, lambda s, i: move_meeting(s, race_week.id, movers[i], Placement(session_id, target, 1))
    )

    check_outcome(db, race_week, outcomes)


def test_twenty_moves_of_one_company_into_the_same_slot_at_different_tables(engine, db, race_week):
    movers = meeting_ids(db, race_week, "G-")
    target = to_utc(DAY + SLOT * LAST_SLOT, "Asia/Seoul")
    session_id = race_week.sessions[0].id

    outcomes = race(
        engine, lambda s, i: move_meeting(s, race_week.id, movers[i], Placement(session_id, target, i + 1))
    )

    check_outcome(db, race_week, outcomes)
