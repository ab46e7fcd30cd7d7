"""Mail delivery against a real SMTP server: what arrives, a server refusing with 5xx, a server that is down."""

from __future__ import annotations

import stat
from datetime import timedelta

import icalendar
import pytest
from sqlalchemy import select

from bench.processes import free_port
from models import MailState, OutgoingMail
from models.base import utcnow
from models.db import make_sessionmaker
from schedules.mail.composers import composer
from schedules.mail.delivery import (
    BACKOFF,
    LEASE,
    MAX_ATTEMPTS,
    Delivered,
    Postman,
    _claim,
    deliver_pending,
    retry_mail,
)
from schedules.mail.outbox import queue_mail, queue_to_compose
from schedules.mail.transport import FolderTransport, SMTPTransport
from tests.smtp import smtp_server

CALENDAR = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:m-1@test\r\n"
    b"DTSTAMP:20191028T000000Z\r\nDTSTART:20191028T010000Z\r\nSUMMARY:Meeting\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _queue(db, to="kim@kr01.example.kr", **values):
    mail = queue_mail(
        db,
        to=to,
        kind="agenda",
        language=values.pop("language", "ko"),
        subject=values.pop("subject", "일정 안내"),
        text="안녕하세요, 일정입니다.",
        html="<p>안녕하세요 &lt;일정&gt;</p>",
        attachments=[("kr-01.ics", "text/calendar; charset=utf-8", CALENDAR)],
        **values,
    )
    db.commit()
    return mail


def _postman(port: int) -> Postman:
    return Postman(SMTPTransport("127.0.0.1", port), "MatchWeek <events@matchweek.example.org>")


def _state(db, mail_id: int) -> OutgoingMail:
    db.expire_all()
    return db.scalar(select(OutgoingMail).where(OutgoingMail.id == mail_id))


def test_a_queued_mail_arrives_with_its_headers_language_text_html_and_calendar(engine, db):
    mail = _queue(db)
    with smtp_server() as inbox:
        done = deliver_pending(make_sessionmaker(engine), _postman(inbox.port))
    assert done == Delivered(sent=1)
    [message] = inbox.messages
    assert message["To"] == "kim@kr01.example.kr" and message["Subject"] == "일정 안내"
    assert message["From"] == "MatchWeek <events@matchweek.example.org>"
    assert message["Content-Language"] == "ko" and "@matchweek.example.org>" in message["Message-ID"]
    assert message.get_body(("plain",)).get_content().strip() == "안녕하세요, 일정입니다."
    assert "&lt;일정&gt;" in message.get_body(("html",)).get_content()
    [attachment] = list(message.iter_attachments())
    assert attachment.get_filename() == "kr-01.ics"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    assert [str(e["UID"]) for e in calendar.walk("VEVENT")] == ["m-1@test"]
    row = _state(db, mail.id)
    assert row.state == MailState.SENT and row.attempts == 1 and row.sent_at is not None
    assert deliver_pending(make_sessionmaker(engine), _postman(inbox.port)) == Delivered()  # sent once only


def test_a_server_answering_5xx_is_retried_with_backoff_then_the_mail_is_failed_with_its_error(engine, db):
    mail = _queue(db)
    now = utcnow()
    with smtp_server(answer="550 5.1.1 mailbox unavailable") as inbox:
        for attempt in range(1, MAX_ATTEMPTS + 1):
            assert deliver_pending(make_sessionmaker(engine), _postman(inbox.port), now=now) == (
                Delivered(failed=1) if attempt == MAX_ATTEMPTS else Delivered(retrying=1)
            )
            row = _state(db, mail.id)
            assert row.attempts == attempt and "550" in row.last_error
            if attempt < MAX_ATTEMPTS:
                assert (
                    row.state == MailState.QUEUED
                    and row.next_attempt_at == now + BACKOFF[min(attempt, 4) - 1]
                )
                assert (
                    deliver_pending(make_sessionmaker(engine), _postman(inbox.port), now=now) == Delivered()
                )
                now = row.next_attempt_at
    assert row.state == MailState.FAILED and inbox.messages == []


