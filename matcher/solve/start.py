"""Starting schedules: quick greedy orders that the solver starts from and never returns worse than.

Each start places pairs one by one at their earliest free slot and table
(:func:`matcher.solve.greedy.greedy_in_order`); they differ only in the order:

* ``best-score-first``: the simplest organizer's rule, best-scored pair first,
  a must-meet pair counting at least MUST_SCORE whatever the weights;
* ``musts-first``: every must-meet pair before the others, best score first;
* ``most-constrained-first``: first one meeting for each company, the companies
  with the fewest possible partners first; then the must-meet pairs with the
  fewest possible slots first; then the rest by score.

The solver ranks them level by level (:func:`matcher.domain.objective.ranking`),
starts its search from the best and keeps the best of its own result and all
of them, so it never returns a schedule ranking below any start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matcher.domain.objective import must_pairs, objective_parts, ranking
from matcher.domain.schedule import Meeting
from matcher.domain.scoring import candidate_pairs
from matcher.solve.greedy import greedy_in_order
from matcher.solve.space import SearchSpace

MUST_SCORE = 30  # a must-meet pair's least score in the best-score-first order
STARTS = ("best-score-first", "musts-first", "most-constrained-first")


@dataclass(frozen=True)
class Start:
    """One starting schedule (locked meetings included) and its objective levels."""

    name: str
    meetings: tuple[Meeting, ...]
    objective: dict[str, int]

    @property
    def rank(self) -> tuple[int, ...]:
        return ranking(self.objective)


def starting_schedules(space: SearchSpace) -> list[Start]:
    """Every start of the portfolio, in the order of STARTS."""
    instance, weights = space.instance, space.weights
    candidates = _candidates(space)
    starts = []
    for name in STARTS:
        meetings = tuple(greedy_in_order(instance, pair_order(name, space, candidates), space.locked))
        starts.append(Start(name, meetings, objective_parts(instance, meetings, space.reach, weights)))
    return starts


def best_start(starts: Sequence[Start]) -> Start:
    """The start ranking highest level by level (the earliest of equals)."""
    return max(reversed(starts), key=lambda start: start.rank)


def pair_order(
    name: str, space: SearchSpace, candidates: dict[tuple[str, str], tuple[int, bool]]
) -> list[tuple[str, str]]:
    """The candidate pairs (ids) in the order the start ``name`` places them."""
    if name == "best-score-first":
        return sorted(candidates, key=lambda ids: (-_least_score(*candidates[ids]), ids))
    if name == "musts-first":
        return sorted(candidates, key=lambda ids: (not candidates[ids][1], -candidates[ids][0], ids))
    if name == "most-constrained-first":
        return _most_constrained(space, candidates)
    raise ValueError(f"unknown start {name!r}: one of {', '.join(STARTS)}")


def _least_score(score: int, must: bool) -> int:
    return max(score, MUST_SCORE) if must else score


def _candidates(space: SearchSpace) -> dict[tuple[str, str], tuple[int, bool]]:
    """Every eligible pair with its score and whether a must-meet request names it."""
    musts = must_pairs(space.instance)
    return {
        ids: (score, frozenset(ids) in musts)
        for ids, score in candidate_pairs(space.instance, space.weights).items()
    }


def _most_constrained(
    space: SearchSpace, candidates: dict[tuple[str, str], tuple[int, bool]]
) -> list[tuple[str, str]]:
    """One meeting per company, fewest partners first; then musts, fewest slots first; then by score.

    Options are counted in the search space (placements that keep the rules
    around locked meetings); a pair outside it (shortlisted out) counts none.
    """
    options = {space.pairs[n].companies: len(found) for n, found in space.placements_of_pair.items()}
    partners: dict[str, list[tuple[str, str]]] = {}
    for ids in options:
        for company_id in ids:
            partners.setdefault(company_id, []).append(ids)
    first: list[tuple[str, str]] = []
    covered: set[str] = set()
    for company_id in sorted(partners, key=lambda c: (len(partners[c]), c)):
        if company_id in covered:
            continue
        ids = min(
            partners[company_id], key=lambda p: (p[0] in covered or p[1] in covered, -candidates[p][0], p)
        )
        first.append(ids)
        covered.update(ids)
    chosen = set(first)
    rest = sorted(
        (ids for ids in candidates if ids not in chosen),
        key=lambda ids: (
            not candidates[ids][1],
            options.get(ids, 0) if candidates[ids][1] else 0,
            -candidates[ids][0],
            ids,
        ),
    )
    return first + rest
