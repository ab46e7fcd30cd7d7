"""The capacity planner's time on the demo week and on generated events (goal: under 10 s at 550 companies).

    .venv/bin/python -m bench.capacity_bench [--sizes week parallel grand]

Prints, per event, the planner's seconds against the goal, its bounds, and the sessions where one more
table would help most.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.generate import generate_event
from matcher.capacity import plan_capacity
from matcher.domain.instance import Instance
from matcher.formats.instance_io import load_instance

GOAL_SECONDS = 10.0
DEMO_WEEK = Path(__file__).resolve().parent.parent / "data" / "demo-week.json"


def report(name: str, instance: Instance) -> None:
    plan = plan_capacity(instance)
    best = sorted(plan.sessions, key=lambda s: -s.extra_table)[:3]
    print(
        f"{name:<10} {len(instance.companies):>5} companies  {plan.seconds:6.2f} s "
        f"({plan.seconds / GOAL_SECONDS:.2f} of the goal)  {plan.model:<13}  "
        f"requests <= {plan.requests_bound}/{plan.requested}  must <= {plan.must_bound}/{plan.must}  "
        f"+1 table: {', '.join(f'{s.id} +{s.extra_table:g}' for s in best)}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="*", default=["week", "parallel"], help="bench.generate sizes")
    args = parser.parse_args(argv)
    report("demo week", load_instance(DEMO_WEEK))
    for size in args.sizes:
        report(size, generate_event(size, seed=1))


if __name__ == "__main__":
    main()
