"""Why requested pairs do not meet in the schedule as it stands now, hand edits included.

The solver stores its reasons with its run, but they describe the schedule it
wrote: after the organizer moves, cancels or places meetings by hand they may
be wrong (a cancelled pair has none, a freed slot still reads "no free
table"). So the console works them out again for the current meetings with
the matcher's own reasons, adding one the solver never needs: `free_place`,
a pair that could meet right now in a free place (a solve fills those; hand
edits can leave them).
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from matcher.domain.instance import Instance
from matcher.domain.schedule import Meeting, Unscheduled
from matcher.domain.scoring import canonical_pair, pair_score
from matcher.solve.board import Board
from matcher.solve.explain import explain_unmet
from matcher.solve.space import SearchSpace
from schedules.event_store import event_to_instance, load_event
from schedules.schedule_store import planned_meetings

FREE_PLACE = "free_place"


def explain_current(instance: Instance, meetings: Sequence[Meeting]) -> list[Unscheduled]:
    """A reason for every requested pair that does not meet in `meetings`; `free_place` where one fits now."""
    met = {m.pair for m in meetings}
    unmet = {
        pair: pair_score(instance, *pair)
        for pair in {
            canonical_pair(instance, r.from_id, r.to_id) for r in instance.requests if r.from_id != r.to_id
        }
        if frozenset(pair) not in met
    }
    space = SearchSpace(instance, pairs=unmet)
    on_grid = [
        m for m in meetings if (m.session, m.start) in space.slot_at
    ]  # a stored schedule may break rule 4
    board = Board(space, on_grid)
    free = {}
    for placement in space.placements:
        pair = space.pairs[placement.pair].companies
        if pair not in free and board.fits(placement):
            free[pair] = space.slots[placement.slot]
    return [
        Unscheduled(u.companies, FREE_PLACE, _free_detail(u.companies, free[u.companies]))
        if u.companies in free
        else u
        for u in explain_unmet(space, on_grid)
    ]


def _free_detail(companies: tuple[str, str], slot) -> str:
    return (
        f"{companies[0]} and {companies[1]} could meet in {slot.session.id} at "
        f"{slot.interval.start:%Y-%m-%d %H:%M}: a table, both companies and any interpreter needed are free"
    )


def unmet_reasons(db: Session, event_id: int) -> dict[frozenset[str], tuple[str, str]]:
    """pair of company keys -> (reason code, detail) for each requested pair without a meeting now."""
    event = load_event(db, event_id)
    reasons = explain_current(event_to_instance(event, withdrawn=False), planned_meetings(db, event))
    return {frozenset(u.companies): (u.reason, u.detail) for u in reasons}
