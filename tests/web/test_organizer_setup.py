"""Setting up the week in the browser's forms: field errors in the user's language, typed values kept,
nothing half-saved, and a change that would break the schedule refused with the rule named."""

from __future__ import annotations

from sqlalchemy import select

from models import ConsultationSession, Event
from tests.web.helpers import FormClient
from tests.web.organizer_fixtures import console, pair_meeting, scheduled  # noqa: F401

SESSION = {
    "key": "IL-PM",
    "title": "Korea-Israel consultations",
    "day": "2019-10-31",
    "start": "13:30",
    "end": "17:00",
    "slot_minutes": "30",
    "tables": "12",
    "countries": "IL",
}


def sessions(db, event_id: int) -> dict[str, ConsultationSession]:
    db.expire_all()
    return {
        s.key: s
        for s in db.scalars(select(ConsultationSession).where(ConsultationSession.event_id == event_id))
    }


def test_a_new_session_appears_in_the_week(console, db, scheduled):
    url = f"/organizer/events/{scheduled.id}/setup/sessions/new"
    response = console.submit(url, SESSION)
    assert response.status_code == 302
    page = console.get(f"/organizer/events/{scheduled.id}/setup").get_data(as_text=True)
    assert "Korea-Israel consultations" in page and "13:30–17:00 KST" in page and "12 tables" in page
    assert sessions(db, scheduled.id)["IL-PM"].countries == ["IL"]


def test_field_errors_keep_what_was_typed_and_save_nothing(console, db, scheduled):
    url = f"/organizer/events/{scheduled.id}/setup/sessions/new"
    response = console.submit(url, SESSION | {"end": "12:00", "tables": "0", "countries": "Israel"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "The end must come after the start." in page
    assert "Number must be between 1 and 500." in page
    assert "&#39;Israel&#39; is not a two-letter code." in page
    assert 'value="Korea-Israel consultations"' in page and 'value="IL-PM"' in page
    assert "IL-PM" not in sessions(db, scheduled.id)


def test_errors_come_in_korean_for_a_korean_organizer(app, organizer_account, db, scheduled):
    korean = FormClient(app, language="ko")
    korean.login(organizer_account.email)
    response = korean.submit(
        f"/organizer/events/{scheduled.id}/setup/sessions/new", SESSION | {"key": "FR-PM"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "This id is already used in this event." not in page
    assert 'aria-invalid="true"' in page


def test_shrinking_a_session_under_its_meetings_is_refused_naming_the_rule(console, db, scheduled):
    row = sessions(db, scheduled.id)["FR-PM"]
    url = f"/organizer/events/{scheduled.id}/setup/sessions/{row.id}"
    response = console.submit(
        url,
        {
            "key": "FR-PM",
            "title": row.title,
            "day": "2019-10-28",
            "start": "15:00",
            "end": "16:30",
            "slot_minutes": "30",
            "tables": "3",
            "countries": "FR",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert (
        "13:30 KST is not the start of a whole slot of 한-프랑스 1:1 상담회 / Korea-France consultations."
        in page
    )
    assert sessions(db, scheduled.id)["FR-PM"].start_at.hour == 4  # still 13:30 KST


def test_a_session_holding_meetings_cannot_be_removed(console, db, scheduled):
    row = sessions(db, scheduled.id)["FR-PM"]
    url = f"/organizer/events/{scheduled.id}/setup/sessions/{row.id}/delete"
    response = console.submit(url, {}, page=f"/organizer/events/{scheduled.id}/setup", follow_redirects=True)
    assert "This session holds 3 meetings" in response.get_data(as_text=True)
    assert "FR-PM" in sessions(db, scheduled.id)


def test_an_interpreter_is_added_with_the_hours_away(console, db, scheduled):
    url = f"/organizer/events/{scheduled.id}/setup/interpreters/new"
    bad = console.submit(
        url, {"key": "INT-HE", "name": "Cohen", "languages": "ko, he", "unavailable": "tomorrow"}
    )
    assert bad.status_code == 422 and "is not a window like" in bad.get_data(as_text=True)
    good = console.submit(
        url,
        {"key": "INT-HE", "name": "Cohen", "languages": "ko, he", "unavailable": "2019-10-31 09:00-12:00"},
    )
    assert good.status_code == 302
    page = console.get(f"/organizer/events/{scheduled.id}/setup").get_data(as_text=True)
    assert "Cohen" in page and "Korean, Hebrew" in page and "09:00–12:00 KST" in page


def test_a_new_event_starts_as_a_draft(console, db):
    response = console.submit(
        "/organizer/events/new",
        {
            "name": "Paris week",
            "key": "paris-2026",
            "timezone": "Europe/Paris",
            "home_country": "fr",
            "pairing": "any",
            "default_max_meetings": "6",
        },
    )
    assert response.status_code == 302
    event = db.scalar(select(Event).where(Event.key == "paris-2026"))
    assert (event.state, event.home_country, event.pairing) == ("draft", "FR", "any")
    bad = console.submit(
        "/organizer/events/new",
        {
            "name": "x",
            "timezone": "Paris",
            "home_country": "FR",
            "pairing": "any",
            "default_max_meetings": "6",
        },
    )
    assert bad.status_code == 422 and "Unknown time zone" in bad.get_data(as_text=True)


def test_a_post_without_its_token_is_refused(console, db, scheduled):
    response = console.post(f"/organizer/events/{scheduled.id}/setup/sessions/new", data=SESSION)
    assert response.status_code == 400
    assert "IL-PM" not in sessions(db, scheduled.id)


def test_the_venue_and_rooms_are_set_up_for_calendars(console, db, scheduled):
    settings = f"/organizer/events/{scheduled.id}/settings"
    base = {"name": "MPW 2019", "pairing": "home-foreign", "default_max_meetings": "8"}
    half = console.submit(settings, base | {"venue_name": "COEX", "venue_latitude": "37.51"})
    assert half.status_code == 422
    assert "Give latitude and longitude together, or neither." in half.get_data(as_text=True)
    nameless = console.submit(settings, base | {"venue_address": "513 Yeongdong-daero"})
    assert nameless.status_code == 422 and "Name the venue too." in nameless.get_data(as_text=True)
    db.expire_all()
    assert db.get(Event, scheduled.id).venue_name is None  # nothing half-saved

    saved = console.submit(
        settings,
        base
        | {
            "venue_name": "COEX",
            "venue_address": "513 Yeongdong-daero, Seoul",
            "venue_latitude": "37.5125",
            "venue_longitude": "127.0589",
        },
    )
    assert saved.status_code == 302
    console.submit(f"/organizer/events/{scheduled.id}/setup/sessions/new", SESSION | {"room": "Hall B"})
    db.expire_all()
    event = db.get(Event, scheduled.id)
    assert (event.venue_name, event.venue_address, event.venue_latitude) == (
        "COEX",
        "513 Yeongdong-daero, Seoul",
        37.5125,
    )
    assert sessions(db, scheduled.id)["IL-PM"].room == "Hall B"
    page = console.get(settings).get_data(as_text=True)
    assert 'value="COEX"' in page and 'value="127.0589"' in page
