"""A subscribed calendar never goes stale: every kind of change moves the feed's ETag and Last-Modified and
raises the changed event's SEQUENCE and DTSTAMP; nothing changed answers 304. The feed speaks its owner's
language whatever the calendar app sends."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar
from sqlalchemy import select

from models import Company, ConsultationSession, Meeting, Seminar
from tests.schedules.test_calendar_clients import MINUTE, Khal, calcurse_listing


def feed_address(client, world) -> str:
    client.login(world.b_email)
    page = client.get("/company/agenda").get_data(as_text=True)
    return re.findall(r'value="http://localhost(/feeds/[^"]+\.ics)"', page)[0]


def events(response) -> dict[str, object]:
    return {str(e["UID"]): e for e in Calendar.from_ical(response.data).walk("VEVENT")}


def seminar_of(db, world) -> Seminar:
    return db.scalar(select(Seminar).where(Seminar.event_id == world.event.id, Seminar.key == "SEM-US"))


def meeting_of(db, world) -> Meeting:
    return db.scalar(
        select(Meeting).where((Meeting.company_a_id == world.b.id) | (Meeting.company_b_id == world.b.id))
    )


def move_seminar(db, world):
    seminar = seminar_of(db, world)
    seminar.start_at += timedelta(minutes=30)
    seminar.end_at += timedelta(minutes=30)
    return "seminar-"


def rename_session(db, world):
    db.get(ConsultationSession, meeting_of(db, world).session_id).title = "Korea-US 1:1, hall C"
    return "meeting-"


def rename_partner(db, world):
    meeting = meeting_of(db, world)
    partner = db.get(
        Company, meeting.company_b_id if meeting.company_a_id == world.b.id else meeting.company_a_id
    )
    partner.name_latin = partner.name + " Inc."
    return "meeting-"


def change_reminder(db, world):
    db.get(Company, world.b.id).reminder_minutes = 30
    return "meeting-"


def move_meeting_row(db, world):
    meeting = meeting_of(db, world)
    meeting.start_at += timedelta(minutes=30)
    meeting.end_at += timedelta(minutes=30)
    meeting.sequence += 1
    return "meeting-"


def set_venue(db, world):
    world.event.venue_name, world.event.venue_address = "COEX", "513 Yeongdong-daero, Seoul"
    return ("meeting-", "seminar-")  # every event is placed at the venue


def rename_event(db, world):
    world.event.name = world.event.name + " (updated)"
    return None  # the calendar's name changes, no event in it does


@pytest.mark.parametrize(
    "change",
    [
        move_seminar,
        rename_session,
        rename_partner,
        change_reminder,
        move_meeting_row,
        set_venue,
        rename_event,
    ],
)
def test_each_kind_of_change_moves_the_validators(app, client, db, world, change):
    db.get(Company, world.b.id).seminars.append(seminar_of(db, world))
    db.commit()
    address = feed_address(client, world)
    client = app.test_client()  # a calendar app: no cookie, no language
    first = client.get(address)
    assert first.status_code == 200
    etag, modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert client.get(address, headers={"If-None-Match": etag}).status_code == 304
    assert client.get(address, headers={"If-Modified-Since": modified}).status_code == 304

    changed_kind = change(db, world)
    db.commit()

    by_etag = client.get(address, headers={"If-None-Match": etag})
    by_date = client.get(address, headers={"If-Modified-Since": modified})
    assert by_etag.status_code == by_date.status_code == 200
    assert by_etag.headers["ETag"] != etag
    assert by_date.last_modified > first.last_modified
    before, after = events(first), events(by_etag)
    assert before.keys() == after.keys()
    for uid, event in after.items():
        raised = int(event["SEQUENCE"]) > int(before[uid].get("SEQUENCE", 0))
        restamped = event.decoded("DTSTAMP") > before[uid].decoded("DTSTAMP")
        expected = changed_kind is not None and uid.startswith(changed_kind)
        assert raised == restamped == expected, uid
    new_etag, new_modified = by_etag.headers["ETag"], by_etag.headers["Last-Modified"]
    assert client.get(address, headers={"If-None-Match": new_etag}).status_code == 304
    assert client.get(address, headers={"If-Modified-Since": new_modified}).status_code == 304


@pytest.mark.parametrize(("language", "title"), [("en", "Meeting: "), ("ko", "상담: ")])
def test_a_feed_speaks_its_owners_language_whatever_the_app_sends(app, client, db, world, language, title):
    db.get(Company, world.b.id).language = language
    db.commit()
    address = feed_address(client, world)
    client = app.test_client()
    for headers in ({}, {"Accept-Language": "ko"}, {"Accept-Language": "en-US,en;q=0.9"}):
        response = client.get(address, headers=headers)
        summaries = [
            str(e["SUMMARY"]) for e in events(response).values() if str(e["UID"]).startswith("meeting-")
        ]
        assert summaries and all(s.startswith(title) for s in summaries), (headers, summaries)
        assert "Accept-Language" not in response.headers.get("Vary", "")
    other = "ko" if language == "en" else "en"
    chosen = client.get(address + f"?lang={other}")
    assert not any(
        str(e["SUMMARY"]).startswith(title)
        for e in events(chosen).values()
        if str(e["UID"]).startswith("meeting-")
    )


def test_titles_carry_the_latin_name_and_meetings_remind(app, client, db, world):
    meeting = meeting_of(db, world)
    partner = db.get(
        Company, meeting.company_b_id if meeting.company_a_id == world.b.id else meeting.company_a_id
    )
    partner.name, partner.name_latin = "Технопарк Инвест", "Technopark Invest"
    db.commit()
    response = app.test_client().get(feed_address(client, world))
    (event,) = [e for e in events(response).values() if str(e["UID"]).startswith("meeting-")]
    assert "Технопарк Инвест (Technopark Invest)" in str(event["SUMMARY"])
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER") == timedelta(minutes=-10)


def test_a_company_chooses_its_reminder(app, client, db, world):
    address = feed_address(client, world)

    def alarms() -> list[timedelta]:
        response = app.test_client().get(address)
        return [a.decoded("TRIGGER") for e in events(response).values() for a in e.walk("VALARM")]

    assert alarms() == [timedelta(minutes=-10)]
    client.submit("/company/feeds/reminder", {"reminder": "30"}, page="/company/agenda")
    assert alarms() == [timedelta(minutes=-30)]
    client.submit("/company/feeds/reminder", {"reminder": ""}, page="/company/agenda")
    assert alarms() == []
    refused = client.submit("/company/feeds/reminder", {"reminder": "15"}, page="/company/agenda")
    assert refused.status_code == 302
    assert "Choose no reminder, 10 or 30 minutes." in client.get("/company/agenda").get_data(as_text=True)
    assert alarms() == []


@pytest.mark.parametrize("zone", ["Asia/Seoul", "Europe/Paris", "America/New_York"])
def test_real_clients_follow_the_feed_through_every_kind_of_change(app, client, db, world, tmp_path, zone):
    """After each change, khal (importing each new version over the last) and a fresh calcurse list one seminar
    and one meeting, at their current minute in the reader's zone, under the partner's current name."""
    db.get(Company, world.b.id).seminars.append(seminar_of(db, world))
    db.commit()
    address = feed_address(client, world)
    reader, khal, reader_zone = app.test_client(), Khal(tmp_path, zone), ZoneInfo(zone)

    def minutes(row) -> tuple[str, str]:
        return tuple(t.astimezone(reader_zone).strftime(MINUTE) for t in (row.start_at, row.end_at))

    for version, change in enumerate(
        [
            None,
            move_seminar,
            rename_session,
            rename_partner,
            change_reminder,
            move_meeting_row,
            set_venue,
            rename_event,
        ]
    ):
        if change is not None:
            change(db, world)
            db.commit()
        path = tmp_path / f"v{version}.ics"
        path.write_bytes(reader.get(address).data)
        khal.import_file(path)
        (tmp_path / f"c{version}").mkdir()
        seminar, meeting = seminar_of(db, world), meeting_of(db, world)
        partner = db.get(
            Company, meeting.company_b_id if meeting.company_a_id == world.b.id else meeting.company_a_id
        )
        for listed in (
            khal.listing("2019-10-26", 7),
            calcurse_listing(tmp_path / f"c{version}", [path], zone, "2019-10-26", 7),
        ):
            assert [(s.start, s.end) for s in listed if seminar.title in s.title] == [minutes(seminar)], (
                change
            )
            shown = [s for s in listed if partner.name in s.title]
            assert [(s.start, s.end) for s in shown] == [minutes(meeting)], change
            assert partner.name_latin is None or partner.name_latin in shown[0].title