def test_a_server_that_is_down_keeps_the_mail_queued_and_a_later_attempt_delivers_it(engine, db):
    mail = _queue(db)
    port = free_port()
    now = utcnow()
    assert deliver_pending(make_sessionmaker(engine), _postman(port), now=now) == Delivered(retrying=1)
    row = _state(db, mail.id)
    assert row.state == MailState.QUEUED and row.last_error and "refused" in row.last_error.lower()
    with smtp_server(port=port) as inbox:
        assert (
            deliver_pending(make_sessionmaker(engine), _postman(port), now=now) == Delivered()
        )  # not due yet
        assert deliver_pending(
            make_sessionmaker(engine), _postman(port), now=now + timedelta(minutes=1)
        ) == Delivered(sent=1)
    assert [m["Subject"] for m in inbox.messages] == ["일정 안내"]
    assert _state(db, mail.id).state == MailState.SENT


def test_a_failed_mail_retried_by_the_organizer_is_sent(engine, db):
    mail = _queue(db)
    row = _state(db, mail.id)
    row.state, row.attempts, row.last_error = MailState.FAILED, MAX_ATTEMPTS, "550 earlier"
    db.commit()
    retry_mail(db, row)
    db.commit()
    with smtp_server() as inbox:
        assert deliver_pending(make_sessionmaker(engine), _postman(inbox.port)) == Delivered(sent=1)
    assert len(inbox.messages) == 1


def test_a_rolled_back_change_queues_no_mail(db):
    queue_mail(db, to="kim@example.kr", kind="agenda", language="en", subject="s", text="t")
    db.rollback()
    assert db.scalars(select(OutgoingMail)).all() == []


def test_an_unknown_language_is_refused(db):
    with pytest.raises(ValueError, match="language"):
        queue_mail(db, to="kim@example.kr", kind="agenda", language="fr", subject="s", text="t")


def test_the_outbox_folder_keeps_each_mail_as_a_file(engine, db, tmp_path):
    _queue(db, language="en", subject="Your agenda")
    postman = Postman(FolderTransport(tmp_path / "outbox"), "MatchWeek <events@example.org>")
    assert deliver_pending(make_sessionmaker(engine), postman) == Delivered(sent=1)
    [file] = (tmp_path / "outbox").glob("*.eml")
    assert "Subject: Your agenda" in file.read_text()
    assert stat.S_IMODE(file.stat().st_mode) == 0o600  # a mail may carry a password link
    assert stat.S_IMODE((tmp_path / "outbox").stat().st_mode) == 0o700


def test_a_claimed_mail_is_taken_by_one_delivery_only(engine, db):
    mail = _queue(db)
    make_session = make_sessionmaker(engine)
    now = utcnow()
    assert _claim(make_session, now) == [mail.id]
    assert _claim(make_session, now) == []  # another worker at the same moment finds nothing to take


def test_a_mail_whose_sender_died_before_marking_it_is_sent_again_once_the_claim_lapses(engine, db):
    mail = _queue(db)
    make_session = make_sessionmaker(engine)
    now = utcnow()
    assert _claim(make_session, now) == [mail.id]  # ... and the process dies here, sent or not
    with smtp_server() as inbox:
        assert deliver_pending(make_session, _postman(inbox.port), now=now + LEASE / 2) == Delivered()
        assert deliver_pending(make_session, _postman(inbox.port), now=now + LEASE) == Delivered(sent=1)
    assert len(inbox.messages) == 1 and _state(db, mail.id).attempts == 2


def test_a_mail_written_at_delivery_is_sent_with_its_body_and_one_that_cannot_be_written_waits(engine, db):
    @composer("test-greeting")
    def greet(_db, mail, base):
        mail.text = f"Hello from {base}"

    @composer("test-broken")
    def broken(_db, _mail, _base):
        raise LookupError("the company is gone")

    good = queue_to_compose(
        db, composer="test-greeting", to="a@example.kr", kind="test", language="en", subject="Hi"
    )
    bad = queue_to_compose(
        db, composer="test-broken", to="b@example.kr", kind="test", language="en", subject="Hi"
    )
    db.commit()
    with smtp_server() as inbox:
        postman = Postman(
            SMTPTransport("127.0.0.1", inbox.port), "MW <mw@example.org>", "https://mw.example.org"
        )
        assert deliver_pending(make_sessionmaker(engine), postman) == Delivered(sent=1, retrying=1)
    assert [m.get_content().strip() for m in inbox.messages] == ["Hello from https://mw.example.org"]
    row = _state(db, bad.id)
    assert (
        row.state == MailState.QUEUED
        and "the company is gone" in row.last_error
        and row.composer == "test-broken"
    )
    assert _state(db, good.id).composer is None
