"""In a real browser under the app's own Content-Security-Policy: the print view is styled from its linked
stylesheet, and a 300-character company name neither blows up a grid row nor hides the full name."""

from __future__ import annotations

import pytest

from tests.web.browser import chromium, live_server
from tests.web.organizer_fixtures import scheduled  # noqa: F401
from tests.web.test_browser_organizer import sign_in

pytestmark = pytest.mark.browser
LONG_NAME = ("Hanbit" + "Semiconductor" * 23)[:300]  # the longest name a company can have, without a space


def test_the_print_view_is_styled_under_the_content_security_policy(app, world):
    with live_server(app) as base, chromium() as browser:
        page = browser.new_context(locale="en-GB").new_page()
        refused = []
        page.on(
            "console",
            lambda message: refused.append(message.text) if "Content Security" in message.text else None,
        )
        sign_in(page, base, world.b_email)
        response = page.goto(base + "/company/agenda/print")
        assert "style-src 'self'" in response.headers["content-security-policy"]
        heading = page.locator("h1")
        # print.css: h1 is 18pt in dark blue, and the Latin name sits apart; unstyled it would be the browser's
        assert heading.evaluate("e => getComputedStyle(e).color") == "rgb(29, 59, 88)"
        assert heading.evaluate("e => getComputedStyle(e).fontSize") == "24px"
        border = page.locator("header.page").evaluate("e => getComputedStyle(e).borderBottomStyle")
        assert border == "solid"
        assert refused == []


def test_a_300_character_name_keeps_the_grid_row_short_and_whole_in_its_title(
    app, db, organizer_account, scheduled
):
    mutec = next(c for c in scheduled.companies if c.key == "KR-01")
    mutec.name = LONG_NAME
    db.commit()
    session = next(s for s in scheduled.sessions if s.key == "FR-PM")
    with live_server(app) as base, chromium() as browser:
        page = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}).new_page()
        sign_in(page, base, organizer_account.email)
        page.goto(f"{base}/organizer/events/{scheduled.id}/schedule/sessions/{session.id}")
        cell = page.locator("td.meeting", has=page.locator(f'[title="{LONG_NAME}"]'))
        assert cell.count() == 1
        rows = page.locator("table.grid tbody tr")
        heights = [rows.nth(i).bounding_box()["height"] for i in range(rows.count())]
        assert max(heights) < 2 * min(heights)  # the long name's row is no taller than a couple of lines
        assert page.evaluate("document.querySelector('table.grid').scrollWidth <= window.innerWidth")
        name = page.locator(f'span[title="{LONG_NAME}"]')
        assert name.evaluate("e => e.scrollWidth > e.clientWidth")  # cut with an ellipsis
        assert name.inner_text() == LONG_NAME  # cut on screen, not in the text
