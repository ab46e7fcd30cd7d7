"""A subscribed calendar follows the organizer's changes: one event per meeting, moved in place, then cancelled."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from icalendar import Calendar
from sqlalchemy import select

from models import Interpreter, Meeting
from schedules.organizer.editing import Placement, cancel_meeting, move_meeting

SEOUL = ZoneInfo("Asia/Seoul")


def feed_events(client, address):
    response = client.get(address)
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.data)
    meetings = [e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("meeting-")]
    return response, {str(e["UID"]): e for e in meetings}


def test_a_moved_then_cancelled_meeting_keeps_its_uid_in_the_feed(client, db, world):
    client.login(world.b_email)
    page = client.get("/company/agenda").get_data(as_text=True)
    address = re.findall(r'value="http://localhost(/feeds/[^"]+\.ics)"', page)[0]
    first, before = feed_events(client, address)
    [(uid, event)] = before.items()
    assert event.decoded("DTSTART") == datetime(2019, 10, 29, 13, 30, tzinfo=SEOUL)
    assert int(event.get("SEQUENCE", 0)) == 0

    meeting = db.scalar(select(Meeting).where(Meeting.company_a_id == world.b.id))
    # B's only contact speaks Korean, so the company does too: the English interpreter comes along.
    interpreter = db.scalar(
        select(Interpreter).where(Interpreter.event_id == world.event.id, Interpreter.key == "INT-EN")
    )
    later = Placement(meeting.session_id, datetime(2019, 10, 29, 15, 0, tzinfo=SEOUL), 3, interpreter.id)
    move_meeting(db, world.event.id, meeting.id, later)
    moved_response, moved = feed_events(client, address)
    assert list(moved) == [uid]  # the same event, not a second one
    assert moved[uid].decoded("DTSTART") == datetime(2019, 10, 29, 15, 0, tzinfo=SEOUL)
    assert int(moved[uid]["SEQUENCE"]) == 1
    assert moved_response.headers["ETag"] != first.headers["ETag"]

    cancel_meeting(db, world.event.id, meeting.id)
    _, cancelled = feed_events(client, address)
    assert list(cancelled) == [uid]
    assert str(cancelled[uid]["STATUS"]) == "CANCELLED"
    assert int(cancelled[uid]["SEQUENCE"]) == 2
