"""In a real browser, with a real SMTP server: the organizer imports companies, the invitation arrives, the
contact person chooses a password from its link and signs in; the organizer publishes and the agenda
arrives with a calendar file that parses; the console's mail log lists both."""

from __future__ import annotations

import re

import icalendar
import pytest
from playwright.sync_api import expect

from schedules.company import contacts
from schedules.company.contacts import Person
from tests.web.browser import ARTIFACTS, chromium, live_server
from tests.web.mail_fixtures import PUBLIC, inbox, mailing_app  # noqa: F401  (fixtures)
from tests.web.organizer_fixtures import scheduled  # noqa: F401  (a fixture)
from tests.web.test_browser_organizer import sign_in

pytestmark = pytest.mark.browser
COMPANIES_CSV = "id,name,country,languages,contact1_name,contact1_email\nIL-01,Tower Semi,IL,he; en,Noa Levi,noa@il01.example\n"


def test_invitation_password_and_agenda_mails_in_the_browser(
    mailing_app,
    inbox,
    db,
    scheduled,
    organizer_account,
    tmp_path,
):
    mutec = next(c for c in scheduled.companies if c.key == "KR-01")
    contacts.add_contact(db, mutec.id, Person("김민수", "minsu@kr01.example.kr", "", ("ko", "en")))
    upload = tmp_path / "companies.csv"
    upload.write_text(COMPANIES_CSV, encoding="utf-8")
    delivery = mailing_app.extensions["matchweek.mail"]
    with live_server(mailing_app) as base, chromium() as browser:
        console = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}).new_page()
        sign_in(console, base, organizer_account.email)
        console.goto(f"{base}/organizer/events/{scheduled.id}/companies")
        console.locator("input[type=file]").set_input_files(upload)
        console.get_by_role("button", name="Import").click()
        expect(console.get_by_text("1 companies added")).to_be_visible()
        delivery.join()
        invitations = {m["To"]: m for m in inbox.messages}
        assert set(invitations) == {"minsu@kr01.example.kr", "noa@il01.example"}
        assert invitations["noa@il01.example"]["Content-Language"] == "en"  # a foreign company: English
        assert invitations["minsu@kr01.example.kr"]["Content-Language"] == "ko"
        text = invitations["minsu@kr01.example.kr"].get_body(("plain",)).get_content()
        link = re.search(re.escape(PUBLIC) + r"(/password/reset/\S+)", text).group(1)
        console.reload()
        assert console.locator('td[data-invitation="invited"]').count() == 2

        person = browser.new_context(locale="ko-KR", extra_http_headers={"Accept-Language": "ko"}).new_page()
        person.goto(base + link)
        person.locator("#password").fill("minsu's own secret")
        person.locator("#confirm").fill("minsu's own secret")
        person.locator("form button[type=submit], form input[type=submit]").last.click()
        person.locator("#email").fill("minsu@kr01.example.kr")
        person.locator("#password").fill("minsu's own secret")
        person.locator("form button[type=submit], form input[type=submit]").last.click()
        person.wait_for_url(re.compile(r"/company/"))
        person.screenshot(path=ARTIFACTS / "mail-invited-company-signed-in.png", full_page=True)
        assert person.goto(base + link).status == 404  # the link worked once

        console.goto(f"{base}/organizer/events/{scheduled.id}/")
        console.get_by_role("button", name="Publish the schedule").click()
        console.get_by_role("heading", name="Publish the schedule?").wait_for()  # it asks first
        console.get_by_role("button", name="Publish the schedule").click()
        expect(console.get_by_text("The schedule is published").first).to_be_visible()
        delivery.join()
        agenda = next(
            m for m in inbox.messages if m["To"] == "minsu@kr01.example.kr" and m is not invitations[m["To"]]
        )
        [attachment] = list(agenda.iter_attachments())
        calendar = icalendar.Calendar.from_ical(attachment.get_content())
        starts = [e["DTSTART"].dt.strftime("%H:%M") for e in calendar.walk("VEVENT")]
        assert "13:30" in starts

        console.get_by_role("link", name="Mail").click()
        assert console.locator('tr[data-state="sent"]').count() == 4  # two invitations, two agendas
        console.screenshot(path=ARTIFACTS / "mail-log.png", full_page=True)
