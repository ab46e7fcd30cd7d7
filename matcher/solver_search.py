"""How the solver spends its time: which models it builds, in which order, from which start.

Small events are solved whole: the slot model over every placement, level by
level, usually to proven optimality; when every candidate pair can meet (a
brokerage forum), only the timetable phase is left. Larger events are decomposed:

1. the pairs model (:mod:`matcher.solver_pairs`) picks which pairs meet on
   which day, optimising levels 1-4 from the greedy schedule (its optimum is a
   bound: no schedule does better);
2. each day's slot model places that day's picked pairs (level by level, so
   when some do not fit, the ones that matter most do);
3. pairs that still fit anywhere are added, best first;
4. large-neighbourhood search re-solves windows of a few time points;
5. the timetable phase (:mod:`matcher.timetable`) re-chooses every meeting's
   slot, across days too, for the fewest idle gaps; the pairs stay.

The greedy schedule is kept instead if, level by level, it is better.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ortools.sat.python import cp_model

from matcher.compaction import compact
from matcher.lns import improve
from matcher.schedule import Meeting
from matcher.scoring import idle_gaps
from matcher.solver_board import Board
from matcher.solver_lex import Clock, Level, LevelOutcome, Progress, Search, Stop, find_solution, solve_levels
from matcher.solver_model import SlotModel
from matcher.solver_objective import objective_parts, ranking
from matcher.solver_pairs import PairsModel
from matcher.solver_space import Placement, SearchSpace
from matcher.timetable import TimetableSearch, place_pairs
from matcher.timetable_sat import applies as gap_decisions_apply

WHOLE_MODEL_PLACEMENTS = 3000  # up to this many placements the slot model is solved whole
# Of the time left when each phase starts; the timetable phase (idle gaps) gets the rest.
SHARES = {"pairs": 0.4, "days": 0.45, "lns": 0.4}
ANNEAL_SHARE = 0.2  # of the idle-gap phase, for annealing before the timetable model
MODEL_TRIAL_SHARE = 0.2  # of the time left then, for the model's first run
MODEL_PROGRESS = 0.01  # the share of gaps that run must take off to keep the rest of the time
WHOLE_MODEL_TIMETABLE = (
    0.3  # of a small event's time, kept for the timetable phase when the slot model leaves gaps
)
NEAR_BOUND = 0.002  # a schedule this close to the pairs model's score bound skips the windows
DAYS_WORTH = 0.01  # the days phase runs when the pairs model's choice scores this much above its start
PLACE_ALL_SHARE = 0.3  # of a day's time, to look for a placement of all its picked pairs
LEVEL_SHARES = {"must": 0.4, "companies": 0.3, "floor": 0.3, "score": 1.0, "gaps": 1.0}


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
    raise_floor: bool = True  # False: fairness is coverage alone (level 3 left out)
    reached: Callable[[str, list[Placement]], None] | None = None  # a phase's whole schedule, for progress
    bound: Callable[[float | None], None] | None = None  # a proven score bound at the levels reached

    def report(self, phase: str, placed: list[Placement]) -> None:
        if self.reached is not None:
            self.reached(phase, placed)

    def levels(self, levels: Sequence[Level]) -> list[Level]:
        return [level for level in levels if self.raise_floor or level.name != "floor"]

    def search(
        self,
        label: str,
        tuning: Callable[[cp_model.SatParameters], None] | None = None,
        anchor: Sequence[cp_model.IntVar] = (),
    ) -> Search:
        return Search(self.workers, self.seed, LEVEL_SHARES, label, tuning, tuple(anchor))


def matching_tuning(parameters: cp_model.SatParameters) -> None:
    """Slot models are matching-like: the LP's cuts pay off (10x faster here), probing does not."""
    parameters.linearization_level = 2
    parameters.cp_model_probing_level = 0


