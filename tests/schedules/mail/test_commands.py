"""`run.py invite`, `run.py deliver-mail`: they return once their mails are delivered or recorded failed."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bench.processes import free_port
from matcher.formats.instance_io import load_instance
from models import MailState, OutgoingMail
from schedules.company import contacts
from schedules.company.contacts import Person
from schedules.event_store import store_instance
from schedules.mail import commands
from schedules.mail.outbox import queue_mail
from tests.conftest import EXAMPLE_INSTANCE
from tests.smtp import smtp_server
from tests.test_cli import cli  # noqa: F401  (the fixture: run.py in-process on the test database)


@pytest.fixture
def event_with_contacts(db):
    event = store_instance(db, load_instance(EXAMPLE_INSTANCE))
    db.commit()
    by_key = {c.key: c for c in event.companies}
    contacts.add_contact(db, by_key["KR-02"].id, Person("이지은", "jieun@kr02.example.kr", "", ("ko",)))
    contacts.add_contact(db, by_key["US-01"].id, Person("Sam Lee", "sam@us01.example.com", "", ("en",)))
    contacts.add_contact(db, by_key["US-01"].id, Person("No Mail", "", "", ("en",)))
    return event


def test_invite_returns_once_the_invitations_are_delivered_and_invites_nobody_twice(
    cli,
    monkeypatch,
    event_with_contacts,
):
    with smtp_server() as inbox:
        monkeypatch.setenv("MAIL_URL", f"smtp://127.0.0.1:{inbox.port}")
        monkeypatch.setenv("PUBLIC_URL", "https://mw.example.org")
        code, out, err = cli("invite", event_with_contacts.id)
        assert (code, err) == (0, "")
        assert "2 companies invited: 2 mails, 2 delivered, 0 failed" in out
        assert sorted(m["To"] for m in inbox.messages) == ["jieun@kr02.example.kr", "sam@us01.example.com"]
        assert all(
            "https://mw.example.org/password/reset/" in m.get_body(("plain",)).get_content()
            for m in inbox.messages
        )
        assert cli("invite", event_with_contacts.id)[1].startswith("0 companies invited: 0 mails")
    assert cli("invite", 999999)[0] == 2


def test_invite_with_the_server_down_records_the_mails_failed_and_says_so(
    cli, monkeypatch, db, event_with_contacts
):
    monkeypatch.setenv("MAIL_URL", f"smtp://127.0.0.1:{free_port()}")
    monkeypatch.setattr(commands, "PAUSES", (0.0,))
    code, out, err = cli("invite", event_with_contacts.id)
    assert code == 1 and "2 mails, 0 delivered, 2 failed" in out and "mail log" in err
    failed = db.scalars(select(OutgoingMail)).all()
    assert {m.state for m in failed} == {MailState.FAILED} and all(
        "refused" in m.last_error.lower() for m in failed
    )


def test_deliver_mail_sends_what_a_stopped_process_left_queued(cli, monkeypatch, db):
    queue_mail(db, to="kim@example.kr", kind="agenda", language="ko", subject="일정", text="본문")
    db.commit()
    with smtp_server() as inbox:
        monkeypatch.setenv("MAIL_URL", f"smtp://127.0.0.1:{inbox.port}")
        code, out, _err = cli("deliver-mail")
    assert code == 0 and out.startswith("1 delivered") and [m["Subject"] for m in inbox.messages] == ["일정"]
