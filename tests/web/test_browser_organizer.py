"""In a real browser: an organizer generates the schedule, watches it run, moves and locks a meeting,
publishes; then the company finds that meeting, at its new place, in its agenda."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.web.browser import ARTIFACTS, chromium, live_server
from tests.web.helpers import PASSWORD

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def sign_in(page, base: str, email: str) -> None:
    page.goto(base + "/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(PASSWORD)
    page.locator("form button[type=submit], form input[type=submit]").last.click()


def test_an_organizer_generates_adjusts_and_publishes_and_the_company_sees_it(
    app,
    db,
    example_event,
    organizer_account,
    company_account,
):
    mutec = next(c for c in example_event.companies if c.key == "KR-01")
    account = company_account(mutec)
    with live_server(app) as base, chromium() as browser:
        page = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}).new_page()
        sign_in(page, base, organizer_account.email)
        page.goto(f"{base}/organizer/events/{example_event.id}/solve")
        page.get_by_label("Time limit (seconds)").fill("5")
        page.get_by_role("button", name="Generate schedule").click()
        expect(page.get_by_role("heading", name="Generating the schedule")).to_be_visible()
        page.screenshot(path=ARTIFACTS / "organizer-solving.png", full_page=True)
        page.get_by_role("link", name="Review the schedule").wait_for(timeout=90_000)
        assert page.locator("tr.run-succeeded").count() == 1
        page.screenshot(path=ARTIFACTS / "organizer-solved.png", full_page=True)

        page.get_by_role("link", name="Review the schedule").click()
        page.get_by_role("link", name="한-프랑스 1:1 상담회 / Korea-France consultations").click()
        cell = page.locator("td.meeting", has_text="뮤텍코리아")
        cell.get_by_role("link").click()
        page.get_by_role("link", name="Move or swap").click()
        expect(page.get_by_role("status").filter(has_text="Moving 뮤텍코리아")).to_be_visible()
        page.screenshot(path=ARTIFACTS / "organizer-grid-moving.png", full_page=True)
        last_free = page.locator("td.free.offered").last
        slot, table = last_free.get_attribute("data-slot"), last_free.get_attribute("data-table")
        last_free.get_by_role("button", name="Here").click()
        moved_flash = page.get_by_text("The meeting is moved.")
        refused = page.get_by_text("Not saved: the change would break these rules.")
        taken = page.get_by_text("Not saved: another meeting already holds this place.")
        moved_flash.or_(refused).or_(taken).wait_for()
        if refused.is_visible() or taken.is_visible():
            # The last free place clashed with another meeting of one side: the refusal says what clashed.
            assert page.locator(".refusal li").first.inner_text().strip()
            page.screenshot(path=ARTIFACTS / "organizer-grid-refused.png", full_page=True)
            page.locator("td.free.offered").first.get_by_role("button", name="Here").click()
            slot = None
            page.get_by_text("The meeting is moved.").wait_for()
        moved = page.locator("td.meeting.edited", has_text="뮤텍코리아")
        assert moved.count() == 1
        if slot:
            assert page.locator(f'td.free[data-slot="{slot}"][data-table="{table}"]').count() == 0
        moved.get_by_role("link").click()
        page.get_by_role("button", name="Lock").click()
        page.get_by_text("The meeting is locked").wait_for()  # after the redirect has loaded
        when = page.locator(".meeting-card dd").first.inner_text()
        where = page.locator(".meeting-card dd").nth(1).inner_text()

        page.get_by_role("link", name="Dashboard").click()
        page.locator("#chart-countries").wait_for()
        page.wait_for_function(
            "window.Chart !== undefined && Chart.getChart(document.getElementById('chart-countries')) !== undefined"
        )
        page.get_by_role("button", name="Publish the schedule").click()
        page.get_by_role("heading", name="Publish the schedule?").wait_for()  # it asks first
        page.screenshot(path=ARTIFACTS / "organizer-publish-confirm.png", full_page=True)
        page.get_by_role("button", name="Publish the schedule").click()
        expect(page.get_by_text("The schedule is published").first).to_be_visible()
        page.screenshot(path=ARTIFACTS / "organizer-dashboard.png", full_page=True)

        phone = browser.new_context(
            locale="ko-KR", viewport=PHONE, extra_http_headers={"Accept-Language": "ko"}
        )
        mobile = phone.new_page()
        sign_in(mobile, base, account.email)
        mobile.goto(base + "/company/agenda")
        meeting = mobile.locator(".agenda li.meeting", has_text="Amplitude Systèmes")
        assert meeting.count() == 1
        text = meeting.inner_text()
        start = re.search(r"\d\d:\d\d", when).group(0)
        table = re.search(r"Table (\d+)", where).group(1)
        assert f"{start}–" in text and f"{table}번 테이블" in text  # where and when the organizer put it
        mobile.screenshot(path=ARTIFACTS / "organizer-published-company-agenda.png", full_page=True)

        korean = browser.new_context(
            locale="ko-KR", viewport=PHONE, extra_http_headers={"Accept-Language": "ko"}
        )
        console = korean.new_page()
        sign_in(console, base, organizer_account.email)
        console.goto(f"{base}/organizer/events/{example_event.id}/")
        assert console.locator("html").get_attribute("lang") == "ko"
        console.wait_for_function(
            "window.Chart !== undefined && Chart.getChart(document.getElementById('chart-must')) !== undefined"
        )
        console.screenshot(path=ARTIFACTS / "organizer-dashboard-ko-phone.png", full_page=True)
