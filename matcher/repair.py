"""Repair: the fewest changes that bring a published schedule up to date with a changed event.

A published meeting still valid in the new instance is kept exactly (slot,
table, interpreter); a minimal set of invalid ones is dropped, each with the
rule that drops it. Cancelled pairs become excluded pairs, so nothing brings
them back. The solver then places late companies and freed places around the
kept meetings with the same levels as generation. Last, for a must-meet pair
still unmet while tables or partners' times stand in its way, the kept meetings
of its two companies are unlocked and re-placed together with it; the result
is taken only if the pair meets and every unlocked meeting still does, and
each meeting that could go back to its old place goes back. What still moved
is counted, with the must-meet pairs it made room for.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace

from matcher.domain.instance import Instance, Request
from matcher.domain.objective import must_pairs, objective_parts
from matcher.domain.rules import MUST_PRIORITY
from matcher.domain.schedule import Meeting, Schedule
from matcher.domain.validator import Violation, validate
from matcher.formats.schedule_io import meeting_order
from matcher.solve.solver import Progress, SolveParameters, solve
from matcher.solve.space import SearchSpace

MOVABLE_REASONS = ("no_table", "outscored")  # an unmet must-meet pair that moving meetings might place
NEIGHBOURHOOD_SHARE = 0.35  # of the time limit, kept back for placing must-meet pairs by moving meetings

DEFAULT_PARAMETERS = SolveParameters()


@dataclass(frozen=True)
class Dropped:
    """A published meeting the new instance no longer allows: the rule's code and plain words."""

    meeting: Meeting
    reason: str
    detail: str


@dataclass(frozen=True)
class Moved:
    """A published meeting placed elsewhere so that the must-meet pairs ``making_room_for`` could meet."""

    before: Meeting
    after: Meeting
    making_room_for: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class RepairResult:
    schedule: Schedule  # kept, moved and added meetings; stats add kept, moved, dropped, added
    kept: tuple[Meeting, ...]
    moved: tuple[Moved, ...]
    dropped: tuple[Dropped, ...]
    added: tuple[Meeting, ...]
    objective: dict[str, int]
    status: str
    seconds: float


class NotThisEvent(ValueError):
    """The published schedule names mostly companies or sessions the event does not have: another event's."""


def require_same_event(instance: Instance, meetings: Sequence[Meeting]) -> None:
    """Refuse a schedule most of whose meetings name companies or sessions the instance lacks.

    Withdrawals drop some meetings; when more than half name what the event
    does not have, the file is another event's schedule, not this one's.
    """
    strange = [
        m
        for m in meetings
        if m.session not in instance.session_by_id
        or any(id not in instance.company_by_id for id in m.companies)
    ]
    if meetings and 2 * len(strange) > len(meetings):
        example = strange[0]
        raise NotThisEvent(
            f"{len(strange)} of the published schedule's {len(meetings)} meetings name companies or sessions "
            f"this event does not have (first: {'/'.join(example.companies)} in {example.session}): "
            "it looks like another event's schedule"
        )


def excluding(instance: Instance, pairs: Iterable[Sequence[str]]) -> Instance:
    """The instance with these pairs excluded too (pairs naming a company it lacks change nothing)."""
    known = instance.company_by_id
    wanted = {frozenset(pair) for pair in pairs if len(set(pair)) == 2 and all(id in known for id in pair)}
    new = sorted(tuple(sorted(pair)) for pair in wanted - instance.excluded)
    if not new:
        return instance
    return replace(instance, excluded_pairs=instance.excluded_pairs + tuple(new))


def still_valid(instance: Instance, published: Iterable[Meeting]) -> tuple[list[Meeting], list[Dropped]]:
    """The published meetings the instance still allows, and the ones dropped with the rule that drops them.

    The validator decides; of two meetings that clash, the later one named goes,
    and a company over its limit loses its latest meetings, so the dropped set
    stays small.
    """
    kept = list(published)
    dropped: list[Dropped] = []
    while True:
        violations = validate(instance, kept)
        if not violations:
            return kept, dropped
        going: dict[Meeting, Violation] = {}
        for violation in violations:
            meeting = violation.meeting or _latest(kept, violation, instance)
            going.setdefault(meeting, violation)
        kept = [m for m in kept if m not in going]
        dropped += [Dropped(m, v.code, v.message) for m, v in going.items()]


def _latest(meetings: list[Meeting], violation: Violation, instance: Instance) -> Meeting:
    """For a company over its limit: its latest meeting (one at a time, so only the excess goes)."""
    company_id = violation.companies[0]
    return max((m for m in meetings if company_id in m.companies), key=meeting_order)


