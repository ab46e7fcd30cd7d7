"""Mail through a real SMTP server on 127.0.0.1: invitations, the agenda on publication, the mail log."""

from __future__ import annotations

import io
import re

import icalendar
from sqlalchemy import select

from models import Company, MailState, OutgoingMail
from models.db import make_sessionmaker
from schedules.company import contacts
from schedules.company.contacts import Person
from schedules.mail.commands import publish_command
from schedules.mail.delivery import deliver_pending
from schedules.mail.jobs import postman_for
from tests.smtp import smtp_server
from tests.web.helpers import PASSWORD, FormClient
from tests.web.mail_fixtures import PUBLIC, inbox, mail_settings, mailing_app  # noqa: F401  (fixtures)
from tests.web.organizer_fixtures import scheduled  # noqa: F401  (a fixture)
from web import create_app


def _text(message) -> str:
    return message.get_body(("plain",)).get_content()


def test_invitations_reach_each_contact_in_its_language_and_the_link_sets_a_password_once(
    mailing_app,
    inbox,
    db,
    example_event,
    organizer_account,
):
    kr, fr = (next(c for c in example_event.companies if c.key == key) for key in ("KR-01", "FR-01"))
    fr.language = "en"
    db.commit()
    contacts.add_contact(db, kr.id, Person("김민수", "minsu@kr01.example.kr", "", ("ko",)))
    contacts.add_contact(db, fr.id, Person("Claire Martin", "claire@fr01.example.fr", "", ("fr", "en")))
    organizer = FormClient(mailing_app, language="en")
    organizer.login(organizer_account.email)
    response = organizer.submit(
        f"/organizer/events/{example_event.id}/invitations",
        {},
        page=f"/organizer/events/{example_event.id}/companies",
    )
    assert response.status_code == 302
    mailing_app.extensions["matchweek.mail"].join()

    by_recipient = {m["To"]: m for m in inbox.messages}
    assert set(by_recipient) == {"minsu@kr01.example.kr", "claire@fr01.example.fr"}
    korean, english = by_recipient["minsu@kr01.example.kr"], by_recipient["claire@fr01.example.fr"]
    assert korean["Content-Language"] == "ko" and "김민수" in _text(korean) and "계정" in korean["Subject"]
    assert english["Content-Language"] == "en" and "Dear Claire Martin" in _text(english)
    assert "Claire Martin" in english.get_body(("html",)).get_content()
    link = re.search(re.escape(PUBLIC) + r"(/password/reset/\S+)", _text(english)).group(1)

    page = organizer.get(f"/organizer/events/{example_event.id}/companies").get_data(as_text=True)
    assert page.count('data-invitation="invited"') == 2

    person = FormClient(mailing_app, language="en")
    assert (
        person.submit(link, {"password": "claire's secret", "confirm": "claire's secret"}).status_code == 302
    )
    assert person.get(link).status_code == 404  # used once
    person.login("claire@fr01.example.fr", "claire's secret")
    page = organizer.get(f"/organizer/events/{example_event.id}/companies").get_data(as_text=True)
    assert page.count('data-invitation="active"') == 1
    company_page = organizer.get(f"/organizer/events/{example_event.id}/companies/{fr.id}").get_data(
        as_text=True
    )
    assert 'data-invitation="active"' in company_page

    organizer.submit(
        f"/organizer/events/{example_event.id}/invitations",
        {},
        page=f"/organizer/events/{example_event.id}/companies",
    )
    mailing_app.extensions["matchweek.mail"].join()
    assert len(inbox.messages) == 2  # everyone was invited already: nobody gets a second mail


def test_a_refusing_server_leaves_the_request_unaffected_and_the_mail_log_lets_the_organizer_retry(
    database_url,
    tmp_path,
    db,
    example_event,
    organizer_account,
    company_account,
):
    account = company_account(example_event.companies[0])
    with smtp_server(answer="554 5.7.1 relay refused") as refusing:
        app = create_app(
            mail_settings(database_url, refusing.port),
            test_config={"TESTING": True, "TRANSLATIONS_CACHE": str(tmp_path / "translations")},
        )
        client = FormClient(app, language="en")
        assert client.submit("/password/forgot", {"email": account.email}).status_code == 302
        app.extensions["matchweek.mail"].close()
    mail = db.scalar(select(OutgoingMail))
    assert mail.state == MailState.QUEUED and mail.attempts == 1 and "554" in mail.last_error
    mail.state = MailState.FAILED
    mail.event_id = example_event.id
    db.commit()

    organizer = FormClient(app, language="en")
    organizer.login(organizer_account.email)
    log = organizer.get(f"/organizer/events/{example_event.id}/mail?state=failed").get_data(as_text=True)
    assert account.email in log and "554 5.7.1 relay refused" in log
    with smtp_server() as inbox:
        retried = organizer.submit(
            f"/organizer/events/{example_event.id}/mail/{mail.id}/retry",
            {},
            page=f"/organizer/events/{example_event.id}/mail",
        )
        assert retried.status_code == 302
        engine = app.extensions["matchweek.engine"]
        deliver_pending(make_sessionmaker(engine), postman_for(mail_settings(database_url, inbox.port)))
    assert [m["To"] for m in inbox.messages] == [account.email]
    assert organizer.get(f"/organizer/events/{example_event.id}/mail/abc").status_code == 404
    app.extensions["matchweek.engine"].dispose()


