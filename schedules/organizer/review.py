"""What the organizer reviews: the grid of a session (slots x tables) and one company's week."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from models import ACTIVE, Company, ConsultationSession, Event, Meeting, MeetingRequest, SolveRun, SolveStatus
from schedules.errors import NotFound
from schedules.lookup import find_event, find_row
from schedules.organizer.unmet import unmet_reasons


@dataclass(frozen=True)
class CompanyRef:
    id: int
    key: str
    name: str
    country: str

    @classmethod
    def of(cls, company: Company) -> CompanyRef:
        return cls(company.id, company.key, company.name, company.country)


@dataclass(frozen=True)
class MeetingCard:
    """A meeting as the organizer sees it (aware UTC times, shown in the event's zone), host-country company first."""

    id: int
    session_id: int
    session_title: str
    start: datetime
    end: datetime
    table: int
    home: CompanyRef
    guest: CompanyRef
    interpreter: str | None
    locked: bool
    edited: bool
    sequence: int = 0  # the version a page shows, posted back with any change of the meeting

    def partner_of(self, company_id: int) -> CompanyRef:
        return self.guest if self.home.id == company_id else self.home


def meeting_card(row: Meeting, event: Event) -> MeetingCard:
    a, b = row.company_a, row.company_b
    if b.country == event.home_country and a.country != event.home_country:
        a, b = b, a
    return MeetingCard(
        id=row.id,
        session_id=row.session_id,
        session_title=row.session.title or row.session.key,
        start=row.start_at,
        end=row.end_at,
        table=row.table_number,
        home=CompanyRef.of(a),
        guest=CompanyRef.of(b),
        interpreter=row.interpreter.name if row.interpreter else None,
        locked=row.locked,
        edited=row.edited,
        sequence=row.sequence,
    )


def _meetings(db: Session, *conditions) -> list[Meeting]:
    return list(
        db.scalars(
            select(Meeting)
            .where(Meeting.status == ACTIVE, *conditions)
            .options(
                selectinload(Meeting.company_a),
                selectinload(Meeting.company_b),
                selectinload(Meeting.session),
                selectinload(Meeting.interpreter),
            )
            .order_by(Meeting.start_at, Meeting.table_number)
        )
    )


def active_meeting(db: Session, event_id: int, meeting_id: int) -> MeetingCard:
    """The event's active meeting with this id; cancelled or another event's is NotFound."""
    event = find_event(db, event_id)
    row = find_row(db, Meeting, event_id, meeting_id)
    if row.status != ACTIVE:
        raise NotFound(f"meeting {meeting_id} is cancelled")
    return meeting_card(row, event)


@dataclass(frozen=True)
class SessionGrid:
    """One session's slots (rows) by tables (columns); a cell holds a meeting or nothing."""

    session: ConsultationSession
    slots: tuple[datetime, ...]
    tables: tuple[int, ...]
    cells: dict[tuple[datetime, int], MeetingCard]
    off_grid: tuple[MeetingCard, ...]  # meetings on a slot or table the session no longer has

    def cell(self, slot: datetime, table: int) -> MeetingCard | None:
        return self.cells.get((slot, table))

    @property
    def used(self) -> float:
        capacity = len(self.slots) * len(self.tables)
        return len(self.cells) / capacity if capacity else 0.0


def session_slots(session: ConsultationSession) -> tuple[datetime, ...]:
    """The starts of the session's whole slots, as aware UTC times."""
    step = timedelta(minutes=session.slot_minutes)
    return tuple(session.start_at + i * step for i in range(int((session.end_at - session.start_at) / step)))


def session_grid(db: Session, event_id: int, session_id: int) -> SessionGrid:
    event = find_event(db, event_id)
    session = find_row(db, ConsultationSession, event_id, session_id)
    slots = session_slots(session)
    tables = tuple(range(1, session.tables + 1))
    cells: dict[tuple[datetime, int], MeetingCard] = {}
    off_grid = []
    for row in _meetings(db, Meeting.session_id == session.id):
        card = meeting_card(row, event)
        if card.start in slots and card.table in tables and (card.start, card.table) not in cells:
            cells[card.start, card.table] = card
        else:
            off_grid.append(card)
    return SessionGrid(session, slots, tables, cells, tuple(off_grid))


@dataclass(frozen=True)
class RequestLine:
    """A request to or from the company, whether its pair meets, and why not (for the schedule as it is now)."""

    request: MeetingRequest
    partner: CompanyRef
    sent: bool
    meeting: MeetingCard | None
    reason: str | None
    detail: str | None


@dataclass(frozen=True)
class CompanyWeek:
    company: Company
    meetings: tuple[MeetingCard, ...]
    requests: tuple[RequestLine, ...]
    limit: int


def company_week(db: Session, event_id: int, company_id: int) -> CompanyWeek:
    event = find_event(db, event_id)
    company = find_row(db, Company, event_id, company_id)
    cards = [
        meeting_card(row, event)
        for row in _meetings(db, or_(Meeting.company_a_id == company.id, Meeting.company_b_id == company.id))
    ]
    by_partner = {card.partner_of(company.id).id: card for card in cards}
    reasons = unmet_reasons(db, event_id)
    lines = []
    for request in db.scalars(
        select(MeetingRequest)
        .where(or_(MeetingRequest.from_company_id == company.id, MeetingRequest.to_company_id == company.id))
        .options(selectinload(MeetingRequest.from_company), selectinload(MeetingRequest.to_company))
        .order_by(MeetingRequest.priority.desc(), MeetingRequest.id)
    ):
        sent = request.from_company_id == company.id
        partner = request.to_company if sent else request.from_company
        reason = reasons.get(frozenset((company.key, partner.key)), (None, None))
        meeting = by_partner.get(partner.id)
        lines.append(
            RequestLine(
                request, CompanyRef.of(partner), sent, meeting, *(reason if meeting is None else (None, None))
            )
        )
    limit = company.max_meetings if company.max_meetings is not None else event.default_max_meetings
    return CompanyWeek(company, tuple(cards), tuple(lines), limit)


def latest_finished_run(db: Session, event_id: int) -> SolveRun | None:
    return db.scalar(
        select(SolveRun)
        .where(SolveRun.event_id == event_id, SolveRun.status == SolveStatus.SUCCEEDED)
        .order_by(SolveRun.id.desc())
        .limit(1)
    )


@dataclass(frozen=True)
class PlacingRequest:
    """A request being placed by hand: its pair and the sessions both companies may meet in."""

    request: MeetingRequest
    home: CompanyRef
    guest: CompanyRef
    sessions: tuple[int, ...]


def placing_request(db: Session, event_id: int, request_id: int) -> PlacingRequest:
    event = find_event(db, event_id)
    request = find_row(db, MeetingRequest, event_id, request_id)
    a, b = request.from_company, request.to_company
    if b.country == event.home_country and a.country != event.home_country:
        a, b = b, a
    wanted = {s.id for s in request.sessions}
    sessions = tuple(
        s.id
        for s in sorted(event.sessions, key=lambda s: s.start_at)
        if (
            not s.countries
            or all(c.country == event.home_country or c.country in s.countries for c in (a, b))
        )
        and (not wanted or s.id in wanted)
    )
    return PlacingRequest(request, CompanyRef.of(a), CompanyRef.of(b), sessions)
