"""In a real browser: a Korean company registers, chooses its password from the mailed link, signs in, asks
to meet partners, and after publication finds its table and time in its agenda, on a phone-sized screen."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from matcher.domain.schedule import Meeting as PlannedMeeting
from models import Company, OutgoingMail
from schedules.schedule_store import save_schedule
from tests.web.browser import ARTIFACTS, chromium, live_server

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}


def publish_meeting_with(db, event, company_key: str) -> None:
    """What the organizer does in the console, done directly: a meeting with Amplitude Systèmes, published."""
    save_schedule(
        db,
        event,
        [
            PlannedMeeting(
                (company_key, "FR-01"), "FR-PM", datetime(2019, 10, 28, 14), datetime(2019, 10, 28, 14, 30), 2
            )
        ],
    )
    event.state = "published"
    db.commit()


def test_a_korean_company_registers_asks_and_finds_its_table(app, db, example_event):
    with live_server(app) as base, chromium() as browser:
        context = browser.new_context(
            locale="ko-KR", extra_http_headers={"Accept-Language": "ko-KR,ko;q=0.9"}
        )
        page = context.new_page()
        page.goto(base + "/")
        assert page.locator("html").get_attribute("lang") == "ko"
        page.get_by_role("link", name="참가 신청").first.click()

        page.get_by_label("회사명 (한글)").fill("새한레이저")
        page.get_by_label("회사명 (영문)").fill("Saehan Laser")
        page.get_by_label("국가").select_option("KR")
        page.get_by_role("group", name="사업 분야").get_by_label("laser-processing").check()
        page.get_by_role("group", name="사업 분야").get_by_label("display").check()
        page.get_by_role("group", name="찾는 파트너 분야").get_by_label("laser-processing").check()
        page.get_by_label("회사 소개").fill("산업용 레이저 가공 장비")
        page.locator("#contacts-0-name").fill("박서준")
        page.locator("#contacts-0-email").fill("seojun@saehan.example.kr")
        person = page.locator(".person").first
        person.get_by_label("한국어").check()
        person.get_by_label("영어").check()
        page.locator("#email").fill("seojun@saehan")
        page.get_by_role("button", name="신청하기").click()
        expect(page.get_by_text("올바른 이메일 주소를 입력하세요.")).to_be_visible()
        assert page.get_by_label("회사명 (한글)").input_value() == "새한레이저"  # kept what was typed
        page.screenshot(path=ARTIFACTS / "company-register-error.png", full_page=True)

        page.locator("#email").fill("seojun@saehan.example.kr")
        page.get_by_role("button", name="신청하기").click()
        page.wait_for_url("**/registered")
        expect(page.get_by_role("heading", name="메일함을 확인하세요")).to_be_visible()
        mail = db.scalar(
            select(OutgoingMail.text).where(OutgoingMail.recipient == "seojun@saehan.example.kr")
        )
        page.goto(base + re.search(r"/password/reset/\S+", mail).group(0))
        page.locator("#password").fill("레이저 가공 2019!")
        page.locator("#confirm").fill("레이저 가공 2019!")
        page.locator("form button[type=submit], form input[type=submit]").last.click()
        page.get_by_label("이메일").fill("seojun@saehan.example.kr")
        page.get_by_label("비밀번호").fill("레이저 가공 2019!")
        page.get_by_role("button", name="로그인").click()
        page.wait_for_url("**/company/partners")

        suggested = page.locator(".suggested")
        card = suggested.locator(".card", has_text="Amplitude Systèmes")
        card.get_by_role("button", name="꼭 만나고 싶음").click()
        expect(page.get_by_text("상담을 신청했습니다: 꼭 만나고 싶음.")).to_be_visible()
        page.get_by_label("국가").select_option("US")
        page.get_by_role("button", name="찾기").click()
        page.locator(".card", has_text="Nvidia").get_by_role("button", name="만나고 싶음", exact=True).click()
        page.screenshot(path=ARTIFACTS / "company-partners.png", full_page=True)

        page.get_by_role("link", name="상담 신청").click()
        sent = page.locator("section", has_text="신청한 상담")
        expect(sent.get_by_text("Amplitude Systèmes")).to_be_visible()
        expect(sent.get_by_text("Nvidia")).to_be_visible()
        page.screenshot(path=ARTIFACTS / "company-requests.png", full_page=True)

        page.get_by_role("button", name="로그아웃").click()
        page.get_by_role("link", name="로그인").click()
        page.get_by_label("이메일").fill("seojun@saehan.example.kr")
        page.get_by_label("비밀번호").fill("레이저 가공 2019!")
        page.get_by_role("button", name="로그인").click()
        page.wait_for_url("**/company/partners")

        key = db.scalar(select(Company.key).where(Company.name == "새한레이저"))
        publish_meeting_with(db, example_event, key)

        phone = browser.new_context(
            locale="ko-KR",
            viewport=PHONE,
            extra_http_headers={"Accept-Language": "ko"},
            storage_state=context.storage_state(),
        )
        mobile = phone.new_page()
        mobile.goto(base + "/company/")
        mobile.wait_for_url("**/company/agenda")
        meeting = mobile.locator(".agenda li.meeting")
        assert meeting.count() == 1
        assert "2번 테이블" in meeting.inner_text() and "Amplitude Systèmes" in meeting.inner_text()
        assert "14:00–14:30 KST" in meeting.inner_text()
        assert "2019년 10월 28일 (월)" in mobile.content()
        mobile.screenshot(path=ARTIFACTS / "company-agenda-phone.png", full_page=True)

        with mobile.expect_popup() as printable:
            mobile.get_by_role("link", name="인쇄용 일정").click()
        printed = printable.value
        printed.wait_for_load_state()
        assert "Amplitude Systèmes" in printed.content()
        printed.screenshot(path=ARTIFACTS / "company-agenda-print.png", full_page=True)