def test_publishing_mails_each_contact_its_agenda_with_the_calendar_once(
    database_url, db, scheduled, inbox, capsys
):
    by_key = {c.key: c for c in scheduled.companies}
    by_key["FR-03"].language = "en"
    db.commit()
    contacts.add_contact(db, by_key["KR-01"].id, Person("김민수", "minsu@kr01.example.kr", "", ("ko", "en")))
    contacts.add_contact(
        db, by_key["FR-03"].id, Person("Claire Martin", "claire@fr03.example.fr", "", ("fr",))
    )
    settings = mail_settings(database_url, inbox.port)
    assert publish_command(settings, scheduled.id, pause=lambda _s: None) == 0
    assert "2 mails, 2 delivered, 0 failed" in capsys.readouterr().out
    by_recipient = {m["To"]: m for m in inbox.messages}
    assert set(by_recipient) == {"minsu@kr01.example.kr", "claire@fr03.example.fr"}

    korean = _text(by_recipient["minsu@kr01.example.kr"])
    assert "13:30–14:00" in korean and "1번 테이블" in korean and by_key["FR-01"].name in korean
    english = by_recipient["claire@fr03.example.fr"]
    text = _text(english)
    assert (
        "14:00–14:30" in text
        and "Table 1" in text
        and "Interpreter:" in text
        and by_key["KR-03"].name in text
    )
    assert re.search(re.escape(PUBLIC) + r"/feeds/[\w-]+\.ics", text)
    [attachment] = list(english.iter_attachments())
    assert attachment.get_filename().endswith(".ics")
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    starts = {e["DTSTART"].dt.strftime("%Y-%m-%d %H:%M") for e in calendar.walk("VEVENT")}
    assert "2019-10-28 14:00" in starts  # the meeting, in the event's zone

    db.expire_all()
    scheduled.state = "open"
    db.commit()
    assert publish_command(settings, scheduled.id, pause=lambda _s: None) == 0
    assert len(inbox.messages) == 2  # published again: nothing sent twice


def test_companies_the_organizer_imports_are_invited_and_a_refused_file_invites_nobody(
    mailing_app,
    inbox,
    db,
    example_event,
    organizer_account,
):
    organizer = FormClient(mailing_app, language="en")
    organizer.login(organizer_account.email)
    page = f"/organizer/events/{example_event.id}/companies"
    url = f"{page}/import"
    bad = b"id,name,country,languages,contact1_name,contact1_email\nIL-02,Bad,Israel,he,Dana,dana@il02.example\n"
    assert (
        organizer.submit(
            url, {"file": (io.BytesIO(bad), "bad.csv")}, page=page, content_type="multipart/form-data"
        ).status_code
        == 422
    )
    good = (
        b"id,name,country,languages,contact1_name,contact1_email\n"
        b"IL-01,Tower Semi,IL,he; en,Noa Levi,noa@il01.example\n"
    )
    assert (
        organizer.submit(
            url, {"file": (io.BytesIO(good), "new.csv")}, page=page, content_type="multipart/form-data"
        ).status_code
        == 302
    )
    mailing_app.extensions["matchweek.mail"].join()
    assert [m["To"] for m in inbox.messages] == ["noa@il01.example"]
    listing = organizer.get(page).get_data(as_text=True)
    assert re.search(r'data-company="IL-01">.*?data-invitation="invited"', listing, re.DOTALL)


