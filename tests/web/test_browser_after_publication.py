"""The week after publication, in a real browser with a real SMTP server: the organizer imports a company
and its contact is invited; the contact chooses a password from the link; the organizer generates and
publishes and the agendas arrive with a calendar; a company withdraws; the repair preview shows the
changes, applying them mails exactly the companies whose agenda changed, and their feeds show the
cancelled and added meetings under the same UIDs."""

from __future__ import annotations

import re

import icalendar
import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from models import Company, MailState, OutgoingMail
from schedules.company import contacts, feeds
from schedules.company.contacts import Person
from schedules.ical import meeting_uid
from tests.web.browser import ARTIFACTS, chromium, live_server
from tests.web.mail_fixtures import PUBLIC, inbox, mailing_app  # noqa: F401  (fixtures)
from tests.web.organizer_fixtures import scheduled  # noqa: F401  (a fixture)
from tests.web.test_browser_organizer import sign_in

pytestmark = pytest.mark.browser
COMPANIES_CSV = "id,name,country,languages,contact1_name,contact1_email\nIL-01,Tower Semi,IL,he; en,Noa Levi,noa@il01.example\n"
LATE_CSV = (
    "id,name,country,languages,sectors,interests,contact1_name,contact1_email\n"
    "US-09,Late Optics,US,en,display,display,Lee Park,lee@us09.example.com\n"
)
CONTACTS = {
    "KR-01": ("김민수", "minsu@kr01.example.kr"),
    "FR-01": ("Anne Morel", "anne@fr01.example.fr"),
    "KR-06": ("이하늘", "haneul@kr06.example.kr"),
    "US-01": ("Dana Wu", "dana@us01.example.com"),
}


def received(db, inbox, kind: str) -> dict[str, object]:
    """The messages the SMTP server received of one kind of mail (its outbox rows say which), by recipient."""
    db.expire_all()
    subjects = {
        (row.recipient, row.subject)
        for row in db.scalars(select(OutgoingMail).where(OutgoingMail.kind == kind))
    }
    return {m["To"]: m for m in inbox.messages if (m["To"], m["Subject"]) in subjects}


def events_of(calendar_bytes: bytes) -> dict[str, icalendar.Event]:
    return {str(e["UID"]): e for e in icalendar.Calendar.from_ical(calendar_bytes).walk("VEVENT")}