def search(space: SearchSpace, warm: Sequence[Meeting], clock: Clock, runner: Runner) -> Found:
    """The best placements found within ``clock``, starting from the ``warm`` schedule."""
    if len(space.placements) <= WHOLE_MODEL_PLACEMENTS:
        return _whole(space, warm, clock, runner)
    return _decomposed(space, warm, clock, runner)


def _whole(space: SearchSpace, warm: Sequence[Meeting], clock: Clock, runner: Runner) -> Found:
    """Small events: the slot model over everything, level by level (proven optimal when time allows).

    When every candidate pair can meet (a forum where all requests must be met), a plain
    feasibility search finds that at once, where the level searches would crawl towards it,
    and the rest of the time goes to the timetable phase.
    """
    everyone = SlotModel(space, required=True, gaps=False)
    found = find_solution(
        everyone.model, clock.part(PLACE_ALL_SHARE / 3), runner.stop, runner.search("placing all:")
    )
    if found is not None:
        runner.report("days", everyone.chosen(found))
        placed, gaps = _retimed(space, everyone.chosen(found), clock, runner)
        runner.report("gaps", placed)
        parts = objective_parts(
            space.instance, [*space.locked, *space.meetings(placed)], space.reach, space.weights
        )
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
        runner.levels(model.levels),
        model.hint_for(space.placements_for(warm)),
        clock.part(1 - WHOLE_MODEL_TIMETABLE),
        runner.stop,
        runner.search(""),
        runner.on_progress,
    )
    placed = model.chosen(solution)
    runner.report("days", placed)
    if not all(o.proven for o in levels):
        placed, gaps = _retimed(space, placed, clock, runner)
        runner.report("gaps", placed)
        levels = [o for o in levels if o.name != "gaps"] + [gaps]
    status = "OPTIMAL" if all(o.proven for o in levels) else "FEASIBLE"
    return Found(placed, status, _score_bound(levels), levels)


def _decomposed(space: SearchSpace, warm: Sequence[Meeting], clock: Clock, runner: Runner) -> Found:
    """Larger events: pairs first, then each day's slots, filling, windows, the timetable phase."""
    warm_placements = [space.placements[n] for n in sorted(space.placements_for(warm))]
    pairs_model = PairsModel(space)
    scheduled: list[list[Placement]] = []  # the schedule that started the pairs model's score level
    solution, pair_levels = solve_levels(
        pairs_model.model,
        runner.levels(pairs_model.levels),
        pairs_model.hint_for((p.pair, space.slots[p.slot].day) for p in warm_placements),
        clock.part(SHARES["pairs"]),
        runner.stop,
        runner.search("pairs:", matching_tuning, anchor=pairs_model.x),
        runner.on_progress,
        lambda level, best: (
            _scheduled(space, pairs_model, best, scheduled) if level.name == "score" else best
        ),
    )
    if runner.bound is not None:
        runner.bound(
            _score_bound(pair_levels) if all(o.proven for o in pair_levels if o.name != "score") else None
        )
    floor = next((o.value for o in pair_levels if o.name == "floor"), 1)
    by_day: dict[date, list[int]] = defaultdict(list)
    for pair_index, day in pairs_model.chosen(solution):
        by_day[day].append(pair_index)

    ready = [schedule for schedule in scheduled if _reaches(space, schedule, pair_levels, 1 - DAYS_WORTH)]
    if ready:  # the days could gain little over the schedule the score level started from: windows can
        placed, settled = ready[0], False
    else:
        placed = _place_days(space, by_day, floor, clock.part(SHARES["days"]), runner)
        settled = all(o.proven for o in pair_levels) and len(placed) == sum(map(len, by_day.values()))
    picked = [pair for pairs in by_day.values() for pair in pairs]
    placed = _better_of(
        space, _fill(space, placed), _fill(space, _with_pairs(space, warm_placements, picked))
    )
    for schedule in scheduled:
        placed = _better_of(space, placed, schedule)
    runner.report("fill", placed)
    if not settled and not _near_bound(space, placed, pair_levels):
        search = runner.search("window:", matching_tuning)
        placed = improve(space, placed, clock.part(SHARES["lns"]), runner.stop, search, floor)
        runner.report("windows", placed)
    placed, gaps = _retimed(space, placed, clock, runner)
    runner.report("gaps", placed)
    status = "OPTIMAL" if settled and gaps.proven else "FEASIBLE"
    return Found(placed, status, _score_bound(pair_levels), pair_levels + [gaps])


