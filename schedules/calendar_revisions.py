"""Every change that alters what a company's calendar shows moves its validators: the changed event's SEQUENCE
and DTSTAMP, and the file's ETag and Last-Modified.

The calendar is written as usual; each event (meeting or seminar) is then compared with what the company's
calendar in that language showed before. An event whose content changed gets the next SEQUENCE (never below
the meeting's own revision) and a new DTSTAMP; a file whose bytes changed gets a new Last-Modified. Any change
counts, whatever caused it (a moved seminar, a renamed partner, a new venue), without each write having to
say what it alters; unchanged data gives the same bytes, so ETag and Last-Modified stay and clients get 304.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime, timedelta

import icalendar
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models import CalendarRevision, CalendarState
from models.base import utcnow
from schedules.exported import ExportedFile

UNSTAMPED = ("DTSTAMP", "SEQUENCE", "LAST-MODIFIED")
"""What the digest of an event leaves out: the revision itself."""


def event_digest(vevent: icalendar.Event) -> str:
    shown = icalendar.Event()
    for name, value in vevent.property_items(recursive=False):
        if name not in UNSTAMPED and name not in ("BEGIN", "END"):
            shown.add(name, value, encode=False)
    for component in vevent.subcomponents:
        shown.add_component(component)
    return hashlib.sha256(shown.to_ical()).hexdigest()


def later_than(previous: datetime, now: datetime) -> datetime:
    """Now, or a second after `previous`: HTTP dates and DTSTAMPs count whole seconds, and a change within
    the second of the last one must still move them."""
    return max(now, previous + timedelta(seconds=1))


class Revisions:
    """The `revise` hook of :mod:`schedules.ical` for one company's calendar in one language."""

    def __init__(self, db: Session, company_id: int, language: str, now: datetime):
        self.db, self.company_id, self.language, self.now = db, company_id, language, now
        self.known = {
            row.uid: row
            for row in db.scalars(
                select(CalendarRevision).where(
                    CalendarRevision.company_id == company_id, CalendarRevision.language == language
                )
            )
        }

    def __call__(self, vevent: icalendar.Event) -> None:
        uid, digest = str(vevent["UID"]), event_digest(vevent)
        own = int(vevent.get("SEQUENCE", 0))  # a meeting's stored revision
        row = self.known.get(uid)
        if row is None:
            row = CalendarRevision(
                company_id=self.company_id,
                language=self.language,
                uid=uid,
                digest=digest,
                sequence=own,
                stamp=self.now,
            )
            self.db.add(row)
            self.known[uid] = row
        elif row.digest != digest:
            row.digest, row.sequence = digest, max(row.sequence + 1, own)
            row.stamp = later_than(row.stamp, self.now)
        elif own > row.sequence:
            row.sequence = own
        for name, value in (("SEQUENCE", row.sequence), ("DTSTAMP", row.stamp)):
            vevent.pop(name, None)
            vevent.add(name, value)


def revised_calendar(
    db: Session,
    company_id: int,
    scope: str,
    language: str,
    write: Callable[[Revisions], ExportedFile],
) -> tuple[ExportedFile, datetime]:
    """The calendar `write` makes with each event revised, and the file's last change (for Last-Modified),
    both stored. Two readers racing to store the first revision: the loser reads the winner's and writes again."""
    for attempt in range(2):
        now = utcnow().replace(microsecond=0)
        file = write(Revisions(db, company_id, language, now))
        digest = hashlib.sha256(file.content).hexdigest()
        state = db.scalar(
            select(CalendarState).where(
                CalendarState.company_id == company_id,
                CalendarState.scope == scope,
                CalendarState.language == language,
            )
        )
        if state is None:
            state = CalendarState(
                company_id=company_id, scope=scope, language=language, digest=digest, changed_at=now
            )
            db.add(state)
        elif state.digest != digest:
            state.digest, state.changed_at = digest, later_than(state.changed_at, now)
        changed = state.changed_at
        try:
            db.commit()
        except IntegrityError:
            db.rollback()
            if attempt:
                raise
            continue
        return file, changed
    raise AssertionError("unreachable")
