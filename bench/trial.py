"""One measured benchmark run, in a process of its own so that its peak memory is its own.

    python -m bench.trial EVENT METHOD OUT.json [--time-limit S] [--workers N] [--known-cover N]

EVENT is ``week:SEED`` (any size name), ``family:NAME`` (bench/family.py) or ``b2bsp:NAME``; METHOD is ``greedy``,
``ours`` (the CP-SAT solver), ``bound`` (LP bounds) or ``optimum`` (the slot
model's exact MIP, within the time limit). The result is written to OUT.json as
one object; HiGHS's banner and the solver's chatter on stdout do not mix with it.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import time

from bench.b2bsp import B2BSP_DIR, load_forum
from bench.bounds import lp_bound, slot_columns
from bench.family import BY_NAME
from bench.generate import generate_event
from bench.metrics import measure
from bench.optimum import lexicographic_optimum
from matcher.domain.instance import Instance
from matcher.domain.schedule import Meeting
from matcher.solve.greedy import greedy_schedule

SLOT_LP_COLUMNS = 150_000  # above this the slot LP takes minutes; the session LP is used instead


def load_event(event: str) -> Instance:
    kind, _, name = event.partition(":")
    if kind == "b2bsp":
        return load_forum(B2BSP_DIR / f"{name}.dzn")
    if kind == "family":
        return BY_NAME[name].build()
    return generate_event(kind, seed=int(name or 0))


def digest(meetings: list[Meeting]) -> str:
    """Identifies a set of meetings (pairs, sessions, times), whatever the tables."""
    keys = sorted(f"{sorted(m.companies)}|{m.session}|{m.start:%Y-%m-%dT%H:%M}" for m in meetings)
    return hashlib.sha1("\n".join(keys).encode()).hexdigest()[:12]


def run_schedule(
    instance: Instance, method: str, time_limit: float, workers: int
) -> tuple[list[Meeting], dict]:
    if method == "greedy":
        return greedy_schedule(instance), {}
    from matcher.solve.solver import SolveParameters, solve

    result = solve(instance, SolveParameters(time_limit=time_limit, workers=workers))
    bounds = {
        f"{level.name}_bound": level.bound for level in result.levels if level.name in ("must", "companies")
    }
    return list(result.schedule.meetings), {
        "status": result.status,
        "solver_bound": result.bound,
        "start": result.schedule.stats.get("start"),
        **bounds,
    }


def run_bound(instance: Instance, known_cover: int) -> dict:
    model = "slot" if slot_columns(instance) <= SLOT_LP_COLUMNS else "session"
    bound = lp_bound(instance, model, known_cover=known_cover)
    return {
        "model": bound.model,
        "bound": bound.score,
        "fair_bound": bound.fair_score,
        "coverable": bound.coverable,
        "could_meet": bound.could_meet,
        "columns": bound.columns,
    }


def run_optimum(instance: Instance, time_limit: float) -> dict:
    found = lexicographic_optimum(instance, time_limit)
    return {
        "must": found.must,
        "companies": found.companies,
        "score": found.score,
        "score_bound": found.score_bound,
        "proven": found.proven,
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("event")
    parser.add_argument("method", choices=("greedy", "ours", "bound", "optimum"))
    parser.add_argument("out")
    parser.add_argument("--time-limit", type=float, default=30)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--known-cover", type=int, default=0)
    args = parser.parse_args(argv)

    instance = load_event(args.event)
    began = time.perf_counter()
    if args.method in ("bound", "optimum"):
        found = (
            run_bound(instance, args.known_cover)
            if args.method == "bound"
            else run_optimum(instance, args.time_limit)
        )
        seconds = time.perf_counter() - began
    else:
        meetings, found = run_schedule(instance, args.method, args.time_limit, args.workers)
        seconds = time.perf_counter() - began
        found |= measure(instance, meetings).as_dict() | {"digest": digest(meetings)}
    found |= {"seconds": seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    with open(args.out, "w") as out:
        json.dump(found, out)


if __name__ == "__main__":
    main()
