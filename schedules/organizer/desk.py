"""The check-in desk: find a company by a piece of its Korean or Latin name, mark it arrived for a day, undo.

Check-ins are kept per company and local day; the standby suggestions pair only
companies checked in that day. Each printed agenda carries a QR code of a
signed link to the desk's check-in of its company.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from models import CheckIn, Company, Event
from models.base import utcnow
from schedules.company.presence import event_days
from schedules.errors import NotFound, Problem, Refused
from schedules.lookup import find_event
from schedules.transaction import saving

TOKEN_SALT = "matchweek-check-in"


@dataclass(frozen=True)
class DeskLine:
    """A company as the desk lists it: whether it is checked in on the desk's day."""

    company: Company
    checked_in: bool


def desk_day(event: Event, wanted: date | None = None, now: datetime | None = None) -> date:
    """The day the desk works on: the one asked for if the event has it, else today if it is an event day,
    else the event's first day."""
    days = event_days(event)
    if wanted in days:
        return wanted
    today = (now or utcnow()).astimezone(ZoneInfo(event.timezone)).date()
    return today if today in days or not days else days[0]


INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"


def _folded(text: str) -> str:
    """Case- and width-blind, spaces ignored, Hangul composed (a keyboard's jamo become syllables)."""
    return unicodedata.normalize("NFKC", text).casefold().replace(" ", "")


def _initials(name: str) -> str:
    """The first consonant of each Hangul syllable ('뮤텍코리아' -> 'ㅁㅌㅋㄹㅇ'), as Korean desks search."""
    return "".join(
        INITIALS[(ord(char) - 0xAC00) // 588] if "가" <= char <= "힣" else char
        for char in unicodedata.normalize("NFC", name).replace(" ", "")
    )


def _matches(typed: str, company: Company) -> bool:
    """Initial consonants alone ('ㅁㅌ') search the Hangul name's initials, anything else every name folded.
    (NFKC would turn those consonants into conjoining jamo, so they are looked at as typed.)"""
    typed = typed.replace(" ", "")
    if typed and all(char in INITIALS for char in typed):
        return typed in _initials(company.name)
    wanted = _folded(typed)
    return not wanted or any(
        wanted in _folded(name) for name in (company.name, company.name_latin or "", company.key)
    )


def search(db: Session, event_id: int, text: str, day: date, limit: int = 30) -> list[DeskLine]:
    """Companies whose name, Latin name or id contains `text`, or whose Hangul name's initial consonants do
    ('ㅁㅌ' finds 뮤텍코리아); all companies, in the event's order, if `text` is empty."""
    find_event(db, event_id)
    companies = db.scalars(select(Company).where(Company.event_id == event_id).order_by(Company.position))
    found = [c for c in companies if _matches(text or "", c)][:limit]
    arrived = checked_in_ids(db, event_id, day)
    return [DeskLine(c, c.id in arrived) for c in found]


def checked_in_ids(db: Session, event_id: int, day: date) -> set[int]:
    return set(db.scalars(select(CheckIn.company_id).where(CheckIn.event_id == event_id, CheckIn.day == day)))


def _company_and_day(
    db: Session, event_id: int, company_id: int | None, day: date | None
) -> tuple[Company, date]:
    event = find_event(db, event_id)
    company = db.get(Company, company_id) if company_id is not None else None
    problems = []
    if company is None or company.event_id != event_id:
        problems.append(Problem("not_in_event", field="company"))
    if day not in event_days(event):
        problems.append(Problem("not_event_day", field="day"))
    if problems:
        raise Refused(problems)
    return company, day


def check_in(db: Session, event_id: int, company_id: int | None, day: date | None) -> CheckIn:
    """Mark the company arrived on `day`; again is harmless. Refused for a company of another event or
    a day the event does not have (nothing is stored)."""
    with saving(db):
        company, day = _company_and_day(db, event_id, company_id, day)
        row = db.scalar(select(CheckIn).where(CheckIn.company_id == company.id, CheckIn.day == day))
        if row is None:
            row = CheckIn(event_id=event_id, company_id=company.id, day=day)
            db.add(row)
            db.flush()
    return row


def undo_check_in(db: Session, event_id: int, company_id: int | None, day: date | None) -> None:
    """The company was marked arrived by mistake: it is no longer checked in that day."""
    with saving(db):
        company, day = _company_and_day(db, event_id, company_id, day)
        db.execute(delete(CheckIn).where(CheckIn.company_id == company.id, CheckIn.day == day))


def _serializer(secret: str) -> URLSafeSerializer:
    return URLSafeSerializer(secret, salt=TOKEN_SALT)


def check_in_token(secret: str, company: Company) -> str:
    """The signed part of a company's check-in link: its event and id, so no other company can be guessed."""
    return _serializer(secret).dumps([company.event_id, company.id])


def read_check_in_token(db: Session, secret: str, token: str) -> Company:
    """The company a check-in link names; NotFound for a forged or altered link, or a company since removed."""
    try:
        event_id, company_id = _serializer(secret).loads(token)
    except (BadSignature, ValueError, TypeError):
        raise NotFound("check-in link") from None
    company = db.get(Company, company_id)
    if company is None or company.event_id != event_id:
        raise NotFound("check-in link")
    return company
