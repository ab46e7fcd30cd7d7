"""Sending queued mails: claim the due rows, send them, mark them sent, or retry later with backoff.

A row is claimed by pushing its `next_attempt_at` a lease ahead and counting
the attempt, in a short transaction (PostgreSQL: `FOR UPDATE SKIP LOCKED`, so
two workers never take the same row; SQLite: `BEGIN IMMEDIATE`, its write
lock). The mail is sent outside any transaction, then marked sent. A process
that dies between sending and marking leaves the row queued: once the lease
runs out it is sent again, so a crash can cause at most one duplicate and
never a lost message.
"""

from __future__ import annotations

import logging
import smtplib
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, selectinload, sessionmaker

from config import DEFAULT_PUBLIC_URL
from models import MailState, OutgoingMail
from models.base import utcnow
from schedules.mail.composers import compose
from schedules.mail.outbox import QUEUED_HERE
from schedules.mail.transport import Transport

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
BACKOFF = (timedelta(minutes=1), timedelta(minutes=5), timedelta(minutes=30), timedelta(hours=2))
LEASE = timedelta(minutes=10)  # a claimed row is left alone this long; then it is due again
BATCH = 50


@dataclass(frozen=True)
class Postman:
    """How this process sends: the transport (SMTP or folder) and the From address."""

    transport: Transport
    sender: str
    link_base: str = DEFAULT_PUBLIC_URL  # PUBLIC_URL, for the mails written at delivery


@dataclass(frozen=True)
class Delivered:
    """What one delivery pass did."""

    sent: int = 0
    retrying: int = 0  # failed this time, queued again for later
    failed: int = 0  # failed for the last time

    def __add__(self, other: Delivered) -> Delivered:
        return Delivered(self.sent + other.sent, self.retrying + other.retrying, self.failed + other.failed)


def backoff(attempts: int) -> timedelta:
    return BACKOFF[min(attempts, len(BACKOFF)) - 1]


def deliver_pending(
    make_session: sessionmaker[Session], postman: Postman, now: datetime | None = None
) -> Delivered:
    """Send every mail due at `now` (default: the current time), batch after batch, and say what happened."""
    total = Delivered()
    while claimed := _claim(make_session, now or utcnow()):
        total += _send(make_session, postman, claimed, now or utcnow())
    return total


def _claim(make_session: sessionmaker[Session], now: datetime) -> list[int]:
    with make_session() as db:
        connection = db.connection()
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        due = (
            select(OutgoingMail.id)
            .where(OutgoingMail.state == MailState.QUEUED, OutgoingMail.next_attempt_at <= now)
            .order_by(OutgoingMail.next_attempt_at, OutgoingMail.id)
            .limit(BATCH)
        )
        if connection.dialect.name == "postgresql":
            due = due.with_for_update(skip_locked=True)
        ids = list(db.scalars(due))
        if ids:
            db.execute(
                update(OutgoingMail)
                .where(OutgoingMail.id.in_(ids))
                .values(next_attempt_at=now + LEASE, attempts=OutgoingMail.attempts + 1)
            )
        db.commit()
        return ids


def _write(make_session: sessionmaker[Session], mail_id: int, base: str) -> None:
    """Have the mail's composer write its body, if it is still to be written. (Not in a `db.begin()` block:
    a composer may commit on its way, e.g. the calendar's revisions are stored as the file is written.)"""
    with make_session() as db:
        mail = db.get(OutgoingMail, mail_id)
        if mail is not None and mail.composer:
            compose(db, mail, base)
            db.commit()


def _send(make_session: sessionmaker[Session], postman: Postman, ids: list[int], now: datetime) -> Delivered:
    outcome: dict[int, str | None] = {}
    for mail_id in ids:
        try:
            _write(make_session, mail_id, postman.link_base)
        except Exception as error:  # recorded on the row and retried, like a refusal
            log.exception("mail %s could not be written", mail_id)
            outcome[mail_id] = f"the mail could not be written: {_reason(error)}"
    with make_session() as db:
        mails = list(
            db.scalars(
                select(OutgoingMail)
                .where(OutgoingMail.id.in_(ids))
                .options(selectinload(OutgoingMail.attachments))
            )
        )
        messages = [(mail, email_message(mail, postman.sender)) for mail in mails if mail.id not in outcome]
    try:
        with postman.transport.connect() as connection:
            for mail, message in messages:
                try:
                    connection.send(message)
                    outcome[mail.id] = None
                except Exception as error:  # this recipient refused: recorded on its row
                    outcome[mail.id] = _reason(error)
    except Exception as error:  # server down, TLS or login refused: every mail of the batch waits
        reason = _reason(error)
        for mail, _message in messages:
            outcome.setdefault(mail.id, reason)
    return _record(make_session, mails, outcome, now)


