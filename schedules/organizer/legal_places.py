"""The places of a session where a meeting may go, judged by the validator itself (the same check an edit
passes), so move and place-by-hand modes offer only what would be accepted.

Each candidate is validated on the meetings it could clash with (both companies' meetings, the two tables'
and the interpreters' meetings) and compared with the whole schedule's violations before the change: the
rules broken anew are the ones the whole schedule would show (where meetings already clash elsewhere, a
partial group may refuse a place the edit would allow, never the reverse), at a fraction of the cost.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from sqlalchemy.orm import Session

from matcher.domain.instance import Instance
from matcher.domain.schedule import Meeting as PlannedMeeting
from matcher.domain.validator import Violation, validate
from models import Company, ConsultationSession, MeetingRequest
from schedules.lookup import current_instance, find_event, find_row
from schedules.schedule_store import meeting_rows, to_planned
from schedules.timegrid import to_utc

INTERPRETER_RULE = 9


@dataclass(frozen=True)
class Place:
    """A legal free cell (local start, table) with the interpreter the meeting would have there."""

    start: datetime
    table: int
    interpreter: str | None


@dataclass(frozen=True)
class LegalPlaces:
    """Where the meeting may go in one session: free cells, and the meetings (by index) it may swap with."""

    free: tuple[Place, ...]
    swaps: frozenset[int]


class _Neighbours:
    """The schedule's meetings indexed by what they can clash on."""

    def __init__(self, meetings: Sequence[PlannedMeeting]):
        self.meetings = meetings
        self.by_company: dict[str, set[int]] = defaultdict(set)
        self.by_table: dict[tuple[str, int], set[int]] = defaultdict(set)
        self.by_interpreter: dict[str, set[int]] = defaultdict(set)
        for index, meeting in enumerate(meetings):
            for company in meeting.companies:
                self.by_company[company].add(index)
            self.by_table[meeting.session, meeting.table].add(index)
            if meeting.interpreter is not None:
                self.by_interpreter[meeting.interpreter].add(index)

    def around(self, *meetings: PlannedMeeting) -> set[int]:
        """The indexes of the meetings that share a company, a table or an interpreter with any of these."""
        found: set[int] = set()
        for meeting in meetings:
            for company in meeting.companies:
                found |= self.by_company.get(company, set())
            found |= self.by_table.get((meeting.session, meeting.table), set())
            if meeting.interpreter is not None:
                found |= self.by_interpreter.get(meeting.interpreter, set())
        return found


def _broken(
    instance: Instance,
    neighbours: _Neighbours,
    known: set[Violation],
    changed: dict[int | None, PlannedMeeting],
    originals: Sequence[PlannedMeeting],
) -> list[Violation]:
    """The rules that changing the meetings (index None: a new one) would break that held before (`known`:
    the schedule's violations as it stands).

    A changed meeting that breaks a rule on its own (a session not admitting a company, a company away, an
    interpreter without the languages...) is refused at once: those rules look at no other meeting.
    """
    alone = [v for m in changed.values() for v in validate(instance, [m]) if v.meeting == m]
    if alone:
        return alone
    near = sorted(neighbours.around(*originals, *changed.values()))
    after = [changed.get(i, neighbours.meetings[i]) for i in near]
    if None in changed:
        after.append(changed[None])
    return [v for v in validate(instance, after) if v not in known]


