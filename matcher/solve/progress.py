"""Progress an organizer can read: the best schedule so far, in plain figures that never get worse.

The solver's phases report two things: a whole schedule they reached (offered
here, kept only if it ranks higher level by level than the best so far), and
CP-SAT's own heartbeat (relayed, with the best schedule's figures, so the
console moves while a model searches). Internal level values (negative floor
shortfalls, a model's partial score) never reach the caller.

Phase keys, in the order a solve goes through them: ``start`` (the starting
schedules), ``pairs`` (who meets whom, on which day), ``days`` (each day's
slots), ``fill`` (pairs that still fit), ``windows`` (a few time points re-solved
at a time), ``gaps`` (fewer idle gaps, the meetings kept), ``done``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from matcher.domain.instance import Instance
from matcher.domain.objective import objective_parts, ranking
from matcher.domain.schedule import Meeting
from matcher.solve.context import Clock, Progress
from matcher.solve.space import SearchSpace

PHASES = ("start", "pairs", "days", "fill", "windows", "gaps", "done")


def phase_key(label: str) -> str:
    """The plain phase key of an internal search label (``pairs:must``, ``2019-10-28:score``, ``window:floor``)."""
    head = label.split(":", 1)[0]
    if head in PHASES:
        return head
    if head == "window":
        return "windows"
    if head in ("anneal", "timetable"):
        return "gaps"
    if head == "placing all":
        return "days"
    return "days" if head[:2].isdigit() else "pairs"


class Reporter:
    """Keeps the best schedule's figures and passes them on, never worse than what was last reported."""

    def __init__(self, space: SearchSpace, clock: Clock, on_progress: Callable[[Progress], None] | None):
        self.space, self.clock, self.on_progress = space, clock, on_progress
        self.instance: Instance = space.instance
        self.requested = {frozenset((r.from_id, r.to_id)) for r in self.instance.requests}
        self.best: dict[str, int] | None = None
        self.requests_met = 0
        self.bound: float | None = None
        self.phase = "start"

    def offer(self, phase: str, meetings: Sequence[Meeting]) -> None:
        """A whole schedule a phase reached (locked meetings included); reported if it ranks higher."""
        self.phase = phase
        if self.on_progress is None:
            return
        parts = objective_parts(self.instance, meetings, self.space.reach, self.space.weights)
        if self.best is None or ranking(parts) > ranking(self.best):
            self.best = parts
            self.requests_met = len(self.requested & {m.pair for m in meetings})
        self._report()

    def offer_placements(self, phase: str, placements: Sequence) -> None:
        if self.on_progress is not None:
            self.offer(phase, [*self.space.locked, *self.space.meetings(placements)])

    def relay(self, progress: Progress) -> None:
        """A heartbeat from inside a search: the phase moves on, the figures stay the best schedule's."""
        self.phase = phase_key(progress.phase)
        self._report()

    def score_bound(self, bound: float | None) -> None:
        """A proven bound on the score at the levels reached (the pairs model's); only ever tightened."""
        if bound is not None and (self.bound is None or bound < self.bound):
            self.bound = bound

    def _report(self) -> None:
        if self.on_progress is None or self.best is None:
            return
        best = self.best
        bound = self.bound if self.bound is None or self.bound >= best["score"] else None
        self.on_progress(
            Progress(
                best_objective=best["score"],
                bound=bound,
                elapsed=round(self.clock.since_start(), 3),
                phase=self.phase,
                must_met=best["must"],
                must_total=best["must_total"],
                companies_met=best["companies"],
                companies_total=best["companies_total"],
                requests_met=self.requests_met,
                requests_total=len(self.requested),
                idle_gaps=best["gaps"],
                time_left=round(self.clock.left(), 3),
            )
        )
