"""Repair a published schedule: preview the fewest changes that bring it up to date, then apply them at once.

The preview runs the matcher's repair without writing anything and returns a
plan: the changes, and a fingerprint of the event and schedule it was computed
on. Applying the plan is one transaction holding the event's schedule: if the
event or its meetings changed since the preview (an organizer edit won the
race), nothing is written and the repair gets `Conflict` (409) with the reason;
otherwise the plan is checked by the validator and written. Meeting rows are
updated in place: a moved meeting keeps its row (its calendar UID) with a higher
`sequence`, a dropped one becomes cancelled, an added one gets a new row.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from matcher.domain.instance import Instance
from matcher.domain.schedule import Meeting as PlannedMeeting
from matcher.domain.validator import validate
from matcher.formats.instance_io import instance_to_dict
from matcher.formats.schedule_io import meeting_order
from matcher.repair import RepairResult, repair
from matcher.solve.solver import SolveParameters
from models import CANCELLED, Company, Event
from schedules.errors import Conflict, Problem, Refused
from schedules.lookup import current_instance, find_event
from schedules.organizer.agenda_changes import ADDED, CANCELLED_KIND, MOVED, AgendaChange
from schedules.organizer.change_mail import queue_change_mails
from schedules.organizer.checking import refusal
from schedules.schedule_store import LockedMeetingChanged, meeting_rows, save_schedule, to_planned
from schedules.transaction import saving

PREVIEW_SECONDS = 10.0  # a repair keeps nearly everything fixed: 550 companies take 2-7 s on 2 busy cores


@dataclass(frozen=True)
class RepairPlan:
    """What applying the repair changes, and the fingerprint of the state it was computed on."""

    basis: str
    event_id: int = 0
    added: tuple[PlannedMeeting, ...] = ()
    moved: tuple[tuple[PlannedMeeting, PlannedMeeting, str, str], ...] = ()  # before, after, reason, room for
    cancelled: tuple[tuple[PlannedMeeting, str], ...] = ()  # with the reason

    @property
    def totals(self) -> dict[str, int]:
        return {ADDED: len(self.added), MOVED: len(self.moved), CANCELLED_KIND: len(self.cancelled)}

    @property
    def empty(self) -> bool:
        return not (self.added or self.moved or self.cancelled)


@dataclass(frozen=True)
class RepairPreview:
    plan: RepairPlan
    companies: dict[
        str, list[AgendaChange]
    ]  # company key -> its changes, only companies whose agenda changes
    names: dict[str, str] = field(default_factory=dict)  # company key -> name
    kept: int = 0
    unmet_musts: int = 0


def preview_repair(db: Session, event_id: int, seconds: float = PREVIEW_SECONDS) -> RepairPreview:
    """The changes a repair would make now, computed without writing; refused unless the event is published."""
    event = _published(db, event_id)
    instance = current_instance(db, event_id)
    published, cancelled, locked = _schedule_state(db, event)
    basis = _fingerprint(instance, published, cancelled)
    result = repair(
        instance, published, cancelled, SolveParameters(time_limit=seconds, workers=2), pinned=locked
    )
    plan = _plan(basis, event_id, result)
    names = {c.key: c.name for c in db.scalars(select(Company).where(Company.event_id == event_id))}
    unmet = result.objective["must_total"] - result.objective["must"]
    return RepairPreview(plan, changed_companies(plan), names, len(result.kept), unmet)


def apply_repair(db: Session, event_id: int, plan: RepairPlan) -> dict[str, list[AgendaChange]]:
    """Write the previewed plan in one transaction; `Conflict` if the event changed since the preview.

    Returns the changes per company whose agenda changed (the companies to tell).
    """
    if plan.event_id != event_id:
        raise Refused(Problem("repair_other_event"))
    with saving(db, holding=event_id):
        event = _published(db, event_id)
        instance = current_instance(db, event_id)
        published, cancelled, _ = _schedule_state(db, event)
        if _fingerprint(instance, published, cancelled) != plan.basis:
            raise Conflict("the event or its schedule changed since the preview: preview the repair again")
        going = {m for m, _ in plan.cancelled} | {move[0] for move in plan.moved}
        meetings = (
            [m for m in published if m not in going] + [move[1] for move in plan.moved] + list(plan.added)
        )
        violations = validate(instance, meetings)
        if violations:
            raise refusal(instance, violations)
        try:
            save_schedule(db, event, meetings)
        except LockedMeetingChanged:
            raise Refused(Problem("repair_locked")) from None
        changed = changed_companies(plan)
        queue_change_mails(db, event, changed)
    return changed


def changed_companies(plan: RepairPlan) -> dict[str, list[AgendaChange]]:
    """Per company whose agenda changes: its added, moved and cancelled meetings, in time order."""
    found: dict[str, list[AgendaChange]] = {}

    def note(meeting: PlannedMeeting, change: AgendaChange) -> None:
        for own, partner in (meeting.companies, meeting.companies[::-1]):
            found.setdefault(own, []).append(_with_partner(change, partner))

    for meeting in plan.added:
        note(meeting, AgendaChange(ADDED, "", after=meeting))
    for before, after, reason, room_for in plan.moved:
        note(after, AgendaChange(MOVED, "", before, after, reason, room_for))
    for meeting, reason in plan.cancelled:
        note(meeting, AgendaChange(CANCELLED_KIND, "", before=meeting, reason=reason))
    for changes in found.values():
        changes.sort(key=lambda c: meeting_order(c.after or c.before))
    return dict(sorted(found.items()))


def _with_partner(change: AgendaChange, partner: str) -> AgendaChange:
    return replace(change, partner=partner)


def plan_to_dict(plan: RepairPlan) -> dict:
    """The plan as JSON-ready data (for the page to send back with "apply")."""
    return {
        "basis": plan.basis,
        "event": plan.event_id,
        "added": [_meeting_dict(m) for m in plan.added],
        "moved": [[_meeting_dict(b), _meeting_dict(a), reason, room] for b, a, reason, room in plan.moved],
        "cancelled": [[_meeting_dict(m), reason] for m, reason in plan.cancelled],
    }


def plan_from_dict(data: dict) -> RepairPlan:
    return RepairPlan(
        basis=data["basis"],
        event_id=int(data["event"]),
        added=tuple(_meeting(m) for m in data["added"]),
        moved=tuple(
            (_meeting(b), _meeting(a), str(reason), str(room)) for b, a, reason, room in data["moved"]
        ),
        cancelled=tuple((_meeting(m), reason) for m, reason in data["cancelled"]),
    )


def _published(db: Session, event_id: int) -> Event:
    event = find_event(db, event_id)
    if event.state != "published":
        raise Refused(Problem("repair_unpublished"))
    return event


def _schedule_state(
    db: Session, event: Event
) -> tuple[list[PlannedMeeting], list[tuple[str, str]], list[PlannedMeeting]]:
    """Active meetings, pairs the organizer cancelled (never to meet again), and the meetings a repair never
    moves (locked, or placed by hand), as a solve keeps them."""
    rows = meeting_rows(db, event, include_cancelled=True)
    zone = event.timezone
    active = sorted((to_planned(r, zone) for r in rows if r.status != CANCELLED), key=meeting_order)
    cancelled = sorted(
        {(r.company_a.key, r.company_b.key) for r in rows if r.status == CANCELLED and r.edited}
    )
    locked = [to_planned(r, zone) for r in rows if r.status != CANCELLED and (r.locked or r.edited)]
    return active, cancelled, locked


def _fingerprint(instance: Instance, meetings: list[PlannedMeeting], cancelled: list[tuple[str, str]]) -> str:
    """A digest of the event, its active meetings and its cancelled pairs: equal means nothing changed."""
    document = {
        "instance": instance_to_dict(instance),
        "meetings": [_meeting_dict(m) for m in sorted(meetings, key=meeting_order)],
        "cancelled": cancelled,
    }
    return hashlib.sha256(json.dumps(document, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _plan(basis: str, event_id: int, result: RepairResult) -> RepairPlan:
    """The result as changes to the published schedule: a dropped pair placed again counts as moved."""
    readded = {m.pair: m for m in result.added}
    cancelled = tuple((d.meeting, d.detail) for d in result.dropped if d.meeting.pair not in readded)
    moved = [
        (m.before, m.after, "", ", ".join("/".join(pair) for pair in m.making_room_for)) for m in result.moved
    ]
    moved += [
        (d.meeting, readded[d.meeting.pair], d.detail, "")
        for d in result.dropped
        if d.meeting.pair in readded
    ]
    again = {d.meeting.pair for d in result.dropped}
    added = tuple(m for m in result.added if m.pair not in again)
    return RepairPlan(basis, event_id, added, tuple(moved), cancelled)


def _meeting_dict(meeting: PlannedMeeting) -> dict:
    return {
        "companies": list(meeting.companies),
        "session": meeting.session,
        "start": meeting.start.isoformat(),
        "end": meeting.end.isoformat(),
        "table": meeting.table,
        "interpreter": meeting.interpreter,
    }


def _meeting(data: dict) -> PlannedMeeting:
    return PlannedMeeting(
        tuple(data["companies"]),
        data["session"],
        datetime.fromisoformat(data["start"]),
        datetime.fromisoformat(data["end"]),
        int(data["table"]),
        data["interpreter"],
    )
