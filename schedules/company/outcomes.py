"""A company's side of its meetings once they happened: "my partner did not come", and what came of each.

Each side records its own outcome; neither ever sees the other's. A company
reaches only its own meetings: another's is as absent as a missing one (404).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation

from babel.numbers import list_currencies
from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from models import ACTIVE, NO_SHOW, OUTCOME_KINDS, Attendance, Company, Meeting, Outcome
from models.base import utcnow
from schedules.cleaning import text_flaw
from schedules.errors import NotFound, Problem, Refused
from schedules.organizer.standby import COMPANY, record_attendance
from schedules.transaction import saving

PUBLISHED = "published"
LARGEST_AMOUNT = Decimal("1e16")


@dataclass(frozen=True)
class OutcomeLine:
    """One of the company's meetings as its outcome page lists it: only its own answer, never the partner's."""

    meeting: Meeting
    partner: Company
    attendance: Attendance | None
    outcome: Outcome | None
    took_place: bool
    partner_absent: bool


def _own_meeting(db: Session, company_id: int, meeting_id: int) -> Meeting:
    """The company's published meeting; NotFound for anyone else's, or before publication."""
    meeting = db.get(Meeting, meeting_id)
    if (
        meeting is None
        or company_id not in (meeting.company_a_id, meeting.company_b_id)
        or meeting.event.state != PUBLISHED
    ):
        raise NotFound(f"no meeting {meeting_id} for company {company_id}")
    return meeting


def took_place(meeting: Meeting, attendance: Attendance | None, now: datetime) -> bool:
    return (
        meeting.status == ACTIVE
        and meeting.end_at <= now
        and (attendance is None or attendance.status != NO_SHOW)
    )


def outcome_lines(db: Session, company_id: int, now: datetime | None = None) -> list[OutcomeLine]:
    """The company's meetings that have started, oldest first, with its own outcome of each."""
    now = now or utcnow()
    company = db.get(Company, company_id)
    if company is None or company.event.state != PUBLISHED:
        return []
    meetings = db.scalars(
        select(Meeting)
        .where(
            or_(Meeting.company_a_id == company_id, Meeting.company_b_id == company_id),
            Meeting.status == ACTIVE,
            Meeting.start_at <= now,
        )
        .options(selectinload(Meeting.company_a), selectinload(Meeting.company_b))
        .order_by(Meeting.start_at)
    ).all()
    ids = [m.id for m in meetings]
    attendance = {
        a.meeting_id: a for a in db.scalars(select(Attendance).where(Attendance.meeting_id.in_(ids)))
    }
    own = {
        o.meeting_id: o
        for o in db.scalars(
            select(Outcome).where(Outcome.company_id == company_id, Outcome.meeting_id.in_(ids))
        )
    }
    lines = []
    for meeting in meetings:
        partner = meeting.company_b if meeting.company_a_id == company_id else meeting.company_a
        seen = attendance.get(meeting.id)
        lines.append(
            OutcomeLine(
                meeting,
                partner,
                seen,
                own.get(meeting.id),
                took_place(meeting, seen, now),
                partner_absent=seen is not None and seen.absent_company_id == partner.id,
            )
        )
    return lines


def report_no_show(db: Session, company_id: int, meeting_id: int, now: datetime | None = None) -> Attendance:
    """The company says its partner did not come. Refused for a cancelled meeting or one not started yet."""
    with saving(db):
        meeting = _own_meeting(db, company_id, meeting_id)
        partner = meeting.company_b_id if meeting.company_a_id == company_id else meeting.company_a_id
        row = record_attendance(db, meeting, partner, COMPANY, now)
    return row


def parse_amount(text: str | None) -> Decimal | None:
    """An amount as typed ("12,500,000" or "1500.50"); None when empty. Refused, naming `amount`, otherwise."""
    text = (text or "").strip().replace(",", "").replace(" ", "")
    if not text:
        return None
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise Refused(Problem("amount_not_number", field="amount")) from None
    if not amount.is_finite() or amount < 0 or amount >= LARGEST_AMOUNT:
        raise Refused(Problem("amount_not_number", field="amount"))
    return amount.quantize(Decimal("0.01"))


def parse_currency(text: str | None, amount: Decimal | None) -> str | None:
    code = (text or "").strip().upper()
    if amount is None:
        return None  # a currency without an amount says nothing
    if not code:
        raise Refused(Problem("currency_needed", field="currency"))
    if code not in list_currencies():
        raise Refused(Problem("currency_unknown", field="currency", values={"code": code}))
    return code


def record_outcome(
    db: Session,
    company_id: int,
    meeting_id: int,
    kind: str,
    amount: str | None = None,
    currency: str | None = None,
    note: str = "",
    now: datetime | None = None,
) -> Outcome:
    """Record (or change) the company's outcome of a meeting that took place. Refused, naming the field, for a
    meeting not held (future, cancelled, partner absent), an unknown kind, an amount that is not a number, or
    an unknown currency; nothing is stored then."""
    with saving(db):
        meeting = _own_meeting(db, company_id, meeting_id)
        problems = []
        if not took_place(meeting, db.get(Attendance, meeting.id), now or utcnow()):
            problems.append(Problem("not_taken_place", field="meeting"))
        if kind not in OUTCOME_KINDS:
            problems.append(Problem("outcome_kind", field="kind"))
        flaw = text_flaw(note, multi_line=True)
        if flaw is not None:
            problems.append(Problem(flaw.code, field="note", values=flaw.values))
        try:
            value = parse_amount(amount)
            code = parse_currency(currency, value)
        except Refused as refused:
            problems += refused.problems
        if problems:
            raise Refused(problems)
        row = db.scalar(
            select(Outcome).where(Outcome.meeting_id == meeting.id, Outcome.company_id == company_id)
        )
        if row is None:
            row = Outcome(meeting_id=meeting.id, company_id=company_id)
            db.add(row)
        row.kind, row.amount, row.currency, row.note = kind, value, code, (note or "").strip()[:2000]
        db.flush()
    return row
