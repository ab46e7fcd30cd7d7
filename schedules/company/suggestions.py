"""Suggested meetings: pairs nobody asked for that the draft schedule placed for a sector fit.

Before publication a company sees each of them with the sectors that fit, and may decline one: the pair is
never scheduled again (`DeclinedPair`) and its draft meeting is cancelled at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from models import ACTIVE, Company, Meeting, Sector
from schedules.company.profile import company_of
from schedules.company.requests import pair_requests, say_no
from schedules.errors import NotFound, Problem, Refused
from schedules.transaction import saving

SUGGESTION = "suggestion"


@dataclass(frozen=True)
class Suggestion:
    """A suggested partner, with the sectors that fit: the company's interests among the partner's sectors
    (`yours`), and the partner's interests among the company's sectors (`theirs`)."""

    partner: Company
    yours: tuple[Sector, ...]
    theirs: tuple[Sector, ...]


def _fit(seeker: Company, offerer: Company) -> tuple[Sector, ...]:
    offered = {s.id for s in offerer.sectors}
    return tuple(s for s in seeker.interests if s.id in offered)


def suggested_meetings(db: Session, company_id: int) -> list[Suggestion]:
    """The company's draft meetings of pairs without any request (none once published)."""
    company = company_of(db, company_id)
    return [] if company.event.published else _suggestions(db, company)


def _suggestions(db: Session, company: Company) -> list[Suggestion]:
    company_id = company.id
    asked = set(pair_requests(db, company_id))  # a pair with a request of any answer is not a suggestion
    rows = db.scalars(
        select(Meeting)
        .where(
            Meeting.status == ACTIVE,
            or_(Meeting.company_a_id == company_id, Meeting.company_b_id == company_id),
        )
        .options(
            selectinload(Meeting.company_a).selectinload(Company.sectors),
            selectinload(Meeting.company_a).selectinload(Company.interests),
            selectinload(Meeting.company_b).selectinload(Company.sectors),
            selectinload(Meeting.company_b).selectinload(Company.interests),
        )
        .order_by(Meeting.start_at)
    )
    found = []
    for row in rows:
        partner = row.company_b if row.company_a_id == company_id else row.company_a
        if partner.id not in asked:
            found.append(Suggestion(partner, _fit(company, partner), _fit(partner, company)))
    return found


def decline_suggestion(db: Session, company_id: int, partner_id: int) -> None:
    """Say no to a suggested meeting: the pair is never scheduled. Refused once the schedule is published
    (`suggestions_closed`); NotFound when the partner is not one of its suggestions."""
    with saving(db):
        company = company_of(db, company_id)
        if partner_id not in {s.partner.id for s in _suggestions(db, company)}:
            raise NotFound(partner_id)
        if company.event.published:
            raise Refused(Problem("suggestions_closed", "partner"))
        say_no(db, company.event, company_id, partner_id, SUGGESTION)
