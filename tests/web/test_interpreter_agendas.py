"""Interpreters' agendas in the console: the list, one interpreter's week, its PDF, and a calendar address
that follows the organizer's changes."""

from __future__ import annotations

import re
import subprocess
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlalchemy import select

from models import Interpreter
from schedules.organizer.editing import Placement, move_meeting
from tests.schedules.ical_checks import assert_strict
from tests.schedules.test_calendar_clients import Khal
from tests.system import require_command
from tests.web.organizer_fixtures import console, pair_meeting, scheduled  # noqa: F401

SEOUL = ZoneInfo("Asia/Seoul")


def interpreter(db, event, key: str) -> Interpreter:
    return db.scalar(select(Interpreter).where(Interpreter.event_id == event.id, Interpreter.key == key))


def pdf_pages(tmp_path: Path, content: bytes) -> list[str]:
    path = tmp_path / "file.pdf"
    path.write_bytes(content)
    text = subprocess.run(
        [require_command("pdftotext"), "-layout", path, "-"], check=True, capture_output=True, text=True
    ).stdout
    return [page for page in text.split("\f") if page.strip()]


def test_the_console_lists_interpreters_and_shows_one_agenda_by_day(console, db, scheduled):
    listing = console.get(f"/organizer/events/{scheduled.id}/interpreters").get_data(as_text=True)
    people = db.scalars(select(Interpreter).where(Interpreter.event_id == scheduled.id)).all()
    assert people and all(person.name in listing for person in people)

    french = interpreter(db, scheduled, "INT-FR")
    page = console.get(f"/organizer/events/{scheduled.id}/interpreters/{french.id}")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    by_key = {c.key: c for c in scheduled.companies}
    assert by_key["KR-03"].name in text and by_key["FR-03"].name in text
    assert "14:00–14:30" in text and "Table 1" in text and "French" in text
    assert by_key["KR-01"].name not in text  # a meeting without an interpreter is not theirs


def test_another_events_interpreter_is_not_found(console, db, scheduled):
    missing = max(db.scalars(select(Interpreter.id))) + 1
    assert console.get(f"/organizer/events/{scheduled.id}/interpreters/{missing}").status_code == 404
    assert (
        console.get(f"/organizer/events/{scheduled.id}/interpreters/{missing}/agenda.pdf").status_code == 404
    )


def test_the_interpreter_pdf_lists_their_meetings(console, db, scheduled, tmp_path):
    french = interpreter(db, scheduled, "INT-FR")
    response = console.get(f"/organizer/events/{scheduled.id}/interpreters/{french.id}/agenda.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    [page] = pdf_pages(tmp_path, response.data)
    by_key = {c.key: c for c in scheduled.companies}
    assert french.name in page
    assert by_key["KR-03"].name in page and by_key["FR-03"].name in page
    assert "14:00–14:30" in page and "Table 1" in page


def feed_meetings(console, address: str) -> tuple[bytes, dict]:
    response = console.get(address)
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert_strict(response.data)
    calendar = Calendar.from_ical(response.data)
    return response.data, {str(e["UID"]): e for e in calendar.walk("VEVENT")}


def test_the_interpreter_feed_follows_a_move_and_stops_when_revoked(
    console, db, scheduled, pair_meeting, tmp_path
):
    scheduled.state = "published"
    db.commit()
    french = interpreter(db, scheduled, "INT-FR")
    agenda = f"/organizer/events/{scheduled.id}/interpreters/{french.id}"
    made = console.submit(f"{agenda}/feed/renew", {}, page=agenda)
    assert made.status_code == 302
    page = console.get(agenda).get_data(as_text=True)
    [address] = re.findall(r'value="http://localhost(/feeds/interpreters/[^"]+\.ics)"', page)

    first, events = feed_meetings(console, address)
    [(uid, event)] = events.items()
    assert event.decoded("DTSTART") == datetime(2019, 10, 28, 14, 0, tzinfo=SEOUL)
    khal = Khal(tmp_path, "Asia/Seoul")
    (tmp_path / "interpreter.ics").write_bytes(first)
    khal.import_file(tmp_path / "interpreter.ics")
    [shown] = khal.listing("2019-10-28", 1)
    assert shown.start.endswith("14:00") and shown.end.endswith("14:30")

    meeting = pair_meeting("KR-03", "FR-03")
    later = Placement(meeting.session_id, datetime(2019, 10, 28, 15, 30, tzinfo=SEOUL), 3, french.id)
    move_meeting(db, scheduled.id, meeting.id, later)
    _, moved = feed_meetings(console, address)
    assert list(moved) == [uid]
    assert moved[uid].decoded("DTSTART") == datetime(2019, 10, 28, 15, 30, tzinfo=SEOUL)
    assert int(moved[uid]["SEQUENCE"]) == 1 and "3번 테이블" in str(
        moved[uid]["SUMMARY"]
    )  # Korean: the interpreter speaks it

    console.submit(f"{agenda}/feed/revoke", {}, page=agenda)
    assert console.get(address).status_code == 404


def test_an_unpublished_schedule_gives_an_empty_feed(console, db, scheduled):
    french = interpreter(db, scheduled, "INT-FR")
    agenda = f"/organizer/events/{scheduled.id}/interpreters/{french.id}"
    console.submit(f"{agenda}/feed/renew", {}, page=agenda)
    [address] = re.findall(r"(/feeds/interpreters/[^\"]+\.ics)", console.get(agenda).get_data(as_text=True))
    _, events = feed_meetings(console, address)
    assert events == {}


@pytest.mark.parametrize("token", ["", "nonsense"])
def test_an_unknown_interpreter_feed_is_not_found(client, scheduled, token):
    assert client.get(f"/feeds/interpreters/{token}.ics").status_code == 404
