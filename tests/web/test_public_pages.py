"""Public pages follow the event's state: open and published events are listed, a draft is nobody's business;
imports and the registration form check codes and report every mistake in one answer; the console's tabs are
named apart; the site has an icon."""

from __future__ import annotations

import io
import re
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from matcher.formats.instance_io import load_instance
from models import Company, Sector
from schedules.event_store import store_instance
from tests.conftest import EXAMPLE_INSTANCE
from tests.web.helpers import FormClient
from tests.web.organizer_fixtures import console  # noqa: F401
from tests.web.test_company_registration import form_for


def stored_event(db, key: str, name: str, state: str):
    instance = load_instance(EXAMPLE_INSTANCE)
    instance = replace(instance, event=replace(instance.event, id=key, name=name))
    event = store_instance(db, instance)
    event.state = state
    db.commit()
    return event


@pytest.fixture
def draft(db):
    return stored_event(db, "draft-2020", "Draft week 2020", "draft")


def company_count(db, event) -> int:
    return db.scalar(select(func.count(Company.id)).where(Company.event_id == event.id))


def test_the_home_page_lists_open_and_published_events_with_dates_place_and_state(
    db, app, example_event, draft
):
    published = stored_event(db, "published-2019", "Published week 2019", "published")
    published.venue_name, published.venue_address = "COEX Hall B", "513 Yeongdong-daero, Seoul"
    db.commit()

    page = FormClient(app, language="en").get("/").get_data(as_text=True)
    assert example_event.name in page and "Published week 2019" in page
    assert "Draft week 2020" not in page and f"/events/{draft.id}" not in page
    card = page[page.index(f'data-event="{published.id}"') :]
    assert "Oct 28\u2009–\u200930, 2019" in card and "COEX Hall B, 513 Yeongdong-daero, Seoul" in card
    assert "Schedule published: registered companies find their agenda after signing in." in card
    assert f"/events/{published.id}/register" not in page  # closed once published
    assert "Open for registration: companies register and ask to meet partners." in page
    assert f"/events/{example_event.id}/register" in page

    korean = FormClient(app, language="ko").get("/").get_data(as_text=True)
    assert "2019년 10월 28일~30일" in korean and "참가 신청 접수 중" in korean


def test_with_only_a_draft_the_home_page_says_no_event_is_open(app, draft):
    page = FormClient(app, language="en").get("/").get_data(as_text=True)
    assert "No event is open yet." in page and "Draft week 2020" not in page


def test_a_draft_is_not_reachable_and_takes_no_registration(db, app, draft):
    client = FormClient(app)
    assert client.get(f"/events/{draft.id}").status_code == 404
    assert client.get(f"/events/{draft.id}/register").status_code == 404
    answer = client.post(
        f"/events/{draft.id}/register", data={"csrf_token": client.token("/login"), **form_for(draft)}
    )
    assert answer.status_code == 404
    assert company_count(db, draft) == len(load_instance(EXAMPLE_INSTANCE).companies)


def test_a_company_of_a_draft_event_cannot_browse_partners(db, app, draft, company_account):
    company = draft.companies[0]
    account = company_account(company)
    client = FormClient(app)
    client.login(account.email)
    assert client.get("/company/").headers["Location"].endswith("/company/profile")
    assert client.get("/company/partners").status_code == 404
    assert client.get(f"/company/partners/{draft.companies[6].id}").status_code == 404
    assert 'href="/company/partners"' not in client.get("/company/profile").get_data(as_text=True)

    draft.state = "open"
    db.commit()
    assert client.get("/company/partners").status_code == 200
    assert 'href="/company/partners"' in client.get("/company/profile").get_data(as_text=True)


