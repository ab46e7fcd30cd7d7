"""Who is told what after the desk's changes and after each day: each notice becomes a mail per address,
queued in the caller's transaction, in the company's language."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ACTIVE, NO_SHOW, Account, Attendance, Company, Meeting, Outcome
from schedules.ical import display_name
from schedules.lookup import find_event
from schedules.mail.compose import Day, Letter, Line, render
from schedules.mail.language import mail_labels
from schedules.mail.outbox import queue_mail
from schedules.timegrid import to_local, to_utc

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
    zone = meeting.event.timezone
    for notice, company, partner in (
        (notices[0], meeting.company_a, meeting.company_b),
        (notices[1], meeting.company_b, meeting.company_a),
    ):
        labels = mail_labels(company.language)
        start, end = (to_local(t, zone) for t in (meeting.start_at, meeting.end_at))
        letter = Letter(
            language=company.language,
            subject=labels("%(event)s: a meeting now", event=meeting.event.name),
            greeting=labels("Hello,"),
            paragraphs=(
                labels(
                    "A partner who came meets %(company)s in place of one who did not:", company=company.name
                ),
            ),
            days=(
                Day(
                    labels.day(start.date()),
                    (
                        Line(
                            f"{start:%H:%M}–{end:%H:%M}",
                            display_name(partner),
                            (labels("Table %(number)s", number=meeting.table_number), meeting.session.title),
                        ),
                    ),
                ),
            ),
            closing=(labels("Times are in the event's time zone (%(zone)s).", zone=zone),),
        )
        queue_notice(db, notice, company, letter)
    return notices


def queue_notice(db: Session, notice: Notice, company: Company, letter: Letter) -> None:
    """The letter to each of the notice's addresses, in the caller's transaction."""
    text, html = render(letter)
    for address in notice.addresses:
        queue_mail(
            db,
            to=address,
            kind=notice.kind,
            language=letter.language,
            subject=letter.subject,
            text=text,
            html=html,
            company_id=company.id,
            event_id=company.event_id,
        )


def outcome_reminders(db: Session, event_id: int, day: date, base: str) -> list[Notice]:
    """After a day: each company with meetings held that day for which it has recorded no outcome, reminded
    by mail (links under `base`, the public address)."""
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
    for notice in notices:
        company = companies[notice.company_id]
        labels = mail_labels(company.language)
        queue_notice(
            db,
            notice,
            company,
            Letter(
                language=company.language,
                subject=labels("%(event)s: how did your meetings go?", event=event.name),
                greeting=labels("Hello,"),
                paragraphs=(
                    labels(
                        "%(company)s met %(count)s partners on %(day)s. Please tell the organizer how each "
                        "meeting went (only the organizer sees your answer):",
                        company=company.name,
                        count=len(notice.meeting_ids),
                        day=labels.day(day),
                    ),
                ),
                link=f"{base}/company/outcomes",
                link_label=labels("Your outcomes"),
            ),
        )
    return notices


def remind_outcomes_command(settings, event_id: int, day: str) -> int:
    """`run.py remind-outcomes EVENT_ID DAY`: list the companies owing outcomes of that day (the mails to send)."""
    import sys

    from schedules.errors import NotFound
    from schedules.mail.commands import last_mail_id, mail_database, mail_ids_after, settle
    from schedules.mail.jobs import postman_for

    try:
        wanted = date.fromisoformat(day)
    except ValueError:
        print(f"error: DAY {day!r} must be a date like 2019-10-28", file=sys.stderr)
        return 2
    with mail_database(settings) as make_session, make_session() as db:
        after = last_mail_id(db)
        try:
            notices = outcome_reminders(db, event_id, wanted, settings.link_base)
        except NotFound:
            print(f"error: no event {event_id}", file=sys.stderr)
            return 2
        db.commit()
        sent, failed = settle(make_session, postman_for(settings), mail_ids_after(db, after))
        for notice in notices:
            print(
                f"{notice.company_name}\t{', '.join(notice.addresses) or '(no address)'}\t"
                f"{len(notice.meeting_ids)} meeting(s) without an outcome"
            )
    print(f"{len(notices)} companies reminded: {sent} mails sent, {failed} failed")
    return 1 if failed else 0
