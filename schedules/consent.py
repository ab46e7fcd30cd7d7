"""Which pairs the companies agreed to: what the solver and the checks see of requests and declines.

Only accepted requests reach the matcher as requests. A pair never meets (it is one of the instance's
`excluded_pairs`) once a company said no to it: the receiver declined the request, the requester withdrew it,
or a company declined the pair as a suggested meeting. A pending request is not yet consent, so its pair is
left out too until the receiver accepts. Where the event schedules requested pairs only, every pair that
would be eligible by a sector fit alone is left out as well: `candidate_pairs` lists those from a sector
index, so for 500 companies this is at most the few tens of thousands of sector-fit pairs, not all n^2.
"""

from __future__ import annotations

from dataclasses import replace

from matcher.domain.instance import Instance
from matcher.domain.scoring import candidate_pairs
from models import Event, RequestAnswer


def with_consent(event: Event, instance: Instance) -> Instance:
    """The instance (built from the event's accepted requests) with every pair nobody agreed to excluded."""
    known = instance.company_by_id
    requested = {frozenset((r.from_id, r.to_id)) for r in instance.requests}
    refused: set[frozenset[str]] = set()
    for request in event.requests:
        pair = frozenset((request.from_company.key, request.to_company.key))
        if request.answer == RequestAnswer.DECLINED or (
            request.answer == RequestAnswer.PENDING and pair not in requested
        ):
            refused.add(pair)
    refused.update(frozenset((d.company.key, d.partner.key)) for d in event.declined_pairs)
    if not event.suggestions:
        refused.update(
            frozenset(pair) for pair in candidate_pairs(instance) if frozenset(pair) not in requested
        )
    excluded = {
        tuple(sorted(pair)) for pair in refused if len(pair) == 2 and all(key in known for key in pair)
    }
    excluded.update(tuple(sorted(pair)) for pair in instance.excluded_pairs)
    if not excluded:
        return instance
    return replace(instance, excluded_pairs=tuple(sorted(excluded)))
