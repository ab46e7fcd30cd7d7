"""The companies and requests lists: search, filters and pages."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Generic, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session, aliased, selectinload

from models import ACTIVE, Company, Meeting, MeetingRequest, Sector
from schedules.lookup import find_event
from schedules.organizer.unmet import unmet_reasons

Item = TypeVar("Item")
PER_PAGE = 50


@dataclass(frozen=True)
class Page(Generic[Item]):
    items: tuple[Item, ...]
    total: int
    number: int
    per_page: int = PER_PAGE

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class CompanyFilter:
    text: str = ""
    country: str = ""
    sector: str = ""  # a sector code: what the company does or seeks
    meetings: str = ""  # "none" or "some"


@dataclass(frozen=True)
class CompanyLine:
    company: Company
    meetings: int
    sent: int
    received: int


def list_companies(db: Session, event_id: int, wanted: CompanyFilter, page: int = 1) -> Page[CompanyLine]:
    find_event(db, event_id)
    query = select(Company).where(Company.event_id == event_id)
    if wanted.text:
        query = query.where(_matches(Company, wanted.text))
    if wanted.country:
        query = query.where(Company.country == wanted.country)
    if wanted.sector:
        query = query.where(
            or_(
                Company.sectors.any(Sector.code == wanted.sector),
                Company.interests.any(Sector.code == wanted.sector),
            )
        )
    counts = meeting_counts(db, event_id)
    companies = list(
        db.scalars(
            query.order_by(Company.position, Company.id).options(
                selectinload(Company.sectors),
                selectinload(Company.contacts),
            )
        )
    )
    if wanted.meetings == "none":
        companies = [c for c in companies if not counts[c.id]]
    elif wanted.meetings == "some":
        companies = [c for c in companies if counts[c.id]]
    sent, received = _request_counts(db, event_id)
    lines = [CompanyLine(c, counts[c.id], sent[c.id], received[c.id]) for c in companies]
    return _page(lines, page)


def meeting_counts(db: Session, event_id: int) -> Counter[int]:
    """Active meetings per company id."""
    counts: Counter[int] = Counter()
    for a, b in db.execute(
        select(Meeting.company_a_id, Meeting.company_b_id).where(
            Meeting.event_id == event_id, Meeting.status == ACTIVE
        )
    ):
        counts[a] += 1
        counts[b] += 1
    return counts


def _request_counts(db: Session, event_id: int) -> tuple[Counter[int], Counter[int]]:
    sent: Counter[int] = Counter()
    received: Counter[int] = Counter()
    for source, target in db.execute(
        select(MeetingRequest.from_company_id, MeetingRequest.to_company_id).where(
            MeetingRequest.event_id == event_id
        )
    ):
        sent[source] += 1
        received[target] += 1
    return sent, received


@dataclass(frozen=True)
class RequestFilter:
    text: str = ""  # either company's name or id
    priority: int | None = None
    status: str = ""  # "met" or "unmet"
    country: str = ""  # either company's country
    answer: str = ""  # "pending", "accepted" or "declined"


@dataclass(frozen=True)
class RequestRow:
    request: MeetingRequest
    met: bool
    reason: str | None
    detail: str | None


def list_requests(db: Session, event_id: int, wanted: RequestFilter, page: int = 1) -> Page[RequestRow]:
    find_event(db, event_id)
    source, target = aliased(Company), aliased(Company)
    query = (
        select(MeetingRequest)
        .join(source, MeetingRequest.from_company_id == source.id)
        .join(target, MeetingRequest.to_company_id == target.id)
        .where(MeetingRequest.event_id == event_id)
    )
    if wanted.text:
        query = query.where(or_(_matches(source, wanted.text), _matches(target, wanted.text)))
    if wanted.priority:
        query = query.where(MeetingRequest.priority == wanted.priority)
    if wanted.country:
        query = query.where(or_(source.country == wanted.country, target.country == wanted.country))
    if wanted.answer:
        query = query.where(MeetingRequest.answer == wanted.answer)
    requests = db.scalars(
        query.order_by(MeetingRequest.priority.desc(), MeetingRequest.position, MeetingRequest.id).options(
            selectinload(MeetingRequest.from_company), selectinload(MeetingRequest.to_company)
        )
    )
    pairs = met_pairs(db, event_id)
    reasons = unmet_reasons(db, event_id)
    rows = []
    for request in requests:
        met = frozenset((request.from_company_id, request.to_company_id)) in pairs
        if wanted.status and (wanted.status == "met") != met:
            continue
        reason, detail = (
            (None, None)
            if met
            else reasons.get(frozenset((request.from_company.key, request.to_company.key)), (None, None))
        )
        rows.append(RequestRow(request, met, reason, detail))
    return _page(rows, page)


def met_pairs(db: Session, event_id: int) -> set[frozenset[int]]:
    """The pairs of company ids that have an active meeting."""
    return {
        frozenset(pair)
        for pair in db.execute(
            select(Meeting.company_a_id, Meeting.company_b_id).where(
                Meeting.event_id == event_id, Meeting.status == ACTIVE
            )
        )
    }


def _matches(company, text: str):
    text = text.strip()
    return or_(
        company.name.icontains(text, autoescape=True),
        func.coalesce(company.name_latin, "").icontains(text, autoescape=True),
        company.key.icontains(text, autoescape=True),
    )


def _page(items: list, number: int) -> Page:
    number = max(1, number)
    start = (number - 1) * PER_PAGE
    return Page(tuple(items[start : start + PER_PAGE]), len(items), number)
