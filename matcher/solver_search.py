"""How the solver spends its time: pairs first, then each day's slots, then filling what is left.

1. The pairs model (:mod:`matcher.solver_pairs`) picks which pairs meet on which
   day, optimising the first four levels from the greedy schedule.
2. Each day's slot model places that day's pairs. When the pairs fit (the
   usual case) they are all required and the day's search is only about idle
   gaps; otherwise the day is optimised level by level over the picked pairs.
3. Pairs that still fit anywhere are added, best first.
The greedy schedule is kept instead if, level by level, it is better.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from matcher.schedule import Meeting
from matcher.solver_board import Board
from matcher.solver_lex import Clock, LevelOutcome, Progress, Search, Stop, solve_levels
from matcher.solver_model import SlotModel
from matcher.solver_objective import objective_parts, ranking
from matcher.solver_pairs import PairsModel
from matcher.solver_space import Placement, SearchSpace

WHOLE_MODEL_PLACEMENTS = 3000  # up to this many placements the slot model is solved whole
PAIRS_SHARE = 0.3  # of the time limit, for the pairs model; the days share the rest
PAIR_LEVEL_SHARES = {"must": 0.25, "companies": 0.3, "floor": 0.3, "score": 1.0}
DAY_LEVEL_SHARES = {"must": 0.2, "companies": 0.2, "floor": 0.2, "score": 0.5, "gaps": 1.0}


@dataclass
class Found:
    placements: list[Placement]
    status: str
    bound: float | None
    levels: list[LevelOutcome] = field(default_factory=list)


@dataclass(frozen=True)
class Runner:
    """What every CP-SAT search in one solve shares."""

    stop: Stop
    workers: int
    seed: int
    on_progress: Callable[[Progress], None] | None

    def search(self, shares: dict[str, float], label: str) -> Search:
        return Search(self.workers, self.seed, shares, label)


def search(space: SearchSpace, warm: Sequence[Meeting], clock: Clock, runner: Runner) -> Found:
    """The best placements found within ``clock``, starting from the ``warm`` schedule."""
    if len(space.placements) <= WHOLE_MODEL_PLACEMENTS:
        return _whole(space, warm, clock, runner)
    return _decomposed(space, warm, clock, runner)


def _whole(space: SearchSpace, warm: Sequence[Meeting], clock: Clock, runner: Runner) -> Found:
    """Small events: the slot model over everything, level by level (proven optimal when time allows)."""
    model = SlotModel(space)
    solution, levels = solve_levels(
        model.model,
        model.levels,
        model.hint_for(space.placements_for(warm)),
        clock,
        runner.stop,
        runner.search(DAY_LEVEL_SHARES, ""),
        runner.on_progress,
    )
    status = "OPTIMAL" if all(o.proven for o in levels) else "FEASIBLE"
    return Found(model.chosen(solution), status, next(o.bound for o in levels if o.name == "score"), levels)


def _decomposed(space: SearchSpace, warm: Sequence[Meeting], clock: Clock, runner: Runner) -> Found:
    """Larger events: pairs first, then each day's slots, then filling what is left."""
    warm_placements = space.placements_for(warm)
    pairs_model = PairsModel(space)
    hint = pairs_model.hint_for(
        (space.placements[n].pair, space.slots[space.placements[n].slot].day) for n in warm_placements
    )
    solution, pair_levels = solve_levels(
        pairs_model.model,
        pairs_model.levels,
        hint,
        clock.part(PAIRS_SHARE),
        runner.stop,
        runner.search(PAIR_LEVEL_SHARES, "pairs:"),
        runner.on_progress,
    )
    by_day: dict[date, list[int]] = defaultdict(list)
    for pair_index, day in pairs_model.chosen(solution):
        by_day[day].append(pair_index)

    placed: list[Placement] = []
    all_placed = True
    day_levels: list[LevelOutcome] = []
    total = sum(len(p) for p in by_day.values())
    remaining = total
    for day, pairs in sorted(by_day.items()):
        context = _meetings_elsewhere(space, by_day, day)
        found, fitted, outcomes = _place_day(space, day, pairs, context, clock.part(len(pairs) / remaining), runner)
        remaining -= len(pairs)
        placed += found
        all_placed &= fitted
        day_levels += outcomes

    board = Board(space)
    for placement in placed:
        board.take(placement)
    board.first_fit(sorted(range(len(space.pairs)), key=lambda p: (-space.pairs[p].score, p)))
    placed = board.taken

    proven = all(o.proven for o in pair_levels) and all_placed and all(o.proven for o in day_levels)
    score_bound = next((o.bound for o in pair_levels if o.name == "score"), None)
    chosen = _better_of(space, placed, [space.placements[n] for n in warm_placements])
    return Found(chosen, "OPTIMAL" if proven else "FEASIBLE", score_bound, pair_levels + day_levels)


def _meetings_elsewhere(space: SearchSpace, by_day: dict[date, list[int]], day: date) -> Counter[str]:
    count: Counter[str] = Counter()
    for other, pairs in by_day.items():
        if other != day:
            for pair_index in pairs:
                count.update(space.pairs[pair_index].companies)
    return count


def _place_day(
    space: SearchSpace, day: date, pairs: list[int], context: Counter[str], clock: Clock, runner: Runner
) -> tuple[list[Placement], bool, list[LevelOutcome]]:
    """The day's picked pairs in slots: all of them if they fit, with few idle gaps."""
    in_day = [p for pair in pairs for p in space.placements_of_pair[pair] if space.slots[p.slot].day == day]
    board = Board(space)
    hardest_first = sorted(pairs, key=lambda p: (len(space.placements_of_pair[p]), p))
    left = board.first_fit(hardest_first)
    first = {p.index for p in board.taken}
    model = SlotModel(space, in_day, context, required=not left)
    solution, outcomes = solve_levels(
        model.model,
        model.levels,
        model.hint_for(first),
        clock,
        runner.stop,
        runner.search(DAY_LEVEL_SHARES, f"{day}:"),
        runner.on_progress,
    )
    chosen = model.chosen(solution)
    return chosen, len(chosen) == len(pairs), outcomes


def _better_of(space: SearchSpace, ours: list[Placement], theirs: list[Placement]) -> list[Placement]:
    """Ours unless the other schedule is better level by level."""
    def rank(placements: list[Placement]) -> tuple[int, ...]:
        meetings = [*space.locked, *space.meetings(placements)]
        return ranking(objective_parts(space.instance, meetings, space.reach, space.weights))

    return theirs if rank(theirs) > rank(ours) else ours
