"""What an event's backup keeps beside the event file (`consent.json`): answers, noes and per-company marks.

The event file (b2b-instance/1) has no place for a request's answer, a
company's "no" to a partner, the request settings, a company's mail language or
its withdrawal, so they travel here, named by company keys. A backup written
before this file existed restores as before: every request accepted, nobody
withdrawn.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Company, DeclinedPair, Event, MeetingRequest, RequestAnswer

FORMAT = "matchweek-consent/1"
ANSWERS = tuple(answer.value for answer in RequestAnswer)
NOES = ("withdrawn", "suggestion")  # DeclinedPair.kind


class ConsentRecordError(ValueError):
    """A record of consent.json names a company the event does not have, or holds a bad value."""


def consent_document(db: Session, event: Event) -> dict:
    keys = {c.id: c.key for c in event.companies}
    requests = db.scalars(
        select(MeetingRequest).where(MeetingRequest.event_id == event.id).order_by(MeetingRequest.id)
    )
    declined = db.scalars(
        select(DeclinedPair).where(DeclinedPair.event_id == event.id).order_by(DeclinedPair.id)
    )
    return {
        "format": FORMAT,
        "settings": {
            "requests_need_answer": event.requests_need_answer,
            "requests_close_at": _moment(event.requests_close_at),
            "suggestions": event.suggestions,
        },
        "companies": {
            c.key: {"language": c.language, "withdrawn_at": _moment(c.withdrawn_at)} for c in event.companies
        },
        "answers": [
            {
                "from": keys[r.from_company_id],
                "to": keys[r.to_company_id],
                "answer": r.answer,
                "answered_at": _moment(r.answered_at),
            }
            for r in requests
        ],
        "declined": [
            {
                "company": keys[d.company_id],
                "partner": keys[d.partner_id],
                "kind": d.kind,
                "at": _moment(d.created_at),
            }
            for d in declined
        ],
    }


def restore_consent(db: Session, event: Event, document: dict) -> None:
    """Give the restored event back its answers, noes, settings and company marks; raises ConsentRecordError."""
    if document.get("format") != FORMAT:
        raise ConsentRecordError(f"not a {FORMAT} document")
    companies = {c.key: c for c in event.companies}
    settings = document.get("settings") or {}
    event.requests_need_answer = bool(settings.get("requests_need_answer", False))
    event.requests_close_at = _parse(settings.get("requests_close_at"), "settings.requests_close_at")
    event.suggestions = bool(settings.get("suggestions", True))
    for key, marks in (document.get("companies") or {}).items():
        company = _company(companies, key, f"companies.{key}")
        if marks.get("language") in ("ko", "en"):
            company.language = marks["language"]
        company.withdrawn_at = _parse(marks.get("withdrawn_at"), f"companies.{key}.withdrawn_at")
    requests = {
        (r.from_company.key, r.to_company.key): r
        for r in db.scalars(select(MeetingRequest).where(MeetingRequest.event_id == event.id))
    }
    for i, entry in enumerate(document.get("answers") or []):
        where = f"answers[{i}]"
        request = requests.get((entry.get("from"), entry.get("to")))
        if request is None:
            raise ConsentRecordError(f"{where}: no request from {entry.get('from')} to {entry.get('to')}")
        if entry.get("answer") not in ANSWERS:
            raise ConsentRecordError(f"{where}.answer: one of {', '.join(ANSWERS)} is needed")
        request.answer = entry["answer"]
        request.answered_at = _parse(entry.get("answered_at"), f"{where}.answered_at")
    for i, entry in enumerate(document.get("declined") or []):
        where = f"declined[{i}]"
        company = _company(companies, entry.get("company"), f"{where}.company")
        partner = _company(companies, entry.get("partner"), f"{where}.partner")
        if entry.get("kind") not in NOES:
            raise ConsentRecordError(f"{where}.kind: one of {', '.join(NOES)} is needed")
        declined = DeclinedPair(
            event_id=event.id, company_id=company.id, partner_id=partner.id, kind=entry["kind"]
        )
        if entry.get("at"):
            declined.created_at = _parse(entry["at"], f"{where}.at")
        db.add(declined)


def _company(companies: dict[str, Company], key, where: str) -> Company:
    if key not in companies:
        raise ConsentRecordError(f"{where}: the event has no company {key!r}")
    return companies[key]


def _moment(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


def _parse(text, where: str) -> datetime | None:
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise ConsentRecordError(f"{where}: {text!r} is not a date and time") from None
    if moment.tzinfo is None:
        raise ConsentRecordError(f"{where}: {text!r} has no time zone")
    return moment
