"""How much a pair is worth meeting, who may meet at all, and how broken up a day is.

The default score is the formats README's: 10 x the priorities of the requests
between two companies, plus 1 for each side whose interests meet the other's
sectors. Other weightings change what is preferred, never what is eligible.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise
from typing import TypeVar

from matcher.domain.instance import ANY_PAIR, Company, Instance, Interval
from matcher.domain.rules import open_slots
from matcher.domain.schedule import Meeting

T = TypeVar("T")


@dataclass(frozen=True)
class Weights:
    """What a requested priority point and a side's sector match are worth."""

    request: int = 10
    interest: int = 1


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class _PairRequests:
    priority: int
    sessions: frozenset[str] | None


def _cached(instance: Instance, key: str, build: Callable[[Instance], T]) -> T:
    """Build a derived index once per instance; like ``cached_property`` on the frozen value."""
    store = vars(instance)
    if key not in store:
        store[key] = build(instance)
    return store[key]


def _build_requests(instance: Instance) -> dict[frozenset[str], _PairRequests]:
    priority: dict[frozenset[str], int] = defaultdict(int)
    sessions: dict[frozenset[str], frozenset[str]] = {}
    for request in instance.requests:
        pair = frozenset((request.from_id, request.to_id))
        priority[pair] += request.priority
        if request.sessions is not None:
            listed = frozenset(request.sessions)
            sessions[pair] = sessions[pair] & listed if pair in sessions else listed
    return {pair: _PairRequests(total, sessions.get(pair)) for pair, total in priority.items()}


def _requests(instance: Instance) -> dict[frozenset[str], _PairRequests]:
    return _cached(instance, "_scoring_requests", _build_requests)


def _seeks(a: Company, b: Company) -> bool:
    """Whether ``a``'s interests meet ``b``'s sectors."""
    return not set(a.interests).isdisjoint(b.sectors)


def _score(instance: Instance, a: Company, b: Company, weights: Weights) -> int:
    found = _requests(instance).get(frozenset((a.id, b.id)))
    priority = found.priority if found else 0
    return weights.request * priority + weights.interest * (_seeks(a, b) + _seeks(b, a))


def pair_score(instance: Instance, a_id: str, b_id: str, weights: Weights = DEFAULT_WEIGHTS) -> int:
    """The pair's score under ``weights``; symmetric in the two companies."""
    companies = instance.company_by_id
    return _score(instance, companies[a_id], companies[b_id], weights)


def is_excluded(instance: Instance, a_id: str, b_id: str) -> bool:
    """Rule 1: a pair the instance excludes (cancelled by the organizer, declined, a side withdrawn) never meets."""
    return frozenset((a_id, b_id)) in instance.excluded


def may_pair(instance: Instance, a: Company, b: Company) -> bool:
    """Rule 1: one home and one foreign company, or any two with ``pairing: any``; never an excluded pair."""
    if a.id == b.id or is_excluded(instance, a.id, b.id):
        return False
    if instance.event.pairing == ANY_PAIR:
        return True
    return instance.is_home(a) != instance.is_home(b)


def is_eligible(instance: Instance, a_id: str, b_id: str) -> bool:
    """Rules 1 and 2: the pair may meet and its default score is above zero."""
    companies = instance.company_by_id
    a, b = companies[a_id], companies[b_id]
    return may_pair(instance, a, b) and _score(instance, a, b, DEFAULT_WEIGHTS) > 0


def canonical_pair(instance: Instance, a_id: str, b_id: str) -> tuple[str, str]:
    """The pair's key: ``(home, foreign)`` for home-foreign events, else the sorted ids."""
    if instance.event.pairing != ANY_PAIR:
        a = instance.company_by_id[a_id]
        return (a_id, b_id) if instance.is_home(a) else (b_id, a_id)
    return (a_id, b_id) if a_id <= b_id else (b_id, a_id)


