"""Input that could break the database or a calendar is refused where it is typed or imported, named by field
(and row and column), and old data holding it still gives calendars that open."""

from __future__ import annotations

import io

import pytest
from icalendar import Calendar
from sqlalchemy import func, select
from sqlalchemy.exc import DataError

from models import Account, Company, Contact, FeedToken, Meeting, Outcome
from tests.web.conftest import World
from tests.web.organizer_fixtures import console, scheduled  # noqa: F401
from tests.web.test_company_registration import form_for
from web.errors import refused_field


def _upload(console, event_id: int, content: bytes, language: str = "en"):
    return console.submit(
        f"/organizer/events/{event_id}/companies/import",
        {"file": (io.BytesIO(content), "companies.csv")},
        page=f"/organizer/events/{event_id}/companies",
        content_type="multipart/form-data",
        headers={"Accept-Language": language},
    )


def _companies(db, event_id: int) -> int:
    return db.scalar(select(func.count()).select_from(Company).where(Company.event_id == event_id))


def test_a_nul_in_a_name_at_registration_is_refused_on_its_field(client, db, example_event):
    before = _companies(db, example_event.id)
    response = client.submit(
        f"/events/{example_event.id}/register", form_for(example_event, name="새한\x00정밀")
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Name in Hangul" in text and "control character" in text
    assert _companies(db, example_event.id) == before
    assert db.scalar(select(Account).where(Account.email == "minjun@saehan.example.kr")) is None


def test_a_line_break_in_a_contact_name_at_registration_is_refused_in_korean(app, db, example_event):
    from tests.web.helpers import FormClient

    korean = FormClient(app, language="ko")
    response = korean.submit(
        f"/events/{example_event.id}/register",
        form_for(example_event, **{"contacts-0-name": "김민준\r\nX-Evil: 1"}),
    )
    assert response.status_code == 422
    assert "줄바꿈" in response.get_data(as_text=True)


def test_a_nul_or_an_overlong_name_in_an_import_names_the_row_and_column_and_stores_nothing(
    console, db, scheduled
):
    before = _companies(db, scheduled.id)
    nul = "id,name,country,languages\nIL-01,Tower Semi,IL,he\nIL-02,Tower\x00Semi,IL,he\n"
    response = _upload(console, scheduled.id, nul.encode("utf-8"))
    assert response.status_code == 422
    assert "Row 3, column name: a control character" in response.get_data(as_text=True)
    assert _companies(db, scheduled.id) == before

    long = f"id,name,country,languages\nIL-01,{'가' * 5000},IL,he\n"
    response = _upload(console, scheduled.id, long.encode("utf-8"), language="ko")
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "2행 name열" in text and "300자" in text
    assert _companies(db, scheduled.id) == before


def test_an_import_with_a_javascript_website_is_refused_naming_the_row_and_column(console, db, scheduled):
    before = _companies(db, scheduled.id)
    content = b"id,name,country,languages,website\nIL-01,Tower Semi,IL,he,javascript:alert(1)\n"
    response = _upload(console, scheduled.id, content)
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Row 2, column website: an address starting with http:// or https:// is needed" in text
    assert _companies(db, scheduled.id) == before


def test_a_line_break_in_stored_names_keeps_the_ics_and_both_feeds_open(client, db, world: World):
    """Names stored before the cleaning (or by a path that skipped it) must not break a calendar."""
    world.b.name = "Evil\r\nX-WR-CALNAME:Hijack"
    world.b.name_latin = "Line\nbreak\x07"
    partner = db.get(Company, world.b_partner_id)
    partner.name = "Partner\rName"
    contact = db.get(Contact, world.b_contact_id)
    contact.name = "Bora\r\nLee\x07"
    db.query(Company).filter(Company.key == "US-03").update({"name": "US\r\nThree"})
    db.commit()
    client.login(world.b_email)
    tokens = db.scalars(select(FeedToken.token).where(FeedToken.company_id == world.b.id)).all()
    assert len(tokens) == 2
    for address in ["/company/agenda.ics", *(f"/feeds/{token}.ics" for token in tokens)]:
        response = client.get(address)
        assert response.status_code == 200, address
        calendar = Calendar.from_ical(response.data)
        name = str(calendar["X-WR-CALNAME"])
        assert "\r" not in name and "\n" not in name and "Hijack" in name
        summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
        assert any("US Three" in s for s in summaries), summaries
        assert all("\n" not in s and "\r" not in s for s in summaries)


def test_a_value_the_database_refuses_is_a_422_naming_it_not_a_500(console, db, scheduled, database_url):
    """A NUL typed into the console's search goes straight to a query: PostgreSQL refuses it (a DataError)."""
    response = console.get(f"/organizer/events/{scheduled.id}/companies?q=Valeo%00")
    assert response.status_code in (200, 422)
    if database_url.startswith("postgresql"):
        text = response.get_data(as_text=True)
        assert response.status_code == 422
        assert "A value of this request cannot be used" in text and "Nothing was saved" not in text
        korean = console.get(
            f"/organizer/events/{scheduled.id}/companies?q=Valeo%00", headers={"Accept-Language": "ko"}
        )
        assert korean.status_code == 422 and "이 요청의 값을 쓸 수 없습니다" in korean.get_data(as_text=True)
    assert console.get(f"/organizer/events/{scheduled.id}/companies?q=Valeo").status_code == 200


def test_a_nul_in_an_outcome_note_is_refused_under_the_note_and_nothing_is_stored(app, db, world):
    from tests.web.helpers import FormClient

    meeting = db.scalar(select(Meeting).where(Meeting.company_a_id == world.a.id))
    client = FormClient(app)
    client.login(world.a_email)
    response = client.submit(
        f"/company/meetings/{meeting.id}/outcome",
        {"kind": "mou", "note": "secret\x00terms"},
        page="/company/outcomes",
    )
    assert response.status_code == 422
    assert "Remove the control characters" in response.get_data(as_text=True)
    assert db.scalar(select(func.count()).select_from(Outcome)) == 0


@pytest.mark.postgres
def test_a_write_the_database_refuses_is_named_by_its_column(db, world: World, database_url):
    for row, column, value in (
        (world.b, "name", "Bora\x00"),
        (db.get(Contact, world.b_contact_id), "phone", "1" * 51),
    ):
        setattr(row, column, value)
        with pytest.raises(DataError) as refused:
            db.flush()
        db.rollback()
        assert refused_field(refused.value) == column
