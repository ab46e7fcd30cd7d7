"""What every phase of a solve is given, and the clock its time is cut from.

A phase is a function ``(space, placements or picks, context) -> placements
and level outcomes``: :class:`Context` carries the phase's share of the time
(its :class:`Clock`), the caller's :class:`Stop` request, where progress goes,
and the seed and workers of its CP-SAT searches. ``context.part(share)`` gives
the next phase ``share`` of the time left.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ortools.sat.python import cp_model

if TYPE_CHECKING:
    from matcher.solve.lex import Level
    from matcher.solve.space import Placement


@dataclass(frozen=True)
class Progress:
    """What the console shows while a solve runs: the best schedule so far, never worse than the last report.

    ``phase`` is a plain key (:data:`matcher.solve.progress.PHASES`); ``best_objective``
    is the best schedule's score and ``bound`` a proven bound on it (or None).
    """

    best_objective: float | None
    bound: float | None
    elapsed: float
    phase: str
    must_met: int | None = None
    must_total: int | None = None
    companies_met: int | None = None
    companies_total: int | None = None
    requests_met: int | None = None
    requests_total: int | None = None
    idle_gaps: int | None = None
    time_left: float | None = None


@dataclass
class Clock:
    """The time a solve (or a part of it) may take, in wall seconds and optionally deterministic units."""

    seconds: float
    deterministic: float | None = None
    started: float = field(default_factory=time.monotonic)
    spent_deterministic: float = 0.0
    parent: Clock | None = None

    def part(self, share: float) -> Clock:
        """A clock for the next part of the work: ``share`` of what is left.

        Under a deterministic budget only that budget is shared out, so that
        the wall clock cannot change where a part ends.
        """
        left = self.deterministic_left()
        if left is not None:
            return Clock(self.left(), left * share, parent=self)
        return Clock(self.left() * share, parent=self)

    def running(self) -> bool:
        """Whether there is still time for another (small) search."""
        left = self.deterministic_left()
        return self.left() > 0.05 and (left is None or left > 0)

    def at_most(self, amount: float) -> Clock:
        """A clock for a small piece of work: ``amount`` seconds, or deterministic units when those count."""
        left = self.deterministic_left()
        if left is not None:
            return Clock(self.left(), min(amount, left), parent=self)
        return Clock(min(amount, self.left()), parent=self)

    def spend(self, deterministic: float) -> None:
        self.spent_deterministic += deterministic
        if self.parent is not None:
            self.parent.spend(deterministic)

    def elapsed(self) -> float:
        return time.monotonic() - self.started

    def since_start(self) -> float:
        """Seconds since the whole solve started."""
        return self.parent.since_start() if self.parent is not None else self.elapsed()

    def left(self) -> float:
        return max(0.0, self.seconds - self.elapsed())

    def deterministic_left(self) -> float | None:
        if self.deterministic is None:
            return None
        return max(0.0, self.deterministic - self.spent_deterministic)


class Stop:
    """A cancel request from the caller (``should_stop``) or from Ctrl-C."""

    def __init__(self, should_stop: Callable[[], bool] | None = None):
        self._should_stop = should_stop
        self.interrupted = False

    def requested(self) -> bool:
        return self.interrupted or bool(self._should_stop and self._should_stop())


@dataclass(frozen=True)
class Search:
    """How to run each level's CP-SAT search."""

    workers: int = 2
    seed: int = 0
    shares: dict[str, float] = field(default_factory=dict)  # level name -> share of the time left
    label: str = ""  # names the part of the solve in progress reports
    tuning: Callable[[cp_model.SatParameters], None] | None = None
    # After a level improves on the hint: the choice variables to keep as close to the hint as
    # the new level allows, and which levels this applies to (see solve_levels).
    anchor: tuple[cp_model.IntVar, ...] = ()
    anchored_levels: tuple[str, ...] = ("must", "companies")
    anchor_share: float = 0.3


@dataclass(frozen=True)
class Context:
    """One phase's time, stop request, progress reporting, seed and workers."""

    clock: Clock
    stop: Stop
    workers: int = 2
    seed: int = 0
    on_progress: Callable[[Progress], None] | None = None
    raise_floor: bool = True  # False: fairness is coverage alone (level 3 left out)
    reached: Callable[[str, list[Placement]], None] | None = None  # a phase's whole schedule, for progress
    bound: Callable[[float | None], None] | None = None  # a proven score bound at the levels reached
    level_shares: dict[str, float] = field(default_factory=dict)  # level name -> share of a level search

    def part(self, share: float) -> Context:
        """The context of the next part of the work: ``share`` of the time left."""
        return replace(self, clock=self.clock.part(share))

    def report(self, phase: str, placed: list[Placement]) -> None:
        """A phase's whole schedule, for the progress the console shows."""
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
        return Search(self.workers, self.seed, self.level_shares, label, tuning, tuple(anchor))
