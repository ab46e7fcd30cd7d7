"""In a real browser: moving a US meeting, the France session (which admits no US firm) highlights nothing, and
every place highlighted in the US session is one the validator accepts; the move there succeeds."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from models import ConsultationSession
from schedules.schedule_store import save_schedule
from tests.schedules.organizer.conftest import SCHEDULE
from tests.web.browser import ARTIFACTS, chromium, live_server
from tests.web.test_browser_organizer import sign_in
from tests.web.test_organizer_legal_places import US_MEETINGS, validator_accepts

pytestmark = pytest.mark.browser


def test_legal_places_only_in_move_mode(app, db, example_event, organizer_account):
    save_schedule(db, example_event, [*SCHEDULE, *US_MEETINGS])
    db.commit()
    us_pm = db.scalar(
        select(ConsultationSession).where(
            ConsultationSession.event_id == example_event.id, ConsultationSession.key == "US-PM"
        )
    )
    with live_server(app) as base, chromium() as browser:
        page = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}).new_page()
        sign_in(page, base, organizer_account.email)
        page.goto(f"{base}/organizer/events/{example_event.id}/schedule/sessions/{us_pm.id}")
        page.locator("td.meeting", has_text="Wabtec").get_by_role("link").click()
        page.get_by_role("link", name="Move or swap").click()
        expect(page.get_by_role("status").filter(has_text="Moving 코리아레일텍 – Wabtec")).to_be_visible()

        page.locator("select[data-navigate]").select_option(
            label="Mon, 28 Oct 2019 · 한-프랑스 1:1 상담회 / Korea-France consultations"
        )
        page.get_by_text("No place in this session keeps every rule").wait_for()
        assert page.locator("td.offered").count() == 0
        assert page.get_by_role("button", name="Here").count() == 0
        assert page.get_by_role("button", name="Swap").count() == 0
        assert page.locator("td.meeting").count() == 3  # the France meetings are there, none offered
        page.screenshot(path=ARTIFACTS / "organizer-move-france-nothing-offered.png", full_page=True)

        page.locator("select[data-navigate]").select_option(
            label="Tue, 29 Oct 2019 · 한-미 1:1 상담회 / Korea-US consultations"
        )
        page.locator("td.offered").first.wait_for()
        offered = page.locator("td.free.offered")
        assert offered.count() == page.get_by_role("button", name="Here").count() > 0
        cells = [
            (
                cell.get_attribute("data-slot"),
                int(cell.get_attribute("data-table")),
                cell.locator("input[name=interpreter]").get_attribute("value"),
            )
            for cell in offered.all()
        ]
        meeting_id = int(page.url.split("move=")[1])
        assert all(
            validator_accepts(db, example_event.id, meeting_id, None, "US-PM", *cell) for cell in cells
        )
        page.screenshot(path=ARTIFACTS / "organizer-move-us-offered.png", full_page=True)

        offered.last.get_by_role("button", name="Here").click()
        page.get_by_text("The meeting is moved.").wait_for()
        moved = page.locator("td.meeting.edited", has_text="Wabtec")
        assert moved.count() == 1
        slot, table, _interpreter = cells[-1]
        assert page.locator(f'td.meeting[data-meeting="{meeting_id}"]').count() == 1
        assert page.locator(f'td.free[data-slot="{slot}"][data-table="{table}"]').count() == 0