def _record(
    make_session: sessionmaker[Session], mails: list[OutgoingMail], outcome: dict, now: datetime
) -> Delivered:
    sent = retrying = failed = 0
    with make_session() as db, db.begin():
        for mail in mails:
            error = outcome.get(mail.id, "not sent")
            if error is None:
                values = {"state": MailState.SENT, "sent_at": now, "last_error": None}
                sent += 1
            elif mail.attempts >= MAX_ATTEMPTS:
                values = {"state": MailState.FAILED, "last_error": error}
                failed += 1
            else:
                values = {"last_error": error, "next_attempt_at": now + backoff(mail.attempts)}
                retrying += 1
            db.execute(update(OutgoingMail).where(OutgoingMail.id == mail.id).values(**values))
    return Delivered(sent, retrying, failed)


def _reason(error: Exception) -> str:
    """One line for the mail log: the server's own answer where it gave one."""
    if isinstance(error, smtplib.SMTPResponseException):
        answer = (
            error.smtp_error.decode("utf-8", "replace")
            if isinstance(error.smtp_error, bytes)
            else error.smtp_error
        )
        return f"the mail server answered {error.smtp_code} {answer}"[:2000]
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"{to}: {code} {answer.decode('utf-8', 'replace')}"
            for to, (code, answer) in error.recipients.items()
        )[:2000]
    return f"{type(error).__name__}: {error}"[:2000]


def email_message(mail: OutgoingMail, sender: str) -> EmailMessage:
    """The message as it leaves: plain text, the HTML alternative, then the attachments."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = mail.recipient
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(mail.created_at)
    domain = parseaddr(sender)[1].rpartition("@")[2] or "matchweek.invalid"
    message["Message-ID"] = make_msgid(f"mail-{mail.id}", domain=domain)
    message["X-MatchWeek-Kind"] = mail.kind
    message.set_content(mail.text)
    if mail.html:
        message.add_alternative(mail.html, subtype="html")
    for attachment in mail.attachments:
        main, _, sub = attachment.content_type.partition(";")[0].strip().partition("/")
        message.add_attachment(attachment.content, maintype=main, subtype=sub, filename=attachment.filename)
    message["Content-Language"] = mail.language  # after the parts: making them moves Content-* headers down
    return message


def retry_mail(db: Session, mail: OutgoingMail) -> None:
    """Queue a failed mail again, due now, with a fresh count of attempts (the caller commits)."""
    if mail.state == MailState.FAILED:
        mail.state, mail.attempts, mail.next_attempt_at = MailState.QUEUED, 0, utcnow()
        db.info[QUEUED_HERE] = True


def next_due(db: Session) -> datetime | None:
    return db.scalar(
        select(func.min(OutgoingMail.next_attempt_at)).where(OutgoingMail.state == MailState.QUEUED)
    )


class ThreadDelivery:
    """Delivers in a thread of this process (no REDIS_URL): after each commit that queued mail, and again
    when the earliest retry is due. One delivery thread at a time; a submit during a pass runs another pass."""

    def __init__(self, make_session: sessionmaker[Session], postman: Postman):
        self.make_session = make_session
        self.postman = postman
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._again = False
        self._timer: threading.Timer | None = None
        self._closed = False

    def submit(self) -> None:
        with self._lock:
            if self._closed:
                return
            if self._thread is not None and self._thread.is_alive():
                self._again = True
                return
            self._thread = threading.Thread(target=self._run, name="mail-delivery", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        while True:
            try:
                deliver_pending(self.make_session, self.postman)
            except Exception:  # the database is away: the next submit, timer or restart tries again
                log.exception("mail delivery pass failed")
            with self._lock:
                if not self._again:
                    break
                self._again = False
        self._wake_for_retries()

    def _wake_for_retries(self) -> None:
        try:
            with self.make_session() as db:
                due = next_due(db)
        except Exception:  # the database is away: the next submit or restart looks again
            log.exception("cannot read when the next mail is due")
            return
        with self._lock:
            if due is None or self._closed:
                return
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(max(1.0, (due - utcnow()).total_seconds()), self.submit)
            self._timer.daemon = True
            self._timer.start()

    def join(self, timeout: float | None = None) -> None:
        """Wait for the pass under way (tests; a command that returns once its mails are out)."""
        while (thread := self._thread) is not None and thread.is_alive():
            thread.join(timeout)
            if timeout is not None:
                return

    def after_fork(self) -> None:
        """In a forked web worker: start afresh (the parent's thread, timer and lock stay behind) and deliver."""
        self._lock = threading.Lock()
        self._thread, self._timer, self._again = None, None, False
        self.submit()

    def close(self) -> None:
        """Stop waking up for retries (the queued rows stay for the next start)."""
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()
        self.join()
