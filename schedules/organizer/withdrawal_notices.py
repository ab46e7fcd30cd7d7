"""Who is told of a withdrawal or a change request (after publication): the mails are queued in the same
transaction as the change, each in its reader's language."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from models import MAIL_LANGUAGES, Account, ChangeRequest, Company, Event, Meeting
from schedules.ical import display_name
from schedules.mail.compose import Day, Letter, Line, render
from schedules.mail.language import mail_labels
from schedules.mail.outbox import queue_mail
from schedules.organizer.notices import Notice, addresses, queue_notice
from schedules.organizer.team import running_event
from schedules.timegrid import to_local

WITHDRAWN = "partner-withdrawn"
CHANGE_REQUEST = "change-request"


def partners_of(company: Company, meetings: Sequence[Meeting]) -> list[Company]:
    """The other side of each meeting, each company once, in name order."""
    partners = {
        m.company_b.id if m.company_a_id == company.id else m.company_a.id: m.company_b
        if m.company_a_id == company.id
        else m.company_a
        for m in meetings
    }
    return sorted(partners.values(), key=lambda c: (c.name, c.id))


def notify_partners_of_withdrawal(
    db: Session, event: Event, company: Company, cancelled_meetings: Sequence[Meeting]
) -> list[Company]:
    """The partners whose meetings with the withdrawn `company` were cancelled: each gets one mail listing
    them (their calendars mark them cancelled). Returns those companies."""
    partners = partners_of(company, cancelled_meetings)
    zone = event.timezone
    for partner in partners:
        labels = mail_labels(partner.language)
        lines: dict = {}
        for meeting in cancelled_meetings:
            if partner.id in (meeting.company_a_id, meeting.company_b_id):
                start, end = (to_local(t, zone) for t in (meeting.start_at, meeting.end_at))
                lines.setdefault(start.date(), []).append(
                    Line(
                        f"{start:%H:%M}–{end:%H:%M}",
                        display_name(company),
                        (labels("Table %(number)s", number=meeting.table_number), labels("Cancelled")),
                    )
                )
        notice = Notice(WITHDRAWN, partner.id, partner.name, addresses(db, partner), ())
        queue_notice(
            db,
            notice,
            partner,
            Letter(
                language=partner.language,
                subject=labels("%(event)s: a partner withdrew", event=event.name),
                greeting=labels("Hello,"),
                paragraphs=(
                    labels(
                        "%(company)s withdrew from %(event)s. These meetings of %(partner)s are cancelled; "
                        "the organizer may offer you new ones:",
                        company=display_name(company),
                        event=event.name,
                        partner=partner.name,
                    ),
                ),
                days=tuple(Day(labels.day(day), tuple(found)) for day, found in sorted(lines.items())),
                closing=(labels("Times are in the event's time zone (%(zone)s).", zone=zone),),
            ),
        )
    return partners


def notify_organizer_of_change_request(db: Session, change_request: ChangeRequest) -> list[Account]:
    """The organizers running the event told of a company's new change request, each by a mail in its language."""
    company = change_request.company
    organizers = running_event(db, company.event_id)
    for account in organizers:
        language = account.language if account.language in MAIL_LANGUAGES else "ko"
        labels = mail_labels(language)
        letter = Letter(
            language=language,
            subject=labels(
                "%(event)s: a change request from %(company)s", event=company.event.name, company=company.name
            ),
            greeting=labels("Hello,"),
            paragraphs=(
                labels(
                    "%(company)s asks for a change the published schedule did not allow:",
                    company=display_name(company),
                ),
                change_request.message or "-",
            ),
        )
        text, html = render(letter)
        queue_mail(
            db,
            to=account.email,
            kind=CHANGE_REQUEST,
            language=language,
            subject=letter.subject,
            text=text,
            html=html,
            event_id=company.event_id,
        )
    return organizers
