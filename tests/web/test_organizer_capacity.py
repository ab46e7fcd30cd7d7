"""The capacity planner page: the bounds and "+1" gains of the week as registered, in English and Korean."""

from __future__ import annotations

import re

from matcher.capacity import plan_capacity
from schedules.lookup import current_instance
from tests.web.helpers import FormClient
from tests.web.organizer_fixtures import console, scheduled  # noqa: F401


def test_the_planner_shows_the_bounds_and_each_sessions_gain(console, db, scheduled):
    report = plan_capacity(current_instance(db, scheduled.id))
    page = console.get(f"/organizer/events/{scheduled.id}/capacity").get_data(as_text=True)
    assert f"{report.requests_bound} / {report.requested}" in page
    assert f"{report.must_bound} / {report.must}" in page
    for session in report.sessions:
        assert session.title in page
        assert f"{session.slots} × {session.tables} = {session.capacity}" in page
    rows = re.findall(r"about \+[\d.]+ requests met|no gain", page)
    assert len(rows) == len(report.sessions) + len(report.interpreters)


def test_the_planner_speaks_korean(app, organizer_account, scheduled):
    korean = FormClient(app, language="ko")
    korean.login(organizer_account.email)
    page = korean.get(f"/organizer/events/{scheduled.id}/capacity").get_data(as_text=True)
    assert "성사 가능한 신청 쌍" in page and "테이블 1개 추가 시" in page