def test_the_week_after_publication_in_the_browser(
    mailing_app, inbox, db, scheduled, organizer_account, tmp_path
):
    by_key = {c.key: c for c in scheduled.companies}
    for key, (name, email) in CONTACTS.items():
        contacts.add_contact(db, by_key[key].id, Person(name, email, "", ("ko", "en")))
    feed_tokens = {key: feeds.renew_feed(db, by_key[key].id).token for key in by_key}
    upload = tmp_path / "companies.csv"
    upload.write_text(COMPANIES_CSV, encoding="utf-8")
    delivery = mailing_app.extensions["matchweek.mail"]
    with live_server(mailing_app) as base, chromium() as browser:
        console = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900}).new_page()
        sign_in(console, base, organizer_account.email)

        # Import: every contact of the event is invited (the new company with the import).
        console.goto(f"{base}/organizer/events/{scheduled.id}/companies")
        console.locator("input[type=file]").set_input_files(upload)
        console.get_by_role("button", name="Import").click()
        console.get_by_role("button", name="Invite everyone not yet invited").click()
        delivery.join()
        invitations = {m["To"]: m for m in inbox.messages}
        assert {"noa@il01.example", "minsu@kr01.example.kr"} <= set(invitations)
        link = re.search(
            re.escape(PUBLIC) + r"(/password/reset/\S+)",
            invitations["minsu@kr01.example.kr"].get_body(("plain",)).get_content(),
        ).group(1)

        # The contact chooses a password from the link and signs in.
        person = browser.new_context(locale="ko-KR", extra_http_headers={"Accept-Language": "ko"}).new_page()
        person.goto(base + link)
        person.locator("#password").fill("minsu's own secret")
        person.locator("#confirm").fill("minsu's own secret")
        person.locator("form button[type=submit], form input[type=submit]").last.click()
        person.locator("#email").fill("minsu@kr01.example.kr")
        person.locator("#password").fill("minsu's own secret")
        person.locator("form button[type=submit], form input[type=submit]").last.click()
        person.wait_for_url(re.compile(r"/company/"))

        # Generate, then publish: each contact gets its agenda with a calendar that parses.
        console.goto(f"{base}/organizer/events/{scheduled.id}/solve")
        console.get_by_label("Time limit (seconds)").fill("3")
        console.get_by_role("button", name="Generate schedule").click()
        console.get_by_role("link", name="Review the schedule").wait_for(timeout=120_000)
        console.goto(f"{base}/organizer/events/{scheduled.id}/")
        console.get_by_role("button", name="Publish the schedule").click()
        console.get_by_role("heading", name="Publish the schedule?").wait_for()
        console.get_by_role("button", name="Publish the schedule").click()
        expect(console.get_by_text("The schedule is published").first).to_be_visible()
        delivery.join()
        agendas = received(db, inbox, "agenda")
        assert {email for _, email in CONTACTS.values()} <= set(agendas)
        for mail in agendas.values():
            [attachment] = list(mail.iter_attachments())
            icalendar.Calendar.from_ical(attachment.get_content())
        before = {
            key: events_of(mailing_app.test_client().get(f"/feeds/{token}.ics").data)
            for key, token in feed_tokens.items()
        }

        # KR-01 withdraws itself, after ticking the box.
        person.goto(f"{base}/company/withdraw")
        person.locator("input[name=confirm]").check()
        person.locator("form.stacked button.danger").click()
        person.wait_for_load_state()
        delivery.join()
        assert "anne@fr01.example.fr" in received(db, inbox, "partner-withdrawn")  # KR-01's partner is told

        # A late company is imported: it waits for the repair.
        late = tmp_path / "late.csv"
        late.write_text(LATE_CSV, encoding="utf-8")
        console.goto(f"{base}/organizer/events/{scheduled.id}/companies")
        console.locator("input[type=file]").set_input_files(late)
        console.get_by_role("button", name="Import").click()
        delivery.join()

        # The repair preview lists the changes per company; applying mails exactly those companies.
        console.goto(f"{base}/organizer/events/{scheduled.id}/repair")
        expect(console.get_by_role("heading", name="Changes per company")).to_be_visible()
        console.screenshot(path=ARTIFACTS / "repair-preview.png", full_page=True)
        changed_names = set(console.locator("tbody th[scope=rowgroup]").all_inner_texts())
        console.get_by_role("button", name="Apply the repair").click()
        delivery.join()

    db.expire_all()
    changed = {
        c.key
        for c in db.scalars(select(Company).where(Company.event_id == scheduled.id))
        if c.name in changed_names
    }
    change_mails = set(received(db, inbox, "agenda-change"))
    told = {email for key, (_, email) in CONTACTS.items() if key in changed} | {"lee@us09.example.com"}
    assert {"KR-06", "US-09"} <= changed and "FR-01" not in changed
    assert change_mails == told  # only the companies whose agenda changed, each of their contacts
    assert db.scalar(select(OutgoingMail).where(OutgoingMail.state == MailState.FAILED)) is None

    event = _instance_event(db, scheduled.id)
    after = {
        key: events_of(mailing_app.test_client().get(f"/feeds/{token}.ics").data)
        for key, token in feed_tokens.items()
        if key != "KR-01"
    }
    withdrawn = meeting_uid(event, ("KR-01", "FR-01"))
    if withdrawn in before["FR-01"]:  # FR-01's meeting with the withdrawn company: the same entry, cancelled
        assert str(after["FR-01"][withdrawn]["STATUS"]) == "CANCELLED"
        assert int(after["FR-01"][withdrawn]["SEQUENCE"]) > int(before["FR-01"][withdrawn].get("SEQUENCE", 0))
    added = meeting_uid(event, ("KR-06", "US-09"))
    assert added in after["KR-06"] and str(after["KR-06"][added]["STATUS"]) == "CONFIRMED"
    assert set(before["KR-06"]) <= set(after["KR-06"])  # every earlier entry is still the same one


def _instance_event(db, event_id: int):
    from schedules.event_store import event_to_instance, load_event

    return event_to_instance(load_event(db, event_id)).event
