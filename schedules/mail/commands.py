"""Mail from the command line: `run.py deliver-mail`, `run.py invite EVENT_ID`, `run.py publish EVENT_ID`.

`invite` and `publish` return once their mails are delivered or recorded as
failed, so a script can rely on them with MAIL_URL set: they retry at once a
few times, a few seconds apart, instead of the background backoff.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from config import Settings
from models import Event, MailState, OutgoingMail
from models.base import utcnow
from models.db import make_engine, make_sessionmaker, migrate
from schedules.errors import NotFound, Refused
from schedules.mail.delivery import MAX_ATTEMPTS, Postman, deliver_pending
from schedules.mail.jobs import postman_for
from schedules.organizer.invitations import invite_uninvited
from schedules.organizer.publication_mail import queue_agenda_mails
from schedules.organizer.publishing import set_state

PAUSES = (2.0, 5.0, 10.0, 20.0)  # seconds between a command's attempts


@contextmanager
def mail_database(settings: Settings) -> Iterator[sessionmaker[Session]]:
    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
        yield make_sessionmaker(engine)
    finally:
        engine.dispose()


def settle(
    make_session: sessionmaker[Session],
    postman: Postman,
    ids: list[int],
    pause: Callable[[float], None] = time.sleep,
) -> tuple[int, int]:
    """Deliver the mails `ids` now, retrying a few times; (sent, failed) once each is one or the other."""
    for attempt in range(MAX_ATTEMPTS):
        with make_session() as db, db.begin():
            db.execute(
                update(OutgoingMail)
                .where(
                    OutgoingMail.id.in_(ids),
                    OutgoingMail.state == MailState.QUEUED,
                    (OutgoingMail.attempts == 0) | OutgoingMail.last_error.is_not(None),
                )
                .values(next_attempt_at=utcnow())
            )
        deliver_pending(make_session, postman)
        with make_session() as db:
            states = list(db.scalars(select(OutgoingMail.state).where(OutgoingMail.id.in_(ids))))
        if MailState.QUEUED not in states:
            break
        pause(PAUSES[min(attempt, len(PAUSES) - 1)])
    return states.count(MailState.SENT), states.count(MailState.FAILED)


def mail_ids_after(db: Session, after: int) -> list[int]:
    """The mails queued since `last_mail_id` said `after`: what a command just queued, to `settle`."""
    return list(db.scalars(select(OutgoingMail.id).where(OutgoingMail.id > after)))


def last_mail_id(db: Session) -> int:
    return db.scalar(select(OutgoingMail.id).order_by(OutgoingMail.id.desc()).limit(1)) or 0


def _report(what: str, queued: int, sent: int, failed: int) -> int:
    print(f"{what}: {queued} mails, {sent} delivered, {failed} failed")
    if failed:
        print("error: some mails failed; the event's mail log in the console says why", file=sys.stderr)
        return 1
    return 0


def deliver_mail_command(settings: Settings) -> int:
    """Send every mail due now (after a restart, or from cron)."""
    with mail_database(settings) as make_session:
        done = deliver_pending(make_session, postman_for(settings))
    print(f"{done.sent} delivered, {done.retrying} to retry later, {done.failed} failed")
    return 0


def invite_command(settings: Settings, event_id: int, pause: Callable[[float], None] = time.sleep) -> int:
    """Invite every company of the event not invited yet, and wait for the mails."""
    with mail_database(settings) as make_session:
        with make_session() as db:
            if db.get(Event, event_id) is None:
                print(f"error: no event {event_id}", file=sys.stderr)
                return 2
            after = last_mail_id(db)
            invited = invite_uninvited(db, event_id, settings.link_base)
            db.commit()
            ids = mail_ids_after(db, after)
        sent, failed = settle(make_session, postman_for(settings), ids, pause)
    return _report(f"{invited.companies} companies invited", len(ids), sent, failed)


def publish_command(settings: Settings, event_id: int, pause: Callable[[float], None] = time.sleep) -> int:
    """Publish the event's schedule and mail each company's contacts their agenda, then wait for the mails."""
    with mail_database(settings) as make_session:
        with make_session() as db:
            after = last_mail_id(db)
            try:
                set_state(
                    db,
                    event_id,
                    "published",
                    announce=lambda s, e: queue_agenda_mails(s, e, settings.link_base),
                )
            except NotFound:
                print(f"error: no event {event_id}", file=sys.stderr)
                return 2
            except Refused as refusal:
                reasons = "; ".join(p.values.get("message") or p.code for p in refusal.problems)
                print(f"error: the schedule cannot be published: {reasons}", file=sys.stderr)
                return 2
            ids = mail_ids_after(db, after)
        sent, failed = settle(make_session, postman_for(settings), ids, pause)
    return _report("published", len(ids), sent, failed)
