"""One company added, edited and withdrawn from the console's companies page, checked as an import row is."""

from __future__ import annotations

import re

from sqlalchemy import select

from models import Company
from tests.web.organizer_fixtures import console, pair_meeting, scheduled  # noqa: F401

NEW = {
    "id": "IL-01",
    "name": "Tower Semiconductor",
    "name_latin": "",
    "country": "il",
    "languages": "he; en",
    "sectors": "semiconductor",
    "interests": "display",
    "max_meetings": "4",
    "seminars": "",
    "unavailable": "2019-10-29T09:00/2019-10-29T12:00",
    "website": "https://towersemi.com",
    "description": "Analog foundry",
    "contact1_name": "Dana Levi",
    "contact1_email": "dana@towersemi.example",
    "contact1_phone": "+972 4 650 6611",
    "contact1_languages": "",
}


def company(db, event_id: int, key: str) -> Company | None:
    db.expire_all()
    return db.scalar(select(Company).where(Company.event_id == event_id, Company.key == key))


def test_the_organizer_adds_one_company_from_the_companies_page(console, db, scheduled):
    listing = console.get(f"/organizer/events/{scheduled.id}/companies").get_data(as_text=True)
    assert f'href="/organizer/events/{scheduled.id}/companies/new"' in listing
    url = f"/organizer/events/{scheduled.id}/companies/new"
    assert console.get(url).status_code == 200

    response = console.submit(url, NEW, follow_redirects=True)
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and "Tower Semiconductor is added." in text
    added = company(db, scheduled.id, "IL-01")
    assert (added.country, added.languages, added.max_meetings) == ("IL", ["he", "en"], 4)
    assert [s.code for s in added.sectors] == ["semiconductor"] and [s.code for s in added.interests] == [
        "display"
    ]
    assert [(c.name, c.email, c.languages) for c in added.contacts] == [
        ("Dana Levi", "dana@towersemi.example", ["he", "en"])
    ]
    assert len(added.unavailable) == 1 and added.unavailable[0].start_at.hour == 0  # 09:00 KST
    found = console.get(f"/organizer/events/{scheduled.id}/companies?q=IL-01").get_data(as_text=True)
    assert 'data-invitation="invited"' in found  # invited with the addition, as an import's companies are


def test_a_bad_company_names_each_field_and_stores_nothing(console, db, scheduled):
    url = f"/organizer/events/{scheduled.id}/companies/new"
    bad = {
        **NEW,
        "country": "Israel",
        "languages": "hebrew",
        "max_meetings": "many",
        "contact1_email": "dana",
    }
    response = console.submit(url, bad)
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    for reason in (
        "a two-letter country code such as KR or FR is needed",
        "two-letter language codes such as ko; en are needed",
        "a whole number is needed",
        "not an email address",
    ):
        assert reason in text
    assert "Row 1" not in text and 'value="Tower Semiconductor"' in text  # what was typed stays
    assert company(db, scheduled.id, "IL-01") is None

    taken = console.submit(url, {**NEW, "id": "KR-01"})
    assert taken.status_code == 422 and "This id is already used in this event." in taken.get_data(
        as_text=True
    )
    assert company(db, scheduled.id, "KR-01").name == "뮤텍코리아"


def test_the_organizer_edits_one_company_and_its_contacts_stay(console, db, scheduled):
    mutec = company(db, scheduled.id, "KR-01")
    contacts = [(c.id, c.email) for c in mutec.contacts]
    url = f"/organizer/events/{scheduled.id}/companies/{mutec.id}/edit"
    page = console.get(url).get_data(as_text=True)
    assert 'value="뮤텍코리아"' in page and 'value="KR"' in page  # the form starts from what is stored

    form = {
        field: value
        for field, value in (
            (name, _value(page, name))
            for name in ("name", "name_latin", "country", "languages", "sectors", "interests", "seminars")
        )
    }
    response = console.submit(
        url, {**form, "name_latin": "Mutec Korea", "max_meetings": "3"}, follow_redirects=True
    )
    assert "The company is saved." in response.get_data(as_text=True)
    edited = company(db, scheduled.id, "KR-01")
    assert (edited.name, edited.name_latin, edited.max_meetings) == ("뮤텍코리아", "Mutec Korea", 3)
    assert [(c.id, c.email) for c in edited.contacts] == contacts


def test_an_edit_breaking_a_meeting_is_refused_naming_it(console, db, scheduled, pair_meeting):
    mutec = company(db, scheduled.id, "KR-01")
    url = f"/organizer/events/{scheduled.id}/companies/{mutec.id}/edit"
    response = console.submit(
        url,
        {
            "name": "뮤텍코리아",
            "country": "KR",
            "languages": "ko; en",
            "seminars": "",
            "unavailable": "2019-10-28T13:00/2019-10-28T15:00",
        },
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "뮤텍코리아 is not available from Mon, 28 Oct 2019 13:00 KST to 15:00 KST." in text
    assert company(db, scheduled.id, "KR-01").unavailable == []


def test_the_organizer_withdraws_a_company_from_the_companies_list(console, db, scheduled, pair_meeting):
    listing = f"/organizer/events/{scheduled.id}/companies"
    arkema = company(db, scheduled.id, "FR-03")
    action = f"/organizer/events/{scheduled.id}/companies/{arkema.id}/withdraw"
    assert f'action="{action}"' in console.get(listing).get_data(as_text=True)

    asked = console.submit(action, {}, page=listing)
    assert (
        "Withdraw Arkema?" in asked.get_data(as_text=True)
        and company(db, scheduled.id, "FR-03").withdrawn_at is None
    )
    done = console.submit(action, {"confirm": "1"}, page=listing, follow_redirects=True)
    assert "Arkema is withdrawn: 1 meetings cancelled" in done.get_data(as_text=True)
    assert company(db, scheduled.id, "FR-03").withdrawn_at is not None
    assert pair_meeting("KR-03", "FR-03").status == "cancelled"
    assert f'action="{action}"' not in console.get(listing).get_data(as_text=True)


def _value(page: str, name: str) -> str:
    found = re.search(rf'name="{name}"[^>]*value="([^"]*)"', page)
    return found.group(1) if found else ""