def _scheduled(
    space: SearchSpace, pairs_model: PairsModel, solution: list[int], kept: list[list[Placement]]
) -> list[int]:
    """The pairs model's solution as a schedule, filled: a start for its score level that the days can place.

    The must-meet pairs go in first, then the others, each on its day by first fit
    and single moves (as the days phase begins), then every pair that still fits; the model's earlier levels can
    only have made its solution sparse, and the board keeps it a real schedule. The
    schedule is added to ``kept``: should the days phase place the model's final
    choice worse, this one is still there.
    """
    board = Board(space)
    chosen = pairs_model.chosen(solution)
    for pair_index, day in sorted(
        chosen, key=lambda pd: (not space.pairs[pd[0]].must, _fewest(space, pd[0]))
    ):
        if board.first_fit([pair_index], day):
            board.insert_moving_one(pair_index, day, may_drop=space.pairs[pair_index].must)
    placed = _fill(space, board.taken)
    kept.append(placed)
    return pairs_model.hint_for((p.pair, space.slots[p.slot].day) for p in placed)


def _fewest(space: SearchSpace, pair_index: int) -> tuple[int, int]:
    """First-fit order: the pairs with the fewest placements first."""
    return len(space.placements_of_pair[pair_index]), pair_index


def _retimed(
    space: SearchSpace, placed: list[Placement], clock: Clock, runner: Runner
) -> tuple[list[Placement], LevelOutcome]:
    """The last phase, with the clock's time left: every meeting kept, its slot (and day) re-chosen for few idle gaps.

    Annealing (:mod:`matcher.compaction`) takes most gaps out first; the timetable model
    goes on from there for a share of the time (all of it where the gap decisions of
    :mod:`matcher.timetable_sat` apply). If that share proves nothing and takes
    off less than MODEL_PROGRESS of the gaps (large days, where the model's build and
    presolve eat its time), annealing gets the rest; otherwise the model does. The
    result is kept only if it ranks at least as high as ``placed`` (it can only differ
    in idle gaps, unless interpreters could not all be named).
    """
    retimer = _Retimer(space, clock, runner, {p.pair for p in placed})
    current = retimer.anneal(placed, ANNEAL_SHARE, ANNEAL_SHARE)
    before = retimer.gaps(current)
    # Where the gap decisions apply, one model run gets all the time: a trial would make them start over.
    deciding = clock.deterministic_left() is None and gap_decisions_apply(space, retimer.choices)
    current = retimer.model(current, 1.0 if deciding else MODEL_TRIAL_SHARE)
    if not retimer.proven and not deciding:
        moving = before - retimer.gaps(current) >= MODEL_PROGRESS * before
        current = retimer.model(current, 1.0) if moving else retimer.anneal(current, 1.0)
    best = _better_of(space, current, placed)
    return best, LevelOutcome("gaps", retimer.gaps(best), retimer.bound, retimer.proven and best is current)