def legal_places(
    instance: Instance,
    meetings: Sequence[PlannedMeeting],
    meeting: PlannedMeeting,
    session_id: str,
    interpreters: Sequence[str | None],
    moving: int | None = None,
    swappable: frozenset[int] = frozenset(),
) -> LegalPlaces:
    """The legal places of `meeting` in the session: each free cell with the first of `interpreters` that keeps
    every rule, and the `swappable` meetings of the session it may change places with.

    `moving` is the meeting's index in `meetings` (None for a new meeting, which then has no swaps).
    """
    session = instance.session_by_id[session_id]
    neighbours = _Neighbours(meetings)
    known = set(validate(instance, list(meetings)))
    originals = [meeting] if moving is not None else []
    held = {(m.start, m.table): i for i, m in enumerate(meetings) if m.session == session_id and i != moving}
    free = []
    for slot in session.slots:
        for table in range(1, session.tables + 1):
            if (slot.start, table) in held:
                continue
            for interpreter in interpreters:
                placed = replace(
                    meeting,
                    session=session_id,
                    start=slot.start,
                    end=slot.end,
                    table=table,
                    interpreter=interpreter,
                )
                broken = _broken(instance, neighbours, known, {moving: placed}, originals)
                if not broken:
                    free.append(Place(slot.start, table, interpreter))
                    break
                if any(v.rule != INTERPRETER_RULE for v in broken):
                    break  # only rule 9 looks at the interpreter: another one cannot mend this place
    swaps = set()
    if moving is not None:
        for index in held.values():
            other = meetings[index]
            if index not in swappable:
                continue
            exchanged = {
                moving: replace(
                    meeting, session=other.session, start=other.start, end=other.end, table=other.table
                ),
                index: replace(
                    other, session=meeting.session, start=meeting.start, end=meeting.end, table=meeting.table
                ),
            }
            if not _broken(instance, neighbours, known, exchanged, [meeting, other]):
                swaps.add(index)
    return LegalPlaces(tuple(free), frozenset(swaps))


@dataclass(frozen=True)
class OfferedPlaces:
    """The legal places of a session as the grid shows them: free cells (aware UTC start, table) with the
    interpreter's id to send ("keep" to keep the meeting's own), and the ids of meetings to swap with."""

    free: dict[tuple[datetime, int], str]
    swaps: frozenset[int]

    def offers(self, start: datetime, table: int) -> bool:
        return (start, table) in self.free


def offered_for_move(db: Session, event_id: int, meeting_id: int, session_id: int) -> OfferedPlaces:
    """Where the active meeting may move in the session, or which meetings it may swap with."""
    event = find_event(db, event_id)
    session = find_row(db, ConsultationSession, event_id, session_id)
    instance = current_instance(db, event_id)
    rows = meeting_rows(db, event)
    meetings = [to_planned(row, event.timezone) for row in rows]
    moving = next(i for i, row in enumerate(rows) if row.id == meeting_id)
    own = meetings[moving].interpreter
    ids = {p.key: p.id for p in event.interpreters}
    choices = [own, *([None] if own is not None else []), *(key for key in ids if key != own)]
    swappable = frozenset(
        i for i, row in enumerate(rows) if row.session_id == session.id and not row.locked and i != moving
    )
    places = legal_places(
        instance, meetings, meetings[moving], session.key, choices, moving=moving, swappable=swappable
    )
    return OfferedPlaces(
        {(to_utc(p.start, event.timezone), p.table): _choice(p.interpreter, own, ids) for p in places.free},
        frozenset(rows[i].id for i in places.swaps),
    )


def offered_for_request(db: Session, event_id: int, request_id: int, session_id: int) -> OfferedPlaces:
    """Where a new meeting for the request's pair may be placed in the session (none if the pair meets)."""
    event = find_event(db, event_id)
    session = find_row(db, ConsultationSession, event_id, session_id)
    request = find_row(db, MeetingRequest, event_id, request_id)
    pair = _pair_keys(request.from_company, request.to_company)
    instance = current_instance(db, event_id)
    if any(key not in instance.company_by_id for key in pair):
        return OfferedPlaces({}, frozenset())  # a withdrawn company meets no one
    rows = meeting_rows(db, event)
    meetings = [to_planned(row, event.timezone) for row in rows]
    if any(set(m.companies) == set(pair) for m in meetings):
        return OfferedPlaces({}, frozenset())
    ids = {p.key: p.id for p in event.interpreters}
    blank = PlannedMeeting(pair, session.key, session.start_at, session.start_at, 1)
    places = legal_places(instance, meetings, blank, session.key, [None, *ids])
    return OfferedPlaces(
        {(to_utc(p.start, event.timezone), p.table): _choice(p.interpreter, None, ids) for p in places.free},
        frozenset(),
    )


def _pair_keys(a: Company, b: Company) -> tuple[str, str]:
    first, second = sorted((a, b), key=lambda c: c.id)
    return first.key, second.key


def _choice(interpreter: str | None, own: str | None, ids: dict[str, int]) -> str:
    if interpreter == own:
        return "keep" if own is not None else "none"
    return "none" if interpreter is None else str(ids[interpreter])
