"""How long the console takes to work out the legal places of a meeting (move mode) or of an unmet request
(place-by-hand mode) in one session, on a generated 300-company event with a greedy schedule.

    .venv/bin/python -m bench.legal_places [--companies 300] [--samples 30]

Prints the event's size, then per mode the median and slowest CPU time of one session's legal places (what
one grid page computes), against a goal of one second. CPU time, not wall time: on a shared machine the wall
clock measures the neighbours.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import Counter

from bench.generate import generate_event
from matcher.domain.rules import admitted
from matcher.domain.schedule import Meeting
from matcher.domain.scoring import canonical_pair
from matcher.solve.greedy import greedy_schedule
from schedules.organizer.legal_places import LegalPlaces, legal_places

GOAL_SECONDS = 1.0  # a grid page that answers within a second


def _timed(*args, **kwargs) -> tuple[float, LegalPlaces]:
    """The CPU seconds `legal_places(*args, **kwargs)` took, and its answer."""
    start = time.process_time()
    places = legal_places(*args, **kwargs)
    return time.process_time() - start, places


def _report(mode: str, times: list[float], offered: list[int]) -> None:
    print(
        f"{mode:<16} {len(times):>3} grids  CPU median {statistics.median(times) * 1000:7.1f} ms  "
        f"slowest {max(times) * 1000:7.1f} ms ({max(times) / GOAL_SECONDS:.2f} of the goal)  "
        f"places offered: median {statistics.median(offered):g}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--companies", type=int, default=300)
    parser.add_argument("--samples", type=int, default=30, help="meetings moved and requests placed")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    instance = generate_event(companies=args.companies, seed=args.seed)
    meetings: list[Meeting] = greedy_schedule(instance)
    interpreters = [None, *(i.id for i in instance.interpreters)]
    busiest = Counter(m.session for m in meetings).most_common(1)[0][0]
    print(
        f"{len(instance.companies)} companies, {len(instance.sessions)} sessions, {len(meetings)} meetings, "
        f"{len(instance.interpreters)} interpreters; busiest session {busiest} "
        f"({instance.session_by_id[busiest].tables} tables x {len(instance.session_by_id[busiest].slots)} slots)"
    )
    pick = random.Random(args.seed)

    times, offered = [], []
    in_busiest = [i for i, m in enumerate(meetings) if m.session == busiest]
    everyone = frozenset(in_busiest)
    for index in pick.sample(in_busiest, min(args.samples, len(in_busiest))):
        meeting = meetings[index]
        choices = [meeting.interpreter, *(i for i in interpreters if i != meeting.interpreter)]
        seconds, places = _timed(
            instance, meetings, meeting, busiest, choices, moving=index, swappable=everyone - {index}
        )
        times.append(seconds)
        offered.append(len(places.free) + len(places.swaps))
    _report("move (+ swaps)", times, offered)

    met = {m.pair for m in meetings}
    unmet = sorted(
        pair
        for pair in {canonical_pair(instance, r.from_id, r.to_id) for r in instance.requests}
        if frozenset(pair) not in met
    )
    times, offered = [], []
    for pair in pick.sample(unmet, min(args.samples, len(unmet))):
        sessions = [
            s
            for s in instance.sessions
            if all(admitted(instance, instance.company_by_id[c], s) for c in pair)
        ]
        for session in sessions:
            blank = Meeting(pair, session.id, session.start, session.start, 1)
            seconds, places = _timed(instance, meetings, blank, session.id, interpreters)
            times.append(seconds)
            offered.append(len(places.free))
    _report("place by hand", times, offered)


if __name__ == "__main__":
    main()
