"""The solver's objective, measured on a finished schedule: five levels, compared in order.

1. ``must``: pairs with a priority-3 request (either direction) that meet;
2. ``companies``: companies with at least one meeting;
3. ``floor``: the fairness floor F, the largest number such that every company
   with a meeting has at least min(F, its reach) meetings;
4. ``score``: the sum of the meetings' pair scores under the solve's weights;
5. ``gaps``: idle gaps, fewer is better.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from matcher.domain.instance import Instance
from matcher.domain.rules import must_pairs
from matcher.domain.schedule import Meeting
from matcher.domain.scoring import DEFAULT_WEIGHTS, Weights, idle_gaps, schedule_score

__all__ = ["companies_met", "fairness_floor", "must_pairs", "objective_parts", "ranking"]


def fairness_floor(meetings: Mapping[str, int], reach: Mapping[str, int], ceiling: int) -> int:
    """The largest F <= ceiling with every met company at min(F, its reach) meetings or more.

    A company's *reach* is the most of its requested meetings it could have
    (its limit, the partners a request names, its free slots): a company held
    back by its own reach, or that asked for nothing, does not hold the floor down.
    """
    floor = ceiling
    for company_id, have in meetings.items():
        if 0 < have < reach.get(company_id, 0):
            floor = min(floor, have)
    return max(floor, 1)


def objective_parts(
    instance: Instance,
    meetings: Sequence[Meeting],
    reach: Mapping[str, int],
    weights: Weights = DEFAULT_WEIGHTS,
) -> dict[str, int]:
    """Each level's value for ``meetings``, with the totals a reader needs beside them."""
    musts = must_pairs(instance)
    met = {m.pair for m in meetings}
    count = Counter(company_id for m in meetings for company_id in m.companies)
    return {
        "must": len(musts & met),
        "must_total": len(musts),
        "companies": len(count),
        "companies_total": len(instance.companies),
        "floor": fairness_floor(count, reach, max(reach.values(), default=1)) if count else 0,
        "score": schedule_score(instance, meetings, weights),
        "gaps": idle_gaps(instance, meetings),
    }


def ranking(parts: Mapping[str, int]) -> tuple[int, ...]:
    """A key that sorts better schedules higher."""
    return (parts["must"], parts["companies"], parts["floor"], parts["score"], -parts["gaps"])


def companies_met(meetings: Iterable[Meeting]) -> Counter[str]:
    return Counter(company_id for m in meetings for company_id in m.companies)
