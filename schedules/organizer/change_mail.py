"""When a repair changes agendas, the contact persons of exactly the companies whose agenda changed get a
mail listing their added, moved and cancelled meetings, with the updated calendar attached (the same
UIDs, SEQUENCE raised, cancelled ones marked) and the feed address.

The rows are queued in the repair's transaction with the changes as data (in the row's text until
delivery); the letter and the calendar are written at delivery, like the publication's agenda mails.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import Company, Event, OutgoingMail
from schedules.ical import display_name
from schedules.mail.compose import Day, Line
from schedules.mail.composers import composer
from schedules.mail.language import mail_labels
from schedules.mail.outbox import queue_to_compose
from schedules.organizer.agenda_changes import ADDED, MOVED, AgendaChange
from schedules.organizer.publication_mail import addressee, write_calendar_letter

CHANGES = "agenda-change"
TIME = "%Y-%m-%dT%H:%M"


def queue_change_mails(db: Session, event: Event, changed: Mapping[str, Sequence[AgendaChange]]) -> int:
    """Queue one mail per contact (with an address) of each company in `changed` (not committed)."""
    companies = db.scalars(
        select(Company).where(Company.event_id == event.id).options(selectinload(Company.contacts))
    ).all()
    names = {c.key: display_name(c) for c in companies}
    queued = 0
    for company in companies:
        if company.key not in changed:
            continue
        lines = [_change_data(change, names) for change in changed[company.key]]
        labels = mail_labels(company.language)
        for contact in company.contacts:
            address = (contact.email or "").strip()
            if "@" not in address:
                continue
            mail = queue_to_compose(
                db,
                composer=CHANGES,
                to=address,
                kind=CHANGES,
                language=company.language,
                subject=labels("%(event)s: your agenda has changed", event=event.name),
                company_id=company.id,
                event_id=event.id,
            )
            mail.text = json.dumps(lines, ensure_ascii=False)  # the changes, until delivery writes the letter
            queued += 1
    return queued


def _change_data(change: AgendaChange, names: Mapping[str, str]) -> dict:
    def place(meeting) -> dict | None:
        if meeting is None:
            return None
        return {"start": f"{meeting.start:{TIME}}", "end": f"{meeting.end:{TIME}}", "table": meeting.table}

    return {
        "kind": change.kind,
        "partner": names.get(change.partner, change.partner),
        "before": place(change.before),
        "after": place(change.after),
    }


@composer(CHANGES)
def write_changes(db: Session, mail: OutgoingMail, base: str) -> None:
    """The letter listing the changes, and the contact's calendar as it stands now."""
    changes = json.loads(mail.text)
    company, _contact, labels = addressee(db, mail)
    write_calendar_letter(
        db,
        mail,
        base,
        paragraphs=(
            labels(
                "The schedule of %(event)s was brought up to date. These meetings of %(company)s changed:",
                event=company.event.name,
                company=company.name,
            ),
            labels(
                "The attached calendar file updates your calendar: moved meetings keep their entry, cancelled "
                "ones are marked. A subscribed calendar follows by itself:"
            ),
        ),
        days=_days(changes, labels),
    )


def _days(changes: Sequence[dict], labels) -> tuple[Day, ...]:
    days: dict = {}
    for change in changes:
        shown = change["after"] or change["before"]
        start, end = (datetime.strptime(shown[key], TIME) for key in ("start", "end"))
        table = labels("Table %(number)s", number=shown["table"])
        if change["kind"] == ADDED:
            details = (labels("New meeting"), table)
        elif change["kind"] == MOVED:
            before = datetime.strptime(change["before"]["start"], TIME)
            was = labels("Table %(number)s", number=change["before"]["table"])
            details = (
                labels(
                    "Moved from %(time)s, %(table)s",
                    time=f"{labels.day(before.date())} {before:%H:%M}",
                    table=was,
                ),
                table,
            )
        else:
            details = (labels("Cancelled"),)
        line = Line(f"{start:%H:%M}–{end:%H:%M}", change["partner"], details)
        days.setdefault(start.date(), []).append(line)
    return tuple(Day(labels.day(day), tuple(lines)) for day, lines in sorted(days.items()))