def test_the_company_chooses_its_mail_language_at_registration_and_changes_it_in_its_profile(
    client,
    db,
    example_event,
):
    from tests.web.test_company_registration import form_for

    response = client.submit(f"/events/{example_event.id}/register", form_for(example_event, language="en"))
    assert response.status_code == 302, response.get_data(as_text=True)
    company = db.scalar(select(Company).where(Company.name == "새한정밀"))
    assert company.language == "en"
    welcome = db.scalar(select(OutgoingMail).where(OutgoingMail.recipient == "minjun@saehan.example.kr"))
    assert welcome.language == "en" and "choose your MatchWeek password" in welcome.subject
    link = re.search(r"(/password/reset/\S+)", welcome.text).group(1)
    client.submit(link, {"password": PASSWORD, "confirm": PASSWORD})
    client.login("minjun@saehan.example.kr")
    profile = client.get("/company/profile").get_data(as_text=True)
    assert re.search(r'<option selected value="en">|<option value="en" selected', profile)
    fields = {
        k: v
        for k, v in form_for(example_event).items()
        if k
        in (
            "name",
            "name_latin",
            "sectors",
            "interests",
            "description",
            "website",
            "present",
            "seminars",
            "max_meetings",
        )
    }
    assert client.submit("/company/profile", {**fields, "language": "ko"}).status_code == 302
    db.expire_all()
    assert company.language == "ko"
    assert client.submit("/company/profile", {**fields, "language": "fr"}).status_code == 422


def test_two_contacts_sharing_an_address_get_one_invitation_and_an_organizers_address_none(
    db,
    example_event,
    organizer_account,
):
    from schedules.organizer.invitations import InvitationStatus, invitation_statuses, invite_everyone

    kr = next(c for c in example_event.companies if c.key == "KR-02")
    contacts.add_contact(db, kr.id, Person("Office", "Office@KR02.example.kr", "", ("ko",)))
    contacts.add_contact(db, kr.id, Person("Office again", "office@kr02.example.kr ", "", ("ko",)))
    contacts.add_contact(db, kr.id, Person("The organizer", organizer_account.email, "", ("ko",)))
    assert invite_everyone(db, example_event.id, PUBLIC).mails == 1
    assert [m.recipient for m in db.scalars(select(OutgoingMail))] == ["office@kr02.example.kr"]
    assert invitation_statuses(db, example_event.id)[kr.id] == InvitationStatus.INVITED


def test_a_repair_mails_only_the_companies_whose_agenda_changed_with_their_updated_calendar(
    database_url, db, engine, scheduled, inbox
):
    from schedules.ical import meeting_uid
    from schedules.organizer.repairing import apply_repair, preview_repair
    from tests.web.test_organizer_repair import publish_with_kr01_away

    by_key = {c.key: c for c in scheduled.companies}
    for key, email in (
        ("KR-01", "minsu@kr01.example.kr"),
        ("FR-01", "anne@fr01.example.fr"),
        ("KR-03", "jiho@kr03.example.kr"),
    ):
        contacts.add_contact(db, by_key[key].id, Person(f"Contact {key}", email, "", ("ko", "en")))
    by_key["FR-01"].language = "en"
    db.commit()
    publish_with_kr01_away(db, scheduled)  # KR-01's meeting with FR-01 must move; KR-03's stays
    changed = apply_repair(db, scheduled.id, preview_repair(db, scheduled.id).plan)
    assert {"KR-01", "FR-01"} <= set(changed) and "KR-03" not in changed

    deliver_pending(make_sessionmaker(engine), postman_for(mail_settings(database_url, inbox.port)))
    by_recipient = {m["To"]: m for m in inbox.messages}
    told = {c.email for key in changed for c in by_key[key].contacts if "@" in c.email}
    assert set(by_recipient) == told and "jiho@kr03.example.kr" not in by_recipient
    english = by_recipient["anne@fr01.example.fr"]
    assert "your agenda has changed" in english["Subject"]
    text = _text(english)
    assert "Moved from" in text and re.search(re.escape(PUBLIC) + r"/feeds/[\w-]+\.ics", text)
    [attachment] = list(english.iter_attachments())
    events = {str(e["UID"]): e for e in icalendar.Calendar.from_ical(attachment.get_content()).walk("VEVENT")}
    moved = events[meeting_uid(scheduled_event(db, scheduled.id), ("KR-01", "FR-01"))]
    assert int(moved["SEQUENCE"]) >= 1  # the same entry, moved: calendar apps replace it
    assert "상담" in _text(by_recipient["minsu@kr01.example.kr"]) or "일정" in _text(
        by_recipient["minsu@kr01.example.kr"]
    )


def scheduled_event(db, event_id: int):
    from schedules.event_store import event_to_instance, load_event

    return event_to_instance(load_event(db, event_id)).event
