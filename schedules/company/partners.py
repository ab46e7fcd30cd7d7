"""Partners a company may meet: browsed with search and filters, and suggested by sector fit.

Who may meet whom and how well sectors fit are the matcher's rules
(`may_pair`, and the interest part of the pair score), applied to the
event's companies as they are in the database now.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from matcher.domain import instance as mi
from matcher.domain.scoring import Weights, may_pair, pair_score
from models import Company, Event, MeetingRequest
from schedules.company.profile import company_of
from schedules.errors import NotFound

SECTOR_FIT = Weights(request=0, interest=1)


@dataclass(frozen=True)
class PartnerFilter:
    """What the partner list is narrowed to: words in names or description, a country, a sector code."""

    q: str = ""
    country: str = ""
    sector: str = ""

    def admits(self, company: Company) -> bool:
        if self.country and company.country != self.country:
            return False
        if self.sector and self.sector not in {s.code for s in company.sectors}:
            return False
        words = self.q.casefold().split()
        text = " ".join(filter(None, (company.name, company.name_latin, company.description))).casefold()
        return all(word in text for word in words)


@dataclass(frozen=True)
class Partner:
    """A possible partner with its sector fit (0-2) and the requests already made each way (priority or None)."""

    company: Company
    fit: int
    sent: MeetingRequest | None
    received: MeetingRequest | None


@dataclass(frozen=True)
class Market:
    """One company and everyone of its event, as the matcher's rules see them."""

    me: Company
    companies: tuple[Company, ...]
    event: Event

    @cached_property
    def instance(self) -> mi.Instance:
        event = mi.Event(
            self.event.name, self.event.timezone, self.event.home_country, pairing=self.event.pairing
        )
        return mi.Instance(event, companies=tuple(_plain(c) for c in self.companies))

    def may_meet(self, other: Company) -> bool:
        by_id = self.instance.company_by_id
        return may_pair(self.instance, by_id[str(self.me.id)], by_id[str(other.id)])

    def fit(self, other: Company) -> int:
        return pair_score(self.instance, str(self.me.id), str(other.id), SECTOR_FIT)


def _plain(company: Company) -> mi.Company:
    return mi.Company(
        id=str(company.id),
        name=company.name,
        country=company.country,
        languages=tuple(company.languages),
        sectors=tuple(s.code for s in company.sectors),
        interests=tuple(s.code for s in company.interests),
    )


def market(db: Session, company_id: int) -> Market:
    me = company_of(db, company_id)
    companies = db.scalars(
        select(Company)
        .where(Company.event_id == me.event_id, Company.withdrawn_at.is_(None))
        .options(selectinload(Company.sectors), selectinload(Company.interests))
        .order_by(Company.position, Company.id)
    ).all()
    return Market(me, tuple(companies), me.event)


def _requests(db: Session, company_id: int) -> tuple[dict[int, MeetingRequest], dict[int, MeetingRequest]]:
    rows = db.scalars(
        select(MeetingRequest).where(
            (MeetingRequest.from_company_id == company_id) | (MeetingRequest.to_company_id == company_id)
        )
    ).all()
    sent = {r.to_company_id: r for r in rows if r.from_company_id == company_id}
    received = {r.from_company_id: r for r in rows if r.to_company_id == company_id}
    return sent, received


def partners(db: Session, company_id: int, wanted: PartnerFilter = PartnerFilter()) -> list[Partner]:
    """Every company the company may meet that passes the filter, in the event's order."""
    place = market(db, company_id)
    sent, received = _requests(db, company_id)
    return [
        Partner(other, place.fit(other), sent.get(other.id), received.get(other.id))
        for other in place.companies
        if place.may_meet(other) and wanted.admits(other)
    ]


def best_fits(found: list[Partner], limit: int = 6) -> list[Partner]:
    """Partners not yet asked whose sectors fit best, best first."""
    return sorted((p for p in found if p.fit > 0 and p.sent is None), key=lambda p: -p.fit)[:limit]


def partner(db: Session, company_id: int, partner_id: int) -> Partner:
    """One possible partner. Raises NotFound for a company it may not meet (or one of another event)."""
    for found in partners(db, company_id):
        if found.company.id == partner_id:
            return found
    raise NotFound(partner_id)


@dataclass(frozen=True)
class Browse:
    """The partners page: who passes the filter, the suggestions, and the choices the filters offer."""

    me: Company
    found: list[Partner]
    suggested: list[Partner]
    countries: list[str]
    sectors: list[str]  # codes, in the event's order of first use


def browse(db: Session, company_id: int, wanted: PartnerFilter) -> Browse:
    everyone = partners(db, company_id)
    return Browse(
        me=company_of(db, company_id),
        found=[p for p in everyone if wanted.admits(p.company)],
        suggested=best_fits(everyone),
        countries=sorted({p.company.country for p in everyone}),
        sectors=list(dict.fromkeys(s.code for p in everyone for s in p.company.sectors)),
    )