def repair(
    instance: Instance,
    published: Schedule | Sequence[Meeting],
    cancelled_pairs: Iterable[Sequence[str]] = (),
    params: SolveParameters = DEFAULT_PARAMETERS,
    on_progress: Callable[[Progress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
    pinned: Collection[Meeting] = (),
) -> RepairResult:
    """The published schedule brought up to date with ``instance``, changing as little as it can.

    ``pinned`` meetings (locked by the organizer) are never moved, not even for a must-meet pair.
    """
    started = time.monotonic()
    meetings = published.meetings if isinstance(published, Schedule) else tuple(published)
    instance = excluding(instance, cancelled_pairs)
    kept, dropped = still_valid(instance, meetings)
    musts_time = params.time_limit * NEIGHBOURHOOD_SHARE
    first = solve(
        instance, replace(params, time_limit=params.time_limit - musts_time), kept, on_progress, should_stop
    )
    schedule, status = first.schedule, first.status
    moved: list[Moved] = []
    if status != "INTERRUPTED" and not (should_stop and should_stop()):
        remaining = 0.8 * (params.time_limit - (time.monotonic() - started))  # solves overrun a little
        schedule, moved = _make_room_for_musts(
            instance, schedule, kept, replace(params, time_limit=remaining), set(pinned)
        )
    result_meetings = schedule.meetings
    moved_pairs = {m.before.pair for m in moved}
    kept_now = tuple(m for m in kept if m.pair not in moved_pairs)
    published_pairs = {m.pair for m in kept}
    added = tuple(m for m in result_meetings if m.pair not in published_pairs)
    objective = dict(first.objective)
    if moved:
        reach = SearchSpace(instance, params.weights, kept).reach
        objective = objective_parts(instance, result_meetings, reach, params.weights)
    seconds = round(time.monotonic() - started, 3)
    stats = dict(schedule.stats)
    stats.update(
        objective=objective,
        seconds=seconds,
        kept=len(kept_now),
        moved=len(moved),
        dropped=len(dropped),
        added=len(added),
    )
    final = Schedule(tuple(sorted(result_meetings, key=meeting_order)), schedule.unscheduled, stats)
    return RepairResult(final, kept_now, tuple(moved), tuple(dropped), added, objective, status, seconds)


def _make_room_for_musts(
    instance: Instance,
    schedule: Schedule,
    published: Sequence[Meeting],
    params: SolveParameters,
    pinned: set[Meeting],
) -> tuple[Schedule, list[Moved]]:
    """Place unmet must-meet pairs by moving their companies' meetings, if that alone places them."""
    waiting = sorted(
        tuple(u.companies)
        for u in schedule.unscheduled
        if u.reason in MOVABLE_REASONS and frozenset(u.companies) in must_pairs(instance)
    )
    if not waiting or params.time_limit < 0.5:
        return schedule, []
    companies = {id for pair in waiting for id in pair}
    loose = [m for m in schedule.meetings if companies & set(m.companies) and m not in pinned]
    fixed = [m for m in schedule.meetings if m not in loose]
    # Every loose meeting and every waiting pair becomes a must for this solve, so its first level is to
    # place them all; the pairs it leaves out of the published ones make the attempt fail.
    wanted = {m.pair for m in loose} | {frozenset(pair) for pair in waiting}
    trial = replace(instance, requests=_as_musts(instance.requests, wanted))
    found = solve(trial, params, fixed).schedule.meetings
    met = {m.pair for m in found}
    before = {m.pair: m for m in schedule.meetings}
    placed = [pair for pair in waiting if frozenset(pair) in met]
    published_pairs = {m.pair for m in published}
    if not placed or not {m.pair for m in loose} & published_pairs <= met:
        return schedule, []
    meetings = _put_back(instance, list(found), before)
    if validate(instance, meetings):
        return schedule, []
    moved = [
        Moved(before[m.pair], m, tuple(p for p in placed if set(p) & set(m.companies)))
        for m in meetings
        if m.pair in published_pairs and before[m.pair] != m
    ]
    unscheduled = tuple(u for u in schedule.unscheduled if frozenset(u.companies) not in met)
    return Schedule(tuple(meetings), unscheduled, schedule.stats), moved


def _as_musts(requests: Sequence[Request], pairs: set[frozenset[str]]) -> tuple[Request, ...]:
    """The requests with every pair in ``pairs`` raised to a must-meet request."""
    raised = []
    seen: set[frozenset[str]] = set()
    for request in requests:
        pair = frozenset((request.from_id, request.to_id))
        if pair in pairs and pair not in seen:
            seen.add(pair)
            raised.append(replace(request, priority=MUST_PRIORITY))
        else:
            raised.append(request)
    for pair in sorted(pairs - seen, key=sorted):
        a, b = sorted(pair)
        raised.append(Request(a, b, MUST_PRIORITY))
    return tuple(raised)


def _put_back(
    instance: Instance, meetings: list[Meeting], before: dict[frozenset[str], Meeting]
) -> list[Meeting]:
    """Each meeting that moved goes back to where it was whenever the rules let it."""
    changed = True
    while changed:
        changed = False
        for i, meeting in enumerate(meetings):
            old = before.get(meeting.pair)
            if old is None or old == meeting:
                continue
            others = meetings[:i] + meetings[i + 1 :]
            if _fits(instance, others, old):
                meetings, changed = [*meetings[:i], old, *meetings[i + 1 :]], True
    return meetings


def _fits(instance: Instance, meetings: Sequence[Meeting], new: Meeting) -> bool:
    """Whether ``new`` keeps every rule beside these valid meetings (only those it could clash with are checked:
    its companies', its session's and its interpreter's)."""
    near = [
        m
        for m in meetings
        if not new.pair.isdisjoint(m.companies)
        or m.session == new.session
        or (new.interpreter is not None and m.interpreter == new.interpreter)
    ]
    return not validate(instance, [*near, new])


def changed_companies(result: RepairResult) -> dict[str, Counter]:
    """Per company whose agenda changed: how many of its meetings were added, moved and cancelled."""
    found: dict[str, Counter] = {}
    for kind, meetings in (
        ("added", result.added),
        ("moved", [m.after for m in result.moved]),
        ("cancelled", [d.meeting for d in result.dropped]),
    ):
        for meeting in meetings:
            for company_id in meeting.companies:
                found.setdefault(company_id, Counter())[kind] += 1
    return found