def test_an_import_with_an_unknown_country_and_sector_is_refused_with_the_errors_first(
    console, db, example_event
):
    url = f"/organizer/events/{example_event.id}/companies/import"
    page = f"/organizer/events/{example_event.id}/companies"
    bad = (
        "id,name,country,languages,sectors,interests\n"
        "ZZ-01,Nowhere Ltd,ZZ,en,display,\n"
        "FR-09,Fusée SA,FR,fr,rocket-science,display; time-travel\n"
    ).encode("utf-8-sig")
    sectors_before = db.scalar(select(func.count(Sector.id)).where(Sector.event_id == example_event.id))

    response = console.submit(
        url, {"file": (io.BytesIO(bad), "bad.csv")}, page=page, content_type="multipart/form-data"
    )

    text = response.get_data(as_text=True)
    assert response.status_code == 422
    errors = re.search(
        r'<section class="refusal import-errors" id="import-errors" role="alert">(.*?)</section>', text, re.S
    )
    assert errors, "the refusal is listed in its own block"
    listed = errors.group(1)
    assert "Row 2, column country: &#39;ZZ&#39; is not an ISO 3166 country code" in listed
    assert "Row 3, column sectors: &#39;rocket-science&#39; is not one of the event&#39;s sectors" in listed
    assert "Row 3, column interests: &#39;time-travel&#39; is not one of the event&#39;s sectors" in listed
    assert "nothing was saved" in listed
    assert errors.start() < text.index('<table class="data">') < text.index('enctype="multipart/form-data"')
    assert db.scalar(select(Company.id).where(Company.key.in_(("ZZ-01", "FR-09")))) is None
    assert (
        db.scalar(select(func.count(Sector.id)).where(Sector.event_id == example_event.id)) == sectors_before
    )


def test_the_registration_form_reports_every_mistake_in_one_answer(
    client, db, example_event, company_account
):
    company_account(example_event.companies[0], email="taken@example.com")
    url = f"/events/{example_event.id}/register"
    response = client.submit(
        url,
        form_for(
            example_event,
            name="",
            name_latin="",
            website="not a website",
            email="Taken@example.com",
            **{"contacts-0-languages": []},
        ),
    )
    text = response.get_data(as_text=True)
    assert response.status_code == 422
    for message in (
        "Give the company&#39;s name in Hangul or in Latin letters (or both).",
        "Enter a full address, such as https://example.com.",
        "Choose at least one language the person speaks.",
    ):
        assert message in text, message
    assert "already" not in text  # a taken address is never revealed: its owner gets a mail instead
    assert company_count(db, example_event) == len(load_instance(EXAMPLE_INSTANCE).companies)


def test_a_country_outside_iso_3166_is_not_offered_nor_taken_at_registration(client, db, example_event):
    example_event.sessions[0].countries = None  # a session open to every country
    db.commit()
    url = f"/events/{example_event.id}/register"
    page = client.get(url).get_data(as_text=True)
    assert 'value="FR"' in page and 'value="ZZ"' not in page and "Unknown Region" not in page
    response = client.submit(url, form_for(example_event, country="ZZ"))
    assert response.status_code == 422
    assert company_count(db, example_event) == len(load_instance(EXAMPLE_INSTANCE).companies)


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("state", ["open", "published"])
def test_the_console_tabs_have_distinct_names(app, db, example_event, organizer_account, language, state):
    example_event.state = state
    db.commit()
    client = FormClient(app, language=language)
    client.login(organizer_account.email)
    page = client.get(f"/organizer/events/{example_event.id}/").get_data(as_text=True)
    tabs = re.search(r'<nav class="tabs"[^>]*>(.*?)</nav>', page, re.S).group(1)
    names = [name.strip() for name in re.findall(r"<a [^>]*>([^<]+)</a>", tabs)]
    assert len(names) >= 12
    assert len(names) == len(set(names)), names
    if language == "ko":
        assert "행사 구성" in names and "환경 설정" in names


def test_the_favicon_is_linked_and_served_with_caching(app):
    client = FormClient(app)
    page = client.get("/").get_data(as_text=True)
    assert '<link rel="icon" href="/favicon.svg" type="image/svg+xml">' in page
    assert 'href="/favicon.png" type="image/png"' in page
    svg = client.get("/favicon.svg")
    assert svg.status_code == 200 and svg.mimetype == "image/svg+xml" and b"<svg" in svg.data
    assert svg.cache_control.max_age == 7 * 24 * 3600 and svg.cache_control.public
    for address in ("/favicon.png", "/favicon.ico"):
        png = client.get(address)
        assert png.status_code == 200 and png.mimetype == "image/png"
        assert png.data.startswith(b"\x89PNG") and png.cache_control.max_age == 7 * 24 * 3600
