"""The figures of an event's schedule: meetings per country and sector, table use, requests met and not."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from models import ACTIVE, Company, Meeting, MeetingRequest
from schedules.lookup import find_event
from schedules.organizer.listing import RequestFilter, RequestRow, list_requests
from schedules.organizer.review import latest_finished_run, session_slots

MUST = 3


@dataclass(frozen=True)
class TableUse:
    session_id: int
    title: str
    meetings: int
    capacity: int  # slots x tables

    @property
    def share(self) -> float:
        return self.meetings / self.capacity if self.capacity else 0.0


@dataclass(frozen=True)
class Dashboard:
    state: str
    companies: int
    requests: int
    meetings: int
    by_country: tuple[tuple[str, int], ...]  # the partner side's country -> meetings
    by_sector: tuple[tuple[str, str, int], ...]  # (code, English name, Korean name) -> meetings touching it
    table_use: tuple[TableUse, ...]
    must_met: int
    must_total: int
    requests_met: int
    without_meeting: tuple[Company, ...]
    unmet: tuple[RequestRow, ...]
    last_run_score: float | None


def dashboard(db: Session, event_id: int) -> Dashboard:
    event = find_event(db, event_id)
    companies = {
        c.id: c
        for c in db.scalars(
            select(Company)
            .where(Company.event_id == event_id)
            .order_by(Company.position, Company.id)
            .options(selectinload(Company.sectors))
        )
    }
    requests = list(
        db.execute(
            select(
                MeetingRequest.from_company_id, MeetingRequest.to_company_id, MeetingRequest.priority
            ).where(MeetingRequest.event_id == event_id)
        )
    )
    rows = list(
        db.execute(
            select(Meeting.company_a_id, Meeting.company_b_id, Meeting.session_id).where(
                Meeting.event_id == event_id, Meeting.status == ACTIVE
            )
        )
    )
    by_country: Counter[str] = Counter()
    by_sector: Counter[int] = Counter()
    per_session: Counter[int] = Counter()
    met_companies: set[int] = set()
    for a_id, b_id, session_id in rows:
        pair = (companies[a_id], companies[b_id])
        guests = [c for c in pair if c.country != event.home_country] or list(pair)
        for country in {c.country for c in guests}:
            by_country[country] += 1
        for sector_id in {s.id for c in pair for s in c.sectors}:
            by_sector[sector_id] += 1
        per_session[session_id] += 1
        met_companies.update((a_id, b_id))
    pairs = {frozenset((a, b)) for a, b, _ in rows}
    must = [(a, b) for a, b, priority in requests if priority >= MUST]
    met = [(a, b) for a, b, _ in requests if frozenset((a, b)) in pairs]
    sectors = {s.id: s for s in event.sectors}
    run = latest_finished_run(db, event_id)
    return Dashboard(
        state=event.state,
        companies=len(companies),
        requests=len(requests),
        meetings=len(rows),
        by_country=tuple(by_country.most_common()),
        by_sector=tuple(
            (sectors[i].code, sectors[i].name_en or sectors[i].code, sectors[i].name_ko or sectors[i].code, n)
            for i, n in by_sector.most_common()
        ),
        table_use=tuple(
            TableUse(s.id, s.title or s.key, per_session[s.id], len(session_slots(s)) * s.tables)
            for s in event.sessions
        ),
        must_met=sum(1 for pair in must if frozenset(pair) in pairs),
        must_total=len(must),
        requests_met=len(met),
        without_meeting=tuple(c for c in companies.values() if c.id not in met_companies),
        unmet=list_requests(db, event_id, RequestFilter(status="unmet"), page=1).items,
        last_run_score=run.best_score if run else None,
    )
