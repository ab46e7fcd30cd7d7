"""The desk's records in an event's backup (`desk.json`): check-ins, attendance and outcomes.

Meetings are named by their pair of company ids: a pair keeps one meeting row
for the life of an event, so the pair finds the restored row. A backup written
before the desk existed has no such file and restores with none.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import ATTENDANCE_STATES, OUTCOME_KINDS, Attendance, CheckIn, Company, Event, Meeting, Outcome

FORMAT = "matchweek-desk/1"


class DeskRecordError(ValueError):
    """A record of desk.json names something the event does not have, or holds a bad value."""


def _pair(meeting: Meeting) -> list[str]:
    return [meeting.company_a.key, meeting.company_b.key]


def desk_document(db: Session, event: Event) -> dict:
    keys = {c.id: c.key for c in event.companies}
    meetings = {m.id: m for m in db.scalars(select(Meeting).where(Meeting.event_id == event.id))}
    check_ins = db.scalars(
        select(CheckIn).where(CheckIn.event_id == event.id).order_by(CheckIn.day, CheckIn.id)
    )
    attendance = db.scalars(
        select(Attendance).where(Attendance.meeting_id.in_(meetings)).order_by(Attendance.meeting_id)
    )
    outcomes = db.scalars(select(Outcome).where(Outcome.meeting_id.in_(meetings)).order_by(Outcome.id))
    return {
        "format": FORMAT,
        "check_ins": [
            {"company": keys[c.company_id], "day": c.day.isoformat(), "at": c.at.isoformat()}
            for c in check_ins
        ],
        "attendance": [
            {
                "meeting": _pair(meetings[a.meeting_id]),
                "status": a.status,
                "absent": keys.get(a.absent_company_id),
                "reported_by": a.reported_by,
            }
            for a in attendance
        ],
        "outcomes": [
            {
                "meeting": _pair(meetings[o.meeting_id]),
                "company": keys[o.company_id],
                "kind": o.kind,
                "amount": str(o.amount) if o.amount is not None else None,
                "currency": o.currency,
                "note": o.note,
            }
            for o in outcomes
        ],
    }


def restore_desk(db: Session, event: Event, document: dict) -> int:
    """Add the records to the restored event (in the caller's transaction); the number of records."""
    if document.get("format") != FORMAT:
        raise DeskRecordError(f"not a {FORMAT} document")
    companies: dict[str, Company] = {c.key: c for c in event.companies}
    rows = {
        frozenset((m.company_a.key, m.company_b.key)): m
        for m in db.scalars(select(Meeting).where(Meeting.event_id == event.id))
    }

    def company(key) -> Company:
        if key not in companies:
            raise DeskRecordError(f"unknown company {key!r}")
        return companies[key]

    def meeting(pair) -> Meeting:
        found = rows.get(frozenset(pair or ()))
        if found is None:
            raise DeskRecordError(f"no meeting of the pair {pair!r}")
        return found

    try:
        for entry in document.get("check_ins", []):
            db.add(
                CheckIn(
                    event_id=event.id,
                    company_id=company(entry["company"]).id,
                    day=date.fromisoformat(entry["day"]),
                    at=datetime.fromisoformat(entry["at"]),
                )
            )
        for entry in document.get("attendance", []):
            if entry["status"] not in ATTENDANCE_STATES:
                raise DeskRecordError(f"unknown attendance {entry['status']!r}")
            absent = company(entry["absent"]).id if entry.get("absent") else None
            db.add(
                Attendance(
                    meeting_id=meeting(entry["meeting"]).id,
                    status=entry["status"],
                    absent_company_id=absent,
                    reported_by=entry["reported_by"],
                )
            )
        for entry in document.get("outcomes", []):
            if entry["kind"] not in OUTCOME_KINDS:
                raise DeskRecordError(f"unknown outcome {entry['kind']!r}")
            db.add(
                Outcome(
                    meeting_id=meeting(entry["meeting"]).id,
                    company_id=company(entry["company"]).id,
                    kind=entry["kind"],
                    amount=Decimal(entry["amount"]) if entry.get("amount") is not None else None,
                    currency=entry.get("currency"),
                    note=entry.get("note") or "",
                )
            )
    except (KeyError, TypeError, ValueError, InvalidOperation) as error:
        if isinstance(error, DeskRecordError):
            raise
        raise DeskRecordError(f"a record lacks a field or holds a bad value ({error})") from None
    db.flush()
    return sum(len(document.get(name, [])) for name in ("check_ins", "attendance", "outcomes"))
