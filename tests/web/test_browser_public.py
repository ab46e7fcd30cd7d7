"""In a real browser: a visitor finds the open and published events on the home page and clicks through, while a
draft stays out of sight (its address answers 404); the organizer's sector chart labels every bar."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from models import Sector
from tests.web.browser import ARTIFACTS, chromium, live_server
from tests.web.organizer_fixtures import scheduled  # noqa: F401
from tests.web.test_browser_organizer import sign_in
from tests.web.test_public_pages import stored_event

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def test_a_draft_event_is_not_reachable_from_the_public_list(app, db, example_event):
    draft = stored_event(db, "draft-2020", "Draft week 2020", "draft")
    stored_event(db, "published-2019", "Published week 2019", "published")
    with live_server(app) as base, chromium() as browser:
        page = browser.new_context(locale="en-GB", extra_http_headers={"Accept-Language": "en"}).new_page()
        page.goto(base + "/")
        cards = page.locator(".event-card")
        assert cards.count() == 2
        expect(page.get_by_role("link", name="Published week 2019")).to_be_visible()
        assert page.get_by_text("Draft week 2020").count() == 0
        page.screenshot(path=ARTIFACTS / "public-events.png", full_page=True)

        opened = cards.filter(has_text="Open for registration")
        opened.get_by_role("link", name="See the programme").click()
        page.wait_for_url(f"**/events/{example_event.id}")
        expect(page.get_by_role("heading", name=example_event.name)).to_be_visible()
        page.get_by_role("link", name="Register your company").click()
        page.wait_for_url(f"**/events/{example_event.id}/register")

        assert page.goto(f"{base}/events/{draft.id}").status == 404
        assert page.goto(f"{base}/events/{draft.id}/register").status == 404

        phone = browser.new_context(
            viewport=PHONE, locale="ko-KR", extra_http_headers={"Accept-Language": "ko"}
        )
        mobile = phone.new_page()
        mobile.goto(base + "/")
        assert mobile.locator(".event-card").count() == 2
        assert mobile.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        mobile.screenshot(path=ARTIFACTS / "public-events-phone.png", full_page=True)


def test_every_sector_bar_of_the_dashboard_is_labelled(app, db, scheduled, organizer_account):
    kr01 = next(c for c in scheduled.companies if c.key == "KR-01")
    for n in range(20):
        sector = Sector(
            code=f"extra-{n}", name_en=f"Korea-France cooperation field number {n}", position=100 + n
        )
        scheduled.sectors.append(sector)
        kr01.sectors.append(sector)
    db.commit()
    with live_server(app) as base, chromium() as browser:
        for viewport in ({"width": 1280, "height": 900}, PHONE):
            page = browser.new_context(locale="en-GB", viewport=viewport).new_page()
            sign_in(page, base, organizer_account.email)
            page.goto(f"{base}/organizer/events/{scheduled.id}/")
            page.locator("#chart-sectors").wait_for()
            page.wait_for_function("() => window.Chart && Chart.getChart('chart-sectors')")
            labels, ticks = page.evaluate(
                "() => { const scale = Chart.getChart('chart-sectors').scales.y;"
                " return [scale.getLabels().length, scale.ticks.length]; }"
            )
            assert labels >= 20 and ticks == labels
            page.screenshot(path=ARTIFACTS / f"dashboard-sectors-{viewport['width']}.png", full_page=True)
