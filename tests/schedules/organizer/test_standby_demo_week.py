"""On a copy of the demo week: every standby suggestion, booked in turn, leaves a schedule the validator accepts."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from matcher.domain.validator import validate
from matcher.formats.instance_io import load_instance
from matcher.solve.greedy import greedy_schedule
from models import Company, Meeting
from models.db import make_engine, make_sessionmaker, migrate
from schedules.event_store import event_to_instance, load_event, store_instance
from schedules.organizer import desk, standby
from schedules.schedule_store import meeting_rows, planned_meetings, save_schedule
from schedules.timegrid import to_local
from tests.test_demo_week import DEMO

MONDAY = date(2019, 10, 28)
PLACES = 3  # missed meetings whose suggestions are all booked, each on its own copy


def session_on(path):
    engine = make_engine(f"sqlite:///{path}")
    return engine, make_sessionmaker(engine)()


@pytest.fixture(scope="module")
def monday(tmp_path_factory):
    """The demo week scheduled (greedy), published, everyone checked in on Monday, and Monday's meetings marked
    missed by their foreign side until PLACES of them have standby suggestions."""
    path = tmp_path_factory.mktemp("demo") / "week.sqlite3"
    engine, db = session_on(path)
    migrate(engine)
    instance = load_instance(DEMO)
    meetings = greedy_schedule(instance)
    assert validate(instance, meetings) == []
    event = store_instance(db, instance)
    save_schedule(db, event, meetings)
    event.state = "published"
    db.commit()
    for company in event.companies:
        desk.check_in(db, event.id, company.id, MONDAY)
    places = []
    for row in meeting_rows(db, event):
        if to_local(row.start_at, event.timezone).date() != MONDAY:
            continue
        foreign = row.company_b if row.company_b.country != event.home_country else row.company_a
        standby.mark_no_show(db, event.id, row.id, foreign.id)
        offered = standby.suggestions(db, event.id, row.id)
        if offered:
            places.append((row.id, [(s.a.id, s.b.id) for s in offered]))
        if len(places) == PLACES:
            break
    event_id = event.id
    db.close()
    engine.dispose()
    return path, event_id, places


def copy_of(path, target):
    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    return target


def test_the_demo_week_offers_standby_pairs(monday):
    _path, _event_id, places = monday
    assert len(places) == PLACES and sum(len(offered) for _, offered in places) >= PLACES


def test_every_suggestion_booked_in_turn_on_a_copy_keeps_every_rule(monday, tmp_path):
    path, event_id, places = monday
    booked = 0
    for meeting_id, offered in places:
        for number, (a, b) in enumerate(offered):
            engine, db = session_on(copy_of(path, tmp_path / f"copy-{meeting_id}-{number}.sqlite3"))
            try:
                missed = db.get(Meeting, meeting_id)
                place = (missed.session_id, missed.start_at, missed.table_number)
                row = standby.book_standby(db, event_id, meeting_id, a, b).meeting
                assert (row.session_id, row.start_at, row.table_number) == place
                assert {row.company_a_id, row.company_b_id} == {a, b}
                event = load_event(db, event_id)
                assert validate(event_to_instance(event), planned_meetings(db, event)) == [], (
                    f"{db.get(Company, a).key} - {db.get(Company, b).key}"
                )
                booked += 1
            finally:
                db.close()
                engine.dispose()
    assert booked == sum(len(offered) for _, offered in places)
