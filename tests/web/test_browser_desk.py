"""In a real browser on a phone: the desk checks companies in, marks a no-show, books a standby pair; the
calendar feeds of the company left waiting and of the standby company both change."""

from __future__ import annotations

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from schedules.company import feeds
from tests.web.browser import ARTIFACTS, chromium, live_server
from tests.web.test_browser_organizer import sign_in

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def feed_events(app, token: str) -> dict[str, tuple[str, int, str]]:
    calendar = Calendar.from_ical(app.test_client().get(f"/feeds/{token}.ics").data)
    return {
        str(e["UID"]): (str(e.get("STATUS", "")), int(e.get("SEQUENCE", 0)), str(e["SUMMARY"]))
        for e in calendar.walk("VEVENT")
        if str(e["UID"]).startswith("meeting-")
    }


def test_on_a_phone_the_desk_checks_in_marks_a_no_show_and_books_a_standby_pair(
    app, db, world, organizer_account
):
    by_key = {c.key: c for c in world.event.companies}
    waiting, standby = feeds.renew_feed(db, world.a.id).token, feeds.renew_feed(db, by_key["KR-02"].id).token
    waiting_before, standby_before = feed_events(app, waiting), feed_events(app, standby)
    assert len(waiting_before) == 1 and standby_before == {}
    with live_server(app) as base, chromium() as browser:
        page = browser.new_context(locale="en-GB", viewport=PHONE).new_page()
        sign_in(page, base, organizer_account.email)
        page.goto(f"{base}/organizer/events/{world.event.id}/desk?day=2019-10-28")
        for typed, name in (
            ("뮤텍", "뮤텍코리아"),
            ("한양", "한양대학교 자율주행 연구실"),
            ("valeo", "Valeo"),
        ):
            page.get_by_role("searchbox", name="Company name").fill(typed)
            page.get_by_role("button", name="Search").click()
            page.get_by_role("button", name=f"Check in {name}").click()
            expect(page.get_by_text("Checked in.")).to_be_visible()
            expect(page.get_by_role("button", name=f"Undo the check-in of {name}")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=ARTIFACTS / "desk-phone.png", full_page=True)

        page.get_by_role("link", name="Meetings of the day: no-shows and standby pairs").click()
        page.get_by_role("searchbox", name="Company name").fill("뮤텍")
        page.get_by_role("button", name="Search").click()
        page.screenshot(path=ARTIFACTS / "desk-meetings-phone.png", full_page=True)
        page.get_by_role("button", name="Amplitude Systèmes did not come").click()
        expect(page.get_by_role("heading", name="Standby pairs")).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=ARTIFACTS / "desk-standby-phone.png", full_page=True)
        page.get_by_role("button", name="Book 한양대학교 자율주행 연구실 and Valeo").click()
        assert page.get_by_text("Booked: 한양대학교 자율주행 연구실 and Valeo meet at table 1;").is_visible()

    waiting_after, standby_after = feed_events(app, waiting), feed_events(app, standby)
    [(uid, (status, sequence, _summary))] = waiting_after.items()
    assert uid in waiting_before and (status, sequence) == ("CANCELLED", 1)
    [(new_uid, (status, sequence, summary))] = standby_after.items()
    assert new_uid != uid and status != "CANCELLED" and "Valeo" in summary