class _Retimer:
    """The steps of the idle-gap phase on one clock: annealing runs and timetable-model runs."""

    def __init__(self, space: SearchSpace, clock: Clock, runner: Runner, pairs: set[int]):
        self.space, self.clock, self.runner = space, clock, runner
        self.choices = [p for pair in sorted(pairs) for p in space.placements_of_pair[pair]]
        self.bound: float | None = None
        self.proven = False

    def gaps(self, placements: list[Placement]) -> int:
        return idle_gaps(self.space.instance, [*self.space.locked, *self.space.meetings(placements)])

    def anneal(self, placed: list[Placement], share: float, budget: float = 1.0) -> list[Placement]:
        """Annealing for ``share`` of the time left; under a deterministic budget, ``budget`` of its tries."""
        runner, clock = self.runner, self.clock
        if not clock.running():
            return placed
        seconds = clock.left() * share if clock.deterministic_left() is None else math.inf
        found = compact(self.space, placed, seconds, runner.seed, runner.stop.requested, share=budget)
        if runner.on_progress is not None:
            runner.on_progress(Progress(None, None, clock.since_start(), "gaps"))
        return found

    def model(self, placed: list[Placement], share: float) -> list[Placement]:
        """The timetable model from ``placed`` for ``share`` of the time left (and of a deterministic budget)."""
        runner, clock = self.runner, self.clock
        if not clock.running():
            return placed

        def report(gaps: float, bound: float) -> None:
            if runner.on_progress is not None:
                runner.on_progress(Progress(None, None, clock.since_start(), "gaps"))

        deterministic = clock.deterministic_left()
        search = TimetableSearch(runner.seed, runner.workers, runner.stop.requested, report)
        found = place_pairs(
            self.space,
            self.choices,
            placed,
            search,
            clock.left() * share,
            None if deterministic is None else deterministic * share,
        )
        clock.spend(found.spent)
        if found.placements is None:
            return placed
        self.bound, self.proven = found.bound, found.status == "OPTIMAL"
        return found.placements


def _near_bound(space: SearchSpace, placed: list[Placement], pair_levels: list[LevelOutcome]) -> bool:
    """Whether the schedule already reaches the pairs model's proven levels, the score within NEAR_BOUND."""
    return all(o.proven for o in pair_levels) and _reaches(space, placed, pair_levels, 1 - NEAR_BOUND)


def _reaches(
    space: SearchSpace, placed: list[Placement], pair_levels: list[LevelOutcome], share: float
) -> bool:
    """Whether the schedule reaches the pairs model's levels 1-3 and ``share`` of its score."""
    parts = objective_parts(
        space.instance, [*space.locked, *space.meetings(placed)], space.reach, space.weights
    )
    reached = all(parts[o.name] >= o.value for o in pair_levels if o.name != "score")
    score = next((o.value for o in pair_levels if o.name == "score"), 0)
    return reached and parts["score"] >= share * score


def _score_bound(levels: Iterable[LevelOutcome]) -> float | None:
    return next((o.bound for o in levels if o.name == "score"), None)


def _in_day(space: SearchSpace, pairs: Iterable[int], day: date) -> list[Placement]:
    return [p for pair in pairs for p in space.placements_of_pair[pair] if space.slots[p.slot].day == day]


def _counts_except(space: SearchSpace, by_day: dict[date, list[int]], day: date) -> Counter[str]:
    """Meetings per company on the other days."""
    count: Counter[str] = Counter()
    for other, pairs in by_day.items():
        if other != day:
            for pair_index in pairs:
                count.update(space.pairs[pair_index].companies)
    return count


def _place_days(
    space: SearchSpace, by_day: dict[date, list[int]], floor: int, clock: Clock, runner: Runner
) -> list[Placement]:
    """Each day's picked pairs in its slots: all of them when they fit, else level by level."""
    placed: list[Placement] = []
    remaining = sum(len(pairs) for pairs in by_day.values())
    for day, pairs in sorted(by_day.items()):
        part = clock.part(len(pairs) / remaining)
        remaining -= len(pairs)
        in_day, context = _in_day(space, pairs, day), _counts_except(space, by_day, day)
        board = Board(space)
        order = sorted(pairs, key=lambda p: _fewest(space, p))
        left = board.first_fit(order, day)
        left = [
            pair for pair in left if not board.insert_moving_one(pair, day, may_drop=space.pairs[pair].must)
        ]
        if not left:
            placed += board.taken
            continue
        everyone = SlotModel(space, in_day, context, required=True, gaps=False)
        solution = find_solution(
            everyone.model,
            part.part(PLACE_ALL_SHARE),
            runner.stop,
            runner.search(f"{day}:"),
            everyone.hint_for({p.index for p in board.taken}),
        )
        if solution is not None:
            placed += everyone.chosen(solution)
            continue
        model = SlotModel(space, in_day, context, gaps=False, floor_goal=(1, floor))
        solution, _ = solve_levels(
            model.model,
            runner.levels(model.levels),
            model.hint_for({p.index for p in board.taken}),
            part,
            runner.stop,
            runner.search(f"{day}:", matching_tuning, anchor=model.x),
            runner.on_progress,
        )
        found = _fill_day(space, model.chosen(solution), order, day)
        placed += max(found, board.taken, key=lambda found: _day_rank(space, found, context))
    return placed


