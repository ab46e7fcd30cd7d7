"""When the schedule is published, each contact person of each company gets its agenda by mail.

The mail lists the week (meetings with time, partner, table, interpreter, and
seminars), attaches the person's `.ics` and gives the calendar feed address.
A person who already got the agenda of this event gets nothing on a later
publication: publishing again sends nothing twice (changes are mailed by the repair).

The rows are queued in the publishing transaction, but their bodies are written
at delivery (`write_agenda`): about 0.1 s a person, which would hold the
publishing request for a minute at 550 companies.
"""

from __future__ import annotations

import secrets
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import Company, Contact, Event, FeedToken, MailAttachment, OutgoingMail
from schedules.company.agenda import Entry, agenda, company_calendar_file
from schedules.labels import Labels
from schedules.mail.compose import Day, Letter, Line, render
from schedules.mail.composers import composer
from schedules.mail.language import mail_labels
from schedules.mail.links import feed_link
from schedules.mail.outbox import queue_to_compose

AGENDA = "agenda"


def queue_agenda_mails(db: Session, event: Event, base: str) -> int:
    """Queue the agenda mail for every contact with an e-mail not yet sent this event's agenda (not committed)."""
    already = {
        (company_id, recipient)
        for company_id, recipient in db.execute(
            select(OutgoingMail.company_id, OutgoingMail.recipient).where(
                OutgoingMail.event_id == event.id, OutgoingMail.kind == AGENDA
            )
        )
    }
    companies = db.scalars(
        select(Company)
        .where(Company.event_id == event.id)
        .options(selectinload(Company.contacts))
        .order_by(Company.position, Company.id)
    )
    queued = 0
    for company in companies:
        for contact in company.contacts:
            address = (contact.email or "").strip()
            if "@" not in address or (company.id, address) in already:
                continue
            _queue_agenda(db, company, contact, address, base)
            already.add((company.id, address))
            queued += 1
    return queued


def _queue_agenda(db: Session, company: Company, contact: Contact, address: str, base: str) -> None:
    """The row now, with the change; the agenda, calendar and feed address are written at delivery."""
    contact_feed_token(db, company.id, contact.id)
    labels = mail_labels(company.language)
    queue_to_compose(
        db,
        composer=AGENDA,
        to=address,
        kind=AGENDA,
        language=company.language,
        subject=labels("%(event)s: your agenda", event=company.event.name),
        company_id=company.id,
        event_id=company.event_id,
    )


@composer(AGENDA)
def write_agenda(db: Session, mail: OutgoingMail, base: str) -> None:
    """The agenda of the mail's company as it stands, for the contact person it is addressed to."""
    company, _contact, labels = addressee(db, mail)
    week = agenda(db, company.id)
    event = company.event
    write_calendar_letter(
        db,
        mail,
        base,
        paragraphs=(
            labels(
                "The schedule of %(event)s is published. Here is the week of %(company)s: %(count)s meetings.",
                event=event.name,
                company=company.name,
                count=week.meeting_count,
            ),
            labels(
                "The attached calendar file adds it to your calendar. To keep your calendar up to date with "
                "every change, subscribe to this address instead:"
            ),
        ),
        days=_days(week.entries, event.timezone, labels),
    )


def write_calendar_letter(
    db: Session, mail: OutgoingMail, base: str, paragraphs: tuple[str, ...], days: tuple[Day, ...]
) -> None:
    """Write the mail as a letter to its contact person (greeting, `paragraphs`, the feed address, `days`, the
    time zone) with the contact's calendar, as it stands now, attached."""
    company, contact, labels = addressee(db, mail)
    calendar = company_calendar_file(db, company.id, labels, contact)
    letter = Letter(
        language=mail.language,
        subject=mail.subject,
        greeting=labels("Dear %(name)s,", name=contact.name) if contact else labels("Hello,"),
        paragraphs=paragraphs,
        link=feed_link(base, contact_feed_token(db, company.id, contact.id if contact else None)),
        link_label=labels("Calendar address"),
        days=days,
        closing=(labels("Times are in the event's time zone (%(zone)s).", zone=company.event.timezone),),
    )
    mail.text, mail.html = render(letter)
    mail.attachments = [
        MailAttachment(
            filename=calendar.file.filename,
            content_type=calendar.file.content_type,
            content=calendar.file.content,
        ),
    ]


def addressee(db: Session, mail: OutgoingMail) -> tuple[Company, Contact | None, Labels]:
    """The mail's company, the contact person it is addressed to (None if gone since) and the mail's words."""
    company = db.get(Company, mail.company_id)
    contact = next((c for c in company.contacts if c.email.strip() == mail.recipient), None)
    return company, contact, mail_labels(mail.language)


def contact_feed_token(db: Session, company_id: int, contact_id: int | None) -> str:
    """The contact's (or the company's) live feed token, made now if there is none (not committed)."""
    row = db.scalar(
        select(FeedToken).where(
            FeedToken.company_id == company_id,
            FeedToken.revoked_at.is_(None),
            FeedToken.contact_id.is_(None) if contact_id is None else FeedToken.contact_id == contact_id,
        )
    )
    if row is None:
        row = FeedToken(token=secrets.token_urlsafe(24), company_id=company_id, contact_id=contact_id)
        db.add(row)
        db.flush()
    return row.token


def _days(entries: tuple[Entry, ...], zone: str, labels: Labels) -> tuple[Day, ...]:
    days: dict = {}
    for entry in entries:
        start, end = entry.start.astimezone(ZoneInfo(zone)), entry.end.astimezone(ZoneInfo(zone))
        if entry.partner is None:
            line = Line(f"{start:%H:%M}–{end:%H:%M}", labels("Seminar: %(title)s", title=entry.title))
        else:
            details = [labels("Table %(number)s", number=entry.table)] if entry.table else []
            if entry.interpreter:
                details.append(labels("Interpreter: %(name)s", name=entry.interpreter))
            if entry.session:
                details.append(entry.session)
            name = entry.partner.name
            if entry.partner.name_latin and entry.partner.name_latin != name:
                name = f"{name} ({entry.partner.name_latin})"
            line = Line(f"{start:%H:%M}–{end:%H:%M}", name, tuple(details))
        days.setdefault(start.date(), []).append(line)
    return tuple(Day(labels.day(day), tuple(lines)) for day, lines in sorted(days.items()))
