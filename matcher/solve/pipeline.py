"""How the solver spends its time: which phases run, in which order, from which start.

Small events are solved whole: the slot model over every placement, level by
level, usually to proven optimality; when every candidate pair can meet (a
brokerage forum), only the gaps phase is left. Larger events go through the
phases, each given its share of the time left (SHARES):

1. pairs (:mod:`matcher.solve.pairs`): which pairs meet on which day, levels 1-4,
   from the start's pairs (its optimum is a bound: no schedule does better);
2. days (:mod:`matcher.solve.days`): each day's picked pairs in its slots;
3. fill (:mod:`matcher.solve.fill`): pairs that still fit anywhere, best first;
4. windows (:mod:`matcher.solve.windows`): a few time points re-solved at a time;
   up to ``mip.MIP_PLACEMENTS`` placements the slot model as a MIP
   (:mod:`matcher.solve.mip`) goes first: levels 1-2 where open, the best score at
   the floor reached, then floor steps; where it proved that score, the windows
   then only raise the floor;
5. gaps (:mod:`matcher.solve.gaps`): every meeting's slot (and day) re-chosen
   for the fewest idle gaps; the pairs stay.

The start is kept instead if, level by level, it is better (:mod:`matcher.solve.solver`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from matcher.domain.schedule import Meeting
from matcher.solve.context import Context
from matcher.solve.days import PLACE_ALL_SHARE, place_days
from matcher.solve.fill import fill, with_pairs
from matcher.solve.gaps import retime
from matcher.solve.lex import LevelOutcome, find_solution, solve_levels
from matcher.solve.mip import applies as mip_applies
from matcher.solve.mip import best_schedule
from matcher.solve.pairs import Picked, pick_pairs, score_bound
from matcher.solve.slot_model import SlotModel
from matcher.solve.space import Placement, SearchSpace
from matcher.solve.windows import improve

WHOLE_MODEL_PLACEMENTS = 3000  # up to this many placements the slot model is solved whole
# Of the time left when each phase starts; the gaps phase gets the rest.
SHARES = {"pairs": 0.4, "days": 0.45, "windows": 0.4, "mip": 0.6, "floor windows": 0.5}
WHOLE_MODEL_TIMETABLE = (
    0.3  # of a small event's time, kept for the gaps phase when the slot model leaves gaps
)
NEAR_BOUND = 0.002  # a schedule this close to the pairs model's score bound skips the windows
DAYS_WORTH = 0.01  # the days phase runs when the pairs model's choice scores this much above its start
LEVEL_SHARES = {"must": 0.4, "companies": 0.3, "floor": 0.3, "score": 1.0, "gaps": 1.0}


@dataclass
class Found:
    placements: list[Placement]
    status: str
    bound: float | None
    levels: list[LevelOutcome] = field(default_factory=list)


def search(space: SearchSpace, warm: Sequence[Meeting], context: Context) -> Found:
    """The best placements found within the context's time, starting from the ``warm`` schedule."""
    if len(space.placements) <= WHOLE_MODEL_PLACEMENTS:
        return _whole(space, warm, context)
    return _phases(space, warm, context)


def _whole(space: SearchSpace, warm: Sequence[Meeting], context: Context) -> Found:
    """Small events: the slot model over everything, level by level (proven optimal when time allows).

    When every candidate pair can meet (a forum where all requests must be met), a plain
    feasibility search finds that at once, where the level searches would crawl towards it,
    and the rest of the time goes to the gaps phase.
    """
    everyone = SlotModel(space, required=True, gaps=False)
    found = find_solution(
        everyone.model,
        context.clock.part(PLACE_ALL_SHARE / 3),
        context.stop,
        context.search("placing all:"),
    )
    if found is not None:
        context.report("days", everyone.chosen(found))
        placed, gaps = retime(space, everyone.chosen(found), context)
        context.report("gaps", placed)
        parts = space.parts(placed)
        every = [LevelOutcome(name, parts[name], parts[name], True) for name in ("must", "companies")]
        return Found(
            placed,
            "OPTIMAL" if gaps.proven else "FEASIBLE",
            sum(pair.score for pair in space.pairs),
            every + [gaps],
        )
    model = SlotModel(space)
    solution, levels = solve_levels(
        model.model,
        context.levels(model.levels),
        model.hint_for(space.placements_for(warm)),
        context.clock.part(1 - WHOLE_MODEL_TIMETABLE),
        context.stop,
        context.search(""),
        context.on_progress,
    )
    placed = model.chosen(solution)
    context.report("days", placed)
    if not all(o.proven for o in levels):
        placed, gaps = retime(space, placed, context)
        context.report("gaps", placed)
        levels = [o for o in levels if o.name != "gaps"] + [gaps]
    status = "OPTIMAL" if all(o.proven for o in levels) else "FEASIBLE"
    return Found(placed, status, score_bound(levels), levels)


def _phases(space: SearchSpace, warm: Sequence[Meeting], context: Context) -> Found:
    """Larger events: pairs, days, fill, windows, gaps."""
    start = [space.placements[n] for n in sorted(space.placements_for(warm))]
    picked = pick_pairs(space, start, context.part(SHARES["pairs"]))
    ready = [schedule for schedule in picked.scheduled if _reaches(space, schedule, picked, 1 - DAYS_WORTH)]
    if ready:  # the days could gain little over the schedule the score level started from: windows can
        placed, settled = ready[0], False
    else:
        placed = place_days(space, picked, context.part(SHARES["days"]))
        settled = picked.proven and len(placed) == len(picked.pairs)
    placed = space.better_of(fill(space, placed), fill(space, with_pairs(space, start, picked.pairs)))
    for schedule in picked.scheduled:
        placed = space.better_of(placed, schedule)
    context.report("fill", placed)
    if not settled and not _near_bound(space, placed, picked):
        proven = False
        if mip_applies(space):  # the MIP takes the score; windows then raise the floor from its schedule
            placed, proven = best_schedule(space, placed, context.part(SHARES["mip"]), picked.levels)
        windows = context.part(SHARES["floor windows" if proven else "windows"])
        placed = improve(space, placed, windows, picked.floor, floor_only=proven)
        context.report("windows", placed)
    placed, gaps = retime(space, placed, context)
    context.report("gaps", placed)
    status = "OPTIMAL" if settled and gaps.proven else "FEASIBLE"
    return Found(placed, status, score_bound(picked.levels), picked.levels + [gaps])


def _near_bound(space: SearchSpace, placed: list[Placement], picked: Picked) -> bool:
    """Whether the schedule already reaches the pairs model's proven levels, the score within NEAR_BOUND."""
    return picked.proven and _reaches(space, placed, picked, 1 - NEAR_BOUND)


def _reaches(space: SearchSpace, placed: list[Placement], picked: Picked, share: float) -> bool:
    """Whether the schedule reaches the pairs model's levels 1-3 and ``share`` of its score."""
    parts = space.parts(placed)
    reached = all(parts[o.name] >= o.value for o in picked.levels if o.name != "score")
    score = next((o.value for o in picked.levels if o.name == "score"), 0)
    return reached and parts["score"] >= share * score
