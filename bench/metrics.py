"""What the benchmark reports about one schedule: the figures an organizer would compare."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from matcher.domain.instance import Instance
from matcher.domain.objective import companies_met, fairness_floor, must_pairs
from matcher.domain.schedule import Meeting
from matcher.domain.scoring import idle_gaps, schedule_score
from matcher.domain.validator import validate
from matcher.relaxation import pair_options
from matcher.solve.space import SearchSpace


@dataclass(frozen=True)
class Measures:
    meetings: int
    score: int
    must_met: int
    must_total: int
    requested_met: int  # distinct requested pairs that meet
    requested_total: int
    could_meet: int  # companies with at least one eligible pair that has an open slot
    without_meeting: int  # of those, companies left without any meeting
    floor: int  # the fairness floor, the level ranked between companies and score (docs/solver.md)
    idle_gaps: int
    violations: int

    def as_dict(self) -> dict:
        return asdict(self)


def could_meet(instance: Instance) -> set[str]:
    """Companies that some schedule could give a meeting (an eligible pair with a slot open to both)."""
    return {company for option in pair_options(instance) for company in option.companies}


def measure(instance: Instance, meetings: Sequence[Meeting]) -> Measures:
    met_pairs = {m.pair for m in meetings}
    musts = must_pairs(instance)
    requested = {frozenset((r.from_id, r.to_id)) for r in instance.requests}
    reachable = could_meet(instance)
    reach = SearchSpace(instance).reach
    met = companies_met(meetings)
    return Measures(
        meetings=len(meetings),
        score=schedule_score(instance, meetings),
        must_met=len(musts & met_pairs),
        must_total=len(musts),
        requested_met=len(requested & met_pairs),
        requested_total=len(requested),
        could_meet=len(reachable),
        without_meeting=len(reachable - set(met)),
        floor=fairness_floor(met, reach, max(reach.values(), default=1)) if met else 0,
        idle_gaps=idle_gaps(instance, meetings),
        violations=len(validate(instance, meetings)),
    )
