"""In a real browser: a company accepts and declines requests, declines a suggested meeting that the next
Generate then never schedules, and reads in Korean why its requests did not become meetings."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from models import ACTIVE, Meeting, MeetingRequest
from schedules.company.requests import send_request
from tests.web.browser import ARTIFACTS, chromium, live_server
from tests.web.test_browser_organizer import sign_in
from tests.web.test_consent import companies, draft_with_a_suggestion, request_between, solved_pairs

pytestmark = pytest.mark.browser


def test_a_company_accepts_one_request_and_declines_another(app, db, example_event, company_account):
    example_event.requests_need_answer = True
    db.commit()
    by_key = companies(example_event)
    fr01 = by_key["FR-01"]
    accepted = send_request(db, by_key["KR-03"].id, fr01.id, 2)
    declined = send_request(db, by_key["KR-06"].id, fr01.id, 1)
    account = company_account(fr01)
    with live_server(app) as base, chromium() as browser:
        page = browser.new_context(locale="en-GB").new_page()
        sign_in(page, base, account.email)
        page.goto(base + "/company/requests")
        assert page.locator(f'[data-request="{accepted.id}"] .answer').inner_text() == "waiting for an answer"

        page.locator(f'[data-request="{accepted.id}"]').get_by_role("button", name="Accept").click()
        page.get_by_text("You accepted the request.").wait_for()
        page.locator(f'[data-request="{declined.id}"]').get_by_role("button", name="Decline").click()
        page.get_by_text("You declined the request: it will not be scheduled.").wait_for()

        assert page.locator(f'[data-request="{accepted.id}"] .answer').inner_text() == "accepted"
        assert page.locator(f'[data-request="{declined.id}"] .answer').inner_text() == "declined"
        page.screenshot(path=ARTIFACTS / "company-requests-answered.png", full_page=True)
    db.expire_all()
    assert db.get(MeetingRequest, accepted.id).answer == "accepted"
    assert db.get(MeetingRequest, declined.id).answer == "declined"


def test_a_declined_suggested_pair_is_never_scheduled_after_generate(
    app, db, example_event, organizer_account, company_account
):
    assert frozenset(("KR-01", "US-03")) in solved_pairs(db, example_event)  # a sector fit nobody asked for
    draft_with_a_suggestion(db, example_event)
    by_key = companies(example_event)
    kr01, us03 = by_key["KR-01"], by_key["US-03"]
    account = company_account(kr01)
    with live_server(app) as base, chromium() as browser:
        company = browser.new_context(locale="en-GB").new_page()
        sign_in(company, base, account.email)
        company.goto(base + "/company/requests")
        suggestion = company.locator(f'[data-suggested="{us03.id}"]')
        assert "Their interest in display matches your sectors." in suggestion.inner_text()
        suggestion.get_by_role("button", name="Decline this meeting").click()
        company.get_by_text("You declined the suggested meeting: it will not be scheduled.").wait_for()

        organizer = browser.new_context(locale="en-GB").new_page()
        sign_in(organizer, base, organizer_account.email)
        organizer.goto(f"{base}/organizer/events/{example_event.id}/solve")
        assert "1 declined suggestions" in organizer.locator("#consent").inner_text()
        organizer.get_by_label("Time limit (seconds)").fill("5")
        organizer.get_by_role("button", name="Generate schedule").click()
        organizer.get_by_role("link", name="Review the schedule").wait_for(timeout=90_000)
        assert organizer.locator("tr.run-succeeded").count() == 1
    db.expire_all()
    pairs = {
        frozenset((m.company_a_id, m.company_b_id))
        for m in db.scalars(
            select(Meeting).where(Meeting.event_id == example_event.id, Meeting.status == ACTIVE)
        )
    }
    assert pairs, "the solve scheduled the week"
    assert frozenset((kr01.id, us03.id)) not in pairs


def test_a_company_reads_why_its_requests_did_not_become_meetings_in_korean(app, db, world, company_account):
    by_key = companies(world.event)
    kr02 = by_key["KR-02"]
    request_between(db, kr02, by_key["US-01"]).answer = "declined"
    db.commit()
    account = company_account(kr02)
    with live_server(app) as base, chromium() as browser:
        page = browser.new_context(locale="ko-KR").new_page()
        sign_in(page, base, account.email)
        page.goto(base + "/company/requests")
        reasons = page.locator("#sent .reason")
        assert reasons.count() == 2
        texts = reasons.all_inner_texts()
        assert "일정에 없음: 요청이 거절되어 일정에 넣지 않았습니다." in texts
        assert "일정에 없음: 이 상담을 넣을 자리가 아직 비어 있습니다. 주최 측이 추가할 수 있습니다." in texts
        page.screenshot(path=ARTIFACTS / "company-requests-reasons-ko.png", full_page=True)
