"""The gaps phase: every meeting kept, its slot (and day) re-chosen for few idle gaps.

Annealing (:mod:`matcher.solve.anneal`) takes most gaps out first; the timetable
model (:mod:`matcher.solve.timetable`) goes on from there for a share of the
time (all of it where the gap decisions of :mod:`matcher.solve.timetable_sat`
apply). If that share proves nothing and takes off less than MODEL_PROGRESS of
the gaps (large days, where the model's build and presolve eat its time),
annealing gets the rest; otherwise the model does.
"""

from __future__ import annotations

import math

from matcher.domain.scoring import idle_gaps
from matcher.solve.anneal import compact
from matcher.solve.context import Context, Progress
from matcher.solve.lex import LevelOutcome
from matcher.solve.space import Placement, SearchSpace
from matcher.solve.timetable import TimetableSearch, place_pairs
from matcher.solve.timetable_sat import applies as gap_decisions_apply

ANNEAL_SHARE = 0.2  # of the idle-gap phase, for annealing before the timetable model
MODEL_TRIAL_SHARE = 0.2  # of the time left then, for the model's first run
MODEL_PROGRESS = 0.01  # the share of gaps that run must take off to keep the rest of the time


def retime(
    space: SearchSpace, placed: list[Placement], context: Context
) -> tuple[list[Placement], LevelOutcome]:
    """``placed`` re-timed within the context's time; kept only if it ranks at least as high as ``placed``.

    The result can only differ from ``placed`` in idle gaps (unless interpreters
    could not all be named). The outcome is the gap level: the gaps reached, the
    model's bound, and whether that is proven.
    """
    retimer = _Retimer(space, context, {p.pair for p in placed})
    current = retimer.anneal(placed, ANNEAL_SHARE, ANNEAL_SHARE)
    before = retimer.gaps(current)
    clock = context.clock
    # Where the gap decisions apply, one model run gets all the time: a trial would make them start over.
    deciding = clock.deterministic_left() is None and gap_decisions_apply(space, retimer.choices)
    current = retimer.model(current, 1.0 if deciding else MODEL_TRIAL_SHARE)
    if not retimer.proven and not deciding:
        moving = before - retimer.gaps(current) >= MODEL_PROGRESS * before
        current = retimer.model(current, 1.0) if moving else retimer.anneal(current, 1.0)
    best = space.better_of(current, placed)
    return best, LevelOutcome("gaps", retimer.gaps(best), retimer.bound, retimer.proven and best is current)


class _Retimer:
    """The steps of the gaps phase on one clock: annealing runs and timetable-model runs."""

    def __init__(self, space: SearchSpace, context: Context, pairs: set[int]):
        self.space, self.context = space, context
        self.choices = [p for pair in sorted(pairs) for p in space.placements_of_pair[pair]]
        self.bound: float | None = None
        self.proven = False

    def gaps(self, placements: list[Placement]) -> int:
        return idle_gaps(self.space.instance, [*self.space.locked, *self.space.meetings(placements)])

    def _progress(self) -> None:
        context = self.context
        if context.on_progress is not None:
            context.on_progress(Progress(None, None, context.clock.since_start(), "gaps"))

    def anneal(self, placed: list[Placement], share: float, budget: float = 1.0) -> list[Placement]:
        """Annealing for ``share`` of the time left; under a deterministic budget, ``budget`` of its tries."""
        context, clock = self.context, self.context.clock
        if not clock.running():
            return placed
        seconds = clock.left() * share if clock.deterministic_left() is None else math.inf
        found = compact(self.space, placed, seconds, context.seed, context.stop.requested, share=budget)
        self._progress()
        return found

    def model(self, placed: list[Placement], share: float) -> list[Placement]:
        """The timetable model from ``placed`` for ``share`` of the time left (and of a deterministic budget)."""
        context, clock = self.context, self.context.clock
        if not clock.running():
            return placed
        deterministic = clock.deterministic_left()
        search = TimetableSearch(
            context.seed, context.workers, context.stop.requested, lambda gaps, bound: self._progress()
        )
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
