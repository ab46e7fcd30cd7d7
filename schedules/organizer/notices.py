"""Who is told what after the desk's changes and after each day.

FOR THE INTEGRATOR: these functions say whom a mail should reach and why; wire
each to the mail queue (`schedules.mail.queue_mail(db, ...)`, wt-mail) where the
comment says so. Until then they send nothing and return the notices.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ACTIVE, NO_SHOW, Account, Attendance, Company, Meeting, Outcome
from schedules.lookup import find_event
from schedules.timegrid import to_utc

STANDBY_BOOKED = "standby-booked"
OUTCOME_REMINDER = "outcome-reminder"


@dataclass(frozen=True)
class Notice:
    """One mail to write: what about (`kind`), to which company, at which addresses, about which meetings."""

    kind: str
    company_id: int
    company_name: str
    addresses: tuple[str, ...]
    meeting_ids: tuple[int, ...]


def addresses(db: Session, company: Company) -> tuple[str, ...]:
    """The company account's address, then its contact persons', each once."""
    found = list(db.scalars(select(Account.email).where(Account.company_id == company.id)))
    found += [c.email for c in company.contacts if c.email]
    return tuple(dict.fromkeys(address.lower() for address in found))


def tell_standby_booking(db: Session, meeting: Meeting) -> list[Notice]:
    """Both companies of a standby meeting just booked: where and when they meet."""
    notices = [
        Notice(STANDBY_BOOKED, company.id, company.name, addresses(db, company), (meeting.id,))
        for company in (meeting.company_a, meeting.company_b)
    ]
    # INTEGRATOR: queue_mail(db, ...) for each notice, in the company's language.
    return notices


def outcome_reminders(db: Session, event_id: int, day: date) -> list[Notice]:
    """After a day: each company with meetings held that day for which it has recorded no outcome."""
    event = find_event(db, event_id)
    start = to_utc(datetime.combine(day, time()), event.timezone)
    end = to_utc(datetime.combine(day + timedelta(days=1), time()), event.timezone)
    meetings = db.scalars(
        select(Meeting)
        .where(
            Meeting.event_id == event_id,
            Meeting.status == ACTIVE,
            Meeting.start_at >= start,
            Meeting.start_at < end,
        )
        .order_by(Meeting.start_at)
    ).all()
    missed = set(
        db.scalars(
            select(Attendance.meeting_id).where(
                Attendance.status == NO_SHOW, Attendance.meeting_id.in_([m.id for m in meetings])
            )
        )
    )
    answered = {
        tuple(row)
        for row in db.execute(
            select(Outcome.meeting_id, Outcome.company_id).where(
                Outcome.meeting_id.in_([m.id for m in meetings])
            )
        )
    }
    owed: dict[int, list[int]] = {}
    companies: dict[int, Company] = {}
    for meeting in meetings:
        if meeting.id in missed:
            continue
        for company in (meeting.company_a, meeting.company_b):
            if (meeting.id, company.id) not in answered:
                owed.setdefault(company.id, []).append(meeting.id)
                companies[company.id] = company
    notices = [
        Notice(OUTCOME_REMINDER, company.id, company.name, addresses(db, company), tuple(owed[company.id]))
        for company in sorted(companies.values(), key=lambda c: c.position)
    ]
    # INTEGRATOR: queue_mail(db, ...) for each notice, linking the company's outcome page.
    return notices


def remind_outcomes_command(settings, event_id: int, day: str) -> int:
    """`run.py remind-outcomes EVENT_ID DAY`: list the companies owing outcomes of that day (the mails to send)."""
    import sys

    from schedules.commands import database
    from schedules.errors import NotFound

    try:
        wanted = date.fromisoformat(day)
    except ValueError:
        print(f"error: DAY {day!r} must be a date like 2019-10-28", file=sys.stderr)
        return 2
    with database(settings) as db:
        try:
            notices = outcome_reminders(db, event_id, wanted)
        except NotFound:
            print(f"error: no event {event_id}", file=sys.stderr)
            return 2
        for notice in notices:
            print(
                f"{notice.company_name}\t{', '.join(notice.addresses) or '(no address)'}\t"
                f"{len(notice.meeting_ids)} meeting(s) without an outcome"
            )
    print(f"{len(notices)} companies to remind")
    return 0