def _fill_day(
    space: SearchSpace, placed: Iterable[Placement], pairs: Iterable[int], day: date
) -> list[Placement]:
    """The day's placements with each of ``pairs`` added, in order, where it still fits that day.

    A level search cut short can gain a must-meet pair or a company and lose
    hundreds of the day's other pairs; most of those still fit around it.
    """
    board = Board(space)
    for placement in placed:
        board.take(placement)
    board.first_fit(pairs, day)
    return board.taken


def _day_rank(space: SearchSpace, placements: list[Placement], context: Counter[str]) -> tuple[int, int, int]:
    """One day's part of the first levels: must-meet pairs, companies met only here, score."""
    pairs = [space.pairs[p.pair] for p in placements]
    met = {company_id for pair in pairs for company_id in pair.companies}
    return (
        sum(pair.must for pair in pairs),
        sum(1 for c in met if not context[c]),
        sum(pair.score for pair in pairs),
    )


def _with_pairs(space: SearchSpace, start: Iterable[Placement], picked: Iterable[int]) -> list[Placement]:
    """The start, with each must-meet pair of ``picked`` it lacks put in where a move or two makes room.

    A company at its limit gives up its lowest-scored meeting that no must-meet
    request asks for; if the pair still does not fit, that meeting comes back.
    """
    board = Board(space)
    for placement in start:
        board.take(placement)
    wanted = sorted(
        (p for p in picked if space.pairs[p].must), key=lambda p: (len(space.placements_of_pair[p]), p)
    )
    for pair_index in wanted:
        pair = space.pairs[pair_index]
        if frozenset(pair.companies) in board.met:
            continue
        given_up = []
        for company_id in pair.companies:
            if board.count[company_id] >= space.limit[company_id]:
                spare = [q for q in board.by_company[company_id] if not space.pairs[q.pair].must]
                if spare:
                    given_up.append(min(spare, key=lambda q: (space.pairs[q.pair].score, q.index)))
                    board.remove(given_up[-1])
        placed = board.first_fit([pair_index]) == [] or board.insert_moving_one(pair_index, may_drop=True)
        if not placed:
            for placement in given_up:
                if board.fits(placement):
                    board.take(placement)
    return board.taken


def _fill(space: SearchSpace, placed: Iterable[Placement]) -> list[Placement]:
    """Add every pair that still fits somewhere, best-scored first; first those that meet a company with none."""
    board = Board(space)
    for placement in placed:
        board.take(placement)
    order = sorted(range(len(space.pairs)), key=lambda p: (-space.pairs[p].score, p))
    for pair_index in order:
        if any(not board.count[c] for c in space.pairs[pair_index].companies):
            board.first_fit([pair_index])
    board.first_fit(order)
    return board.taken


def _better_of(space: SearchSpace, ours: list[Placement], theirs: list[Placement]) -> list[Placement]:
    """Ours unless the other schedule is better level by level."""

    def rank(placements: list[Placement]) -> tuple[int, ...]:
        meetings = [*space.locked, *space.meetings(placements)]
        return ranking(objective_parts(space.instance, meetings, space.reach, space.weights))

    return theirs if rank(theirs) > rank(ours) else ours