def candidate_pairs(instance: Instance, weights: Weights = DEFAULT_WEIGHTS) -> dict[tuple[str, str], int]:
    """Every eligible pair, keyed by :func:`canonical_pair`, with its score under ``weights``.

    Pairs come from the requests and from a sector -> companies index, so the
    cost follows the number of matching pairs rather than all n^2 pairs.
    """
    companies = instance.company_by_id
    any_pair = instance.event.pairing == ANY_PAIR
    # (sector, side) -> companies with that sector; the side is None when any two may meet.
    in_sector: dict[tuple[str, bool | None], list[Company]] = defaultdict(list)
    for company in instance.companies:
        side = None if any_pair else instance.is_home(company)
        for sector in set(company.sectors):
            in_sector[sector, side].append(company)

    found: set[tuple[str, str]] = set()
    for pair in _requests(instance):
        members = [companies[id] for id in pair if id in companies]
        if len(members) == 2 and may_pair(instance, *members):
            found.add(canonical_pair(instance, members[0].id, members[1].id))
    for seeker in instance.companies:
        wanted_side = None if any_pair else not instance.is_home(seeker)
        for sector in set(seeker.interests):
            ids = [other.id for other in in_sector.get((sector, wanted_side), ()) if other.id != seeker.id]
            if any_pair:
                found.update((min(seeker.id, id), max(seeker.id, id)) for id in ids)
            elif wanted_side:
                found.update((id, seeker.id) for id in ids)
            else:
                found.update((seeker.id, id) for id in ids)
    if instance.excluded:
        found = {(a, b) for a, b in found if not is_excluded(instance, a, b)}
    return {(a, b): _score(instance, companies[a], companies[b], weights) for a, b in found}


def request_sessions(instance: Instance, a_id: str, b_id: str) -> frozenset[str] | None:
    """Sessions the pair's requests allow (all their lists at once); None when none restricts."""
    found = _requests(instance).get(frozenset((a_id, b_id)))
    return found.sessions if found else None


def schedule_score(
    instance: Instance, meetings: Iterable[Meeting], weights: Weights = DEFAULT_WEIGHTS
) -> int:
    """The sum of the meetings' pair scores."""
    return sum(pair_score(instance, *meeting.companies, weights=weights) for meeting in meetings)


class _FreeSlots:
    """Slots a company could be met in: of sessions admitting it, clear of seminars it attends."""

    def __init__(self, slots: Iterable[Interval]):
        ordered = sorted(slots)
        self._starts = [slot.start for slot in ordered]
        # _earliest_end[i]: the earliest end among the slots from i on.
        self._earliest_end: list[datetime] = [slot.end for slot in ordered]
        for i in range(len(ordered) - 2, -1, -1):
            self._earliest_end[i] = min(self._earliest_end[i], self._earliest_end[i + 1])

    def any_within(self, start: datetime, end: datetime) -> bool:
        i = bisect_left(self._starts, start)
        return i < len(self._starts) and self._earliest_end[i] <= end


def _free_slots(instance: Instance, company: Company) -> _FreeSlots:
    return _FreeSlots(slot for _, slot in open_slots(instance, company, availability=False))


def idle_gaps_by_company(instance: Instance, meetings: Iterable[Meeting]) -> dict[str, int]:
    """Idle gaps per company that has meetings, as the formats README defines them.

    Two consecutive meetings of a company on one day leave an idle gap when a
    whole slot lies between them, in a session admitting the company, that no
    seminar it attends overlaps. Lunch and attended seminars bridge; the
    company's own unavailability does not.
    """
    times: dict[str, list[Interval]] = defaultdict(list)
    for meeting in meetings:
        for company_id in meeting.companies:
            times[company_id].append(meeting.interval)

    free_by_kind: dict[tuple[str, tuple[str, ...]], _FreeSlots] = {}
    gaps = {}
    for company_id, intervals in times.items():
        company = instance.company_by_id.get(company_id)
        if company is None:
            continue
        kind = (company.country, tuple(sorted(set(company.seminars))))
        if kind not in free_by_kind:
            free_by_kind[kind] = _free_slots(instance, company)
        free = free_by_kind[kind]
        intervals.sort()
        gaps[company_id] = sum(
            1
            for before, after in pairwise(intervals)
            if before.start.date() == after.start.date() and free.any_within(before.end, after.start)
        )
    return gaps


def idle_gaps(instance: Instance, meetings: Iterable[Meeting]) -> int:
    """All companies' idle gaps together."""
    return sum(idle_gaps_by_company(instance, meetings).values())
