"""A company registers for the week: profile, contacts, half-days, seminars, account; bad input is kept and explained."""

from __future__ import annotations

from sqlalchemy import select

from models import NO_PASSWORD, Account, Company
from schedules.company.presence import half_days


def form_for(event, **changes) -> dict:
    """A complete Korean registration, as a person would fill it in."""
    data = {
        "name": "새한정밀",
        "name_latin": "Saehan Precision",
        "country": "KR",
        "sectors": [event.sectors[0].code],
        "interests": [event.sectors[1].code],
        "description": "정밀 부품 제조",
        "website": "https://saehan.example.kr",
        "contacts-0-name": "김민준",
        "contacts-0-email": "minjun@saehan.example.kr",
        "contacts-0-phone": "+82 2 555 0101",
        "contacts-0-languages": ["ko", "en"],
        "present": [h.key for h in half_days(event)],
        "seminars": [str(event.seminars[0].id)],
        "max_meetings": "5",
        "email": "minjun@saehan.example.kr",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_registration_stores_the_company_and_its_account_without_a_password(client, db, example_event):
    url = f"/events/{example_event.id}/register"
    absent = half_days(example_event)[0]
    present = [h.key for h in half_days(example_event) if h != absent]
    response = client.submit(url, form_for(example_event, present=present))
    assert response.status_code == 302, response.get_data(as_text=True)
    company = db.scalar(select(Company).where(Company.name == "새한정밀"))
    assert company.name_latin == "Saehan Precision" and company.country == "KR"
    assert company.key.startswith("KR-") and company.languages == ["ko", "en"]
    assert [c.name for c in company.contacts] == ["김민준"]
    assert [(w.start_at, w.end_at) for w in company.unavailable] == [(absent.start, absent.end)]
    assert [s.id for s in company.seminars] == [example_event.seminars[0].id]
    assert company.max_meetings == 5
    account = db.scalar(select(Account).where(Account.company_id == company.id))
    assert account.email == "minjun@saehan.example.kr" and account.role == "company"
    assert account.password_hash == NO_PASSWORD  # chosen from the mailed link
    assert response.headers["Location"] == f"/events/{example_event.id}/registered"
    assert "Look in your mailbox" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_bad_registration_names_each_field_keeps_the_input_and_saves_nothing(client, db, example_event):
    url = f"/events/{example_event.id}/register"
    bad = form_for(
        example_event,
        name="",
        name_latin="",
        website="not a site",
        max_meetings="0",
        **{"contacts-0-languages": None, "contacts-1-name": "Second Person"},
        email="not an address",
        description="<script>alert(1)</script>",
    )
    response = client.submit(url, bad)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    for message in (
        "Enter a full address, such as https://example.com.",
        "Between 1 and 40 meetings.",
        "Enter a valid email address.",
        "Choose at least one language the person speaks.",
        "Enter an email address.",
    ):
        assert message in page, message
    assert "Second Person" in page and "minjun@saehan.example.kr" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert" not in page
    assert db.scalar(select(Company).where(Company.name == "Second Person")) is None
    assert db.scalars(select(Account)).all() == []


def test_a_company_needs_a_name_in_one_script(client, db, example_event):
    response = client.submit(
        f"/events/{example_event.id}/register", form_for(example_event, name="", name_latin="")
    )
    assert response.status_code == 422
    assert "Give the company&#39;s name in Hangul or in Latin letters (or both)." in response.get_data(
        as_text=True
    )
    assert db.scalars(select(Account)).all() == []


def test_errors_are_shown_in_korean_to_a_korean_browser(app, db, example_event):
    from tests.web.helpers import FormClient

    korean = FormClient(app, language="ko-KR,ko;q=0.9")
    response = korean.submit(
        f"/events/{example_event.id}/register", form_for(example_event, email="주소 아님")
    )
    page = response.get_data(as_text=True)
    assert '<html lang="ko">' in page
    assert "올바른 이메일 주소를 입력하세요." in page


def test_registration_closes_when_the_schedule_is_published(client, db, example_event):
    example_event.state = "published"
    db.commit()
    response = client.get(f"/events/{example_event.id}/register")
    assert response.status_code == 409
    assert client.get("/events/999/register").status_code == 404
