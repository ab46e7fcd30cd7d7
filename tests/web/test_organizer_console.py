"""The console's pages: only organizers open them, in Korean or English, never a traceback."""

from __future__ import annotations

import pytest

from tests.web.helpers import FormClient
from tests.web.organizer_fixtures import console, pair_meeting, scheduled  # noqa: F401

PAGES = [
    "/organizer/",
    "/organizer/events/new",
    "/organizer/events/{e}/",
    "/organizer/events/{e}/setup",
    "/organizer/events/{e}/settings",
    "/organizer/events/{e}/companies",
    "/organizer/events/{e}/requests",
    "/organizer/events/{e}/solve",
    "/organizer/events/{e}/schedule",
    "/organizer/events/{e}/capacity",
]


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_for_an_organizer(console, scheduled, page):
    response = console.get(page.format(e=scheduled.id))
    assert response.status_code == 200
    assert 'lang="en"' in response.get_data(as_text=True)


def test_anonymous_visitors_are_sent_to_sign_in_and_companies_are_refused(
    app, client, scheduled, company_account
):
    assert client.get(f"/organizer/events/{scheduled.id}/").status_code == 302
    company = FormClient(app)
    company.login(company_account(scheduled.companies[0]).email)
    assert company.get(f"/organizer/events/{scheduled.id}/").status_code == 403
    assert company.get("/organizer/").status_code == 403


def test_an_unknown_event_or_row_is_a_404_page(console, scheduled, pair_meeting):
    assert console.get("/organizer/events/999/").status_code == 404
    assert console.get(f"/organizer/events/{scheduled.id}/companies/99999").status_code == 404
    assert console.get(f"/organizer/events/{scheduled.id}/meetings/99999").status_code == 404
    assert console.get(f"/organizer/events/{scheduled.id}/setup/sessions/99999").status_code == 404


def test_the_dashboard_speaks_korean_to_a_korean_browser(app, organizer_account, scheduled):
    korean = FormClient(app, language="ko")
    korean.login(organizer_account.email)
    page = korean.get(f"/organizer/events/{scheduled.id}/").get_data(as_text=True)
    assert 'lang="ko"' in page
    assert "현황" in page and "Dashboard" not in page


def test_the_grid_shows_meetings_at_their_tables_in_the_event_zone(console, scheduled, pair_meeting):
    meeting = pair_meeting("KR-03", "FR-03")
    page = console.get(f"/organizer/events/{scheduled.id}/schedule/sessions/{meeting.session_id}").get_data(
        as_text=True
    )
    assert "13:30–16:30 KST" in page
    cell = page[page.index(f'data-meeting="{meeting.id}"') :]
    assert "대한정밀화학" in cell[:400] and "Arkema" in cell[:400]


def test_the_dashboard_counts_must_requests_and_companies_without_meetings(console, scheduled):
    page = console.get(f"/organizer/events/{scheduled.id}/").get_data(as_text=True)
    # Met: KR-01->FR-01, FR-01->KR-01, KR-02->FR-02; not met: KR-04->US-03, KR-05->US-02.
    assert '<span class="value" data-figure="must">3 / 5</span>' in page
    assert '<span class="value" data-figure="meetings">3</span>' in page
    assert "Broadcom" in page.split("Companies with no meeting")[1]
