"""Why a requested pair did not meet: one reason code and plain words per pair.

The codes, checked in this order (the first that holds is given):

- ``excluded``: the pair may never meet (cancelled by the organizer, declined,
  or a side withdrew);
- ``no_common_slot``: no slot of a session admitting both (and allowed by the
  request) where neither is unavailable;
- ``seminar_clash``: there are such slots, but each overlaps a seminar one of
  them attends;
- ``no_interpreter``: they share no language and no interpreter speaking both
  sides is available in any slot left;
- ``at_limit``: one of them already has its maximum number of meetings;
- ``no_table``: every slot left has all its tables taken;
- ``outscored``: in every slot left one side (or, where needed, every
  interpreter) is in another meeting; the solver gave those slots to meetings
  worth more, so forcing the pair in would lower the objective.
"""

from __future__ import annotations

from collections.abc import Sequence

from matcher.domain.instance import Company, Interval
from matcher.domain.rules import shares_language, speaks_for
from matcher.domain.schedule import Meeting, Unscheduled
from matcher.domain.scoring import canonical_pair, is_excluded, may_pair, pair_score
from matcher.solve.board import Board
from matcher.solve.space import Busy, SearchSpace, Slot

CODES = ("excluded", "no_common_slot", "seminar_clash", "no_interpreter", "at_limit", "no_table", "outscored")


def explain_unmet(space: SearchSpace, meetings: Sequence[Meeting]) -> list[Unscheduled]:
    """A reason for every requested pair that does not meet in ``meetings`` (which include the locked ones)."""
    instance = space.instance
    met = {m.pair for m in meetings}
    board = Board(space, meetings)
    requested = sorted(
        {canonical_pair(instance, r.from_id, r.to_id) for r in instance.requests if r.from_id != r.to_id}
    )
    found = []
    for ids in requested:
        if frozenset(ids) not in met:
            code, detail = _reason(space, board, *(instance.company_by_id[i] for i in ids))
            found.append(Unscheduled(ids, code, detail))
    return found


def _when(slot: Slot) -> str:
    return f"{slot.session.id} {slot.interval.start:%Y-%m-%d %H:%M}"


def _reason(space: SearchSpace, board: Board, a: Company, b: Company) -> tuple[str, str]:
    instance = space.instance
    names = f"{a.id} and {b.id}"
    if is_excluded(instance, a.id, b.id):
        return "excluded", f"{names} may not meet: the meeting was cancelled, declined or a side withdrew"
    if not may_pair(instance, a, b):
        return (
            "no_common_slot",
            f"{names} are both from {a.country}: meetings pair a home company with a foreign one",
        )
    shared = space.common_slots(a, b)
    if not shared:
        return "no_common_slot", f"no session admits both {names} (in the sessions their requests name)"
    away = {c.id: Busy(c.unavailable) for c in (a, b)}
    available = [s for s in shared if not any(away[c].overlaps(s.interval) for c in away)]
    if not available:
        return "no_common_slot", f"in every slot open to both {names}, one of them is unavailable"
    seminars = {c.id: _seminars(space, c) for c in (a, b)}
    clear = [s for s in available if not any(_clash(seminars[c], s.interval) for c in seminars)]
    if not clear:
        titles = sorted(
            {t for c in seminars for t, i in seminars[c] if any(i.overlaps(s.interval) for s in available)}
        )
        return (
            "seminar_clash",
            f"every slot open to both {names} overlaps a seminar one attends ({', '.join(titles)})",
        )
    needs = not shares_language(a, b)
    if needs:
        helpers = [i for i in instance.interpreters if speaks_for(i, a, b)]
        clear = [s for s in clear if any(not Busy(i.unavailable).overlaps(s.interval) for i in helpers)]
        if not clear:
            return "no_interpreter", (
                f"{names} share no language ({'/'.join(a.languages)} and {'/'.join(b.languages)}) "
                "and no interpreter speaking both is available when they could meet"
            )
    full = [
        c for c in (a, b) if board.count[c.id] + space.locked_count.get(c.id, 0) >= instance.max_meetings(c)
    ]
    if full:
        c = full[0]
        return "at_limit", f"{c.id} already has its maximum of {instance.max_meetings(c)} meetings"
    blocked = [_blockers(space, board, a, b, s) for s in clear]
    if all("table" in found for found in blocked):
        return "no_table", f"all tables are taken in every slot open to both {names} ({_when(clear[0])} ...)"
    if needs and all("table" in found or "interpreter" in found for found in blocked):
        return (
            "no_interpreter",
            f"{names} share no language and every interpreter speaking both is busy whenever they are free",
        )
    score = pair_score(instance, a.id, b.id, space.weights)
    return "outscored", (
        f"whenever {names} could meet, one of them is in a meeting the schedule values more; "
        f"this pair (score {score}) would lower the objective"
    )


def _seminars(space: SearchSpace, company: Company) -> list[tuple[str, Interval]]:
    seminars = space.instance.seminar_by_id
    return [(seminars[s].id, seminars[s].interval) for s in company.seminars if s in seminars]


def _clash(seminars: list[tuple[str, Interval]], interval: Interval) -> bool:
    return any(i.overlaps(interval) for _, i in seminars)


def _blockers(space: SearchSpace, board: Board, a: Company, b: Company, slot: Slot) -> set[str]:
    """What stands in the way in this slot: ``table``, ``interpreter`` (all busy), ``busy`` (a side)."""
    found = set()
    points = slot.points
    if board.tables_used[slot.index] >= space.free_tables[slot.index]:
        found.add("table")
    if any((c.id, p) in board.busy or not space.is_free(c.id, slot.interval) for c in (a, b) for p in points):
        found.add("busy")
    if not shares_language(a, b):
        helpers = [i for i in space.instance.interpreters if speaks_for(i, a, b)]
        if all(
            not space.is_free(i.id, slot.interval) or any((i.id, p) in board.busy for p in points)
            for i in helpers
        ):
            found.add("interpreter")
    return found
