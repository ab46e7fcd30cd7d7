"""Repair from the console: the preview page lists each company's changes, "apply" writes them at once, and
an unpublished event or a schedule changed since the preview is refused with the reason."""

from __future__ import annotations

import html
import re
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from models import Company, Meeting, Unavailability
from schedules.organizer.editing import cancel_meeting
from schedules.organizer.publishing import set_state
from tests.web.organizer_fixtures import console, pair_meeting, scheduled  # noqa: F401

SEOUL = ZoneInfo("Asia/Seoul")


def publish_with_kr01_away(db, event) -> None:
    """Publish, then KR-01 becomes unavailable when it meets FR-01 (13:30 on the 28th)."""
    set_state(db, event.id, "published")
    company = db.scalar(select(Company).where(Company.event_id == event.id, Company.key == "KR-01"))
    start = datetime(2019, 10, 28, 13, 30, tzinfo=SEOUL)
    db.add(Unavailability(company_id=company.id, start_at=start, end_at=start.replace(minute=59)))
    db.commit()


def plan_of(page: str) -> str:
    return html.unescape(re.search(r'name="plan" value="([^"]*)"', page).group(1))


def meetings(db, event_id: int) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(Meeting).where(Meeting.event_id == event_id))


def test_an_unpublished_event_is_refused_with_a_clear_message(console, scheduled):
    response = console.get(f"/organizer/events/{scheduled.id}/repair")
    assert response.status_code == 409
    assert "Only a published schedule is repaired" in response.get_data(as_text=True)


def test_the_preview_shows_each_changed_company_and_apply_writes_it(console, db, scheduled, pair_meeting):
    publish_with_kr01_away(db, scheduled)
    url = f"/organizer/events/{scheduled.id}/repair"
    row = pair_meeting("KR-01", "FR-01")
    row_id, start = row.id, row.start_at
    page = console.get(url).get_data(as_text=True)
    assert "Changes per company" in page and "Apply the repair" in page
    assert 'id="repair-moved">1<' in page and "뮤텍코리아" in page  # KR-01, by name
    assert meetings(db, scheduled.id) == 3  # the preview wrote nothing

    response = console.post(url, data={"csrf_token": console.token(url), "plan": plan_of(page)})
    assert response.status_code == 302 and response.headers["Location"].endswith("/schedule")
    moved = pair_meeting("KR-01", "FR-01")
    assert moved.id == row_id and moved.sequence == 1 and moved.start_at != start
    assert meetings(db, scheduled.id) > 3
    assert "Repair applied" in console.get(response.headers["Location"]).get_data(as_text=True)


def test_an_edit_after_the_preview_makes_apply_a_409_naming_the_reason(console, db, scheduled, pair_meeting):
    publish_with_kr01_away(db, scheduled)
    url = f"/organizer/events/{scheduled.id}/repair"
    page = console.get(url).get_data(as_text=True)
    cancel_meeting(db, scheduled.id, pair_meeting("KR-03", "FR-03").id)

    response = console.post(
        url,
        data={"csrf_token": console.token(f"/organizer/events/{scheduled.id}/solve"), "plan": plan_of(page)},
    )
    assert response.status_code == 409
    assert "changed since this preview" in response.get_data(as_text=True)
    assert meetings(db, scheduled.id) == 3 and pair_meeting("KR-01", "FR-01").sequence == 0


def test_a_plan_the_page_did_not_make_is_refused(console, db, scheduled):
    publish_with_kr01_away(db, scheduled)
    url = f"/organizer/events/{scheduled.id}/repair"
    response = console.post(
        url, data={"csrf_token": console.token(f"/organizer/events/{scheduled.id}/solve"), "plan": "forged"}
    )
    assert response.status_code == 422
    assert meetings(db, scheduled.id) == 3
