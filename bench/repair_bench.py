"""Repair benchmark: a published week loses 5% of its companies and gains 5% late ones with requests.

For the demo week and a generated ~550-company event, it solves and
"publishes" the event without the late companies, then changes it and
repairs, and prints:

- meetings of untouched pairs moved (target 0; moves made for a must-meet are listed apart);
- the repaired score over a fresh full solve's on the changed event at the same time limit (target >= 0.97);
- the repair's seconds (target <= 10 s at 550 companies on 2 cores);
- companies whose agenda changed (the ones a change mail goes to).

Ratios, not timed tests: the figures depend on the machine.

    python -m bench.repair_bench [--time-limit 10] [--workers 2] [--events demo,parallel]
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass, replace
from pathlib import Path

from matcher.domain.instance import Instance
from matcher.domain.objective import must_pairs
from matcher.domain.scoring import schedule_score
from matcher.domain.validator import validate
from matcher.formats.instance_io import load_instance
from matcher.repair import changed_companies, repair
from matcher.solve.solver import SolveParameters, solve

DEMO_WEEK = Path(__file__).resolve().parent.parent / "data" / "demo-week.json"
SHARE = 0.05


@dataclass(frozen=True)
class Change:
    """An event before and after: the published one, and the one with withdrawn and late companies."""

    name: str
    before: Instance
    after: Instance
    withdrawn: tuple[str, ...]
    late: tuple[str, ...]


def change(name: str, full: Instance, seed: int) -> Change:
    """Hold back 5% of the companies as late ones, and withdraw another 5% after publication."""
    rng = random.Random(seed)
    ids = sorted(c.id for c in full.companies)
    late = set(rng.sample(ids, round(SHARE * len(ids))))
    withdrawn = set(rng.sample(sorted(set(ids) - late), round(SHARE * len(ids))))
    return Change(
        name, _without(full, late), _without(full, withdrawn), tuple(sorted(withdrawn)), tuple(sorted(late))
    )


def _without(instance: Instance, gone: set[str]) -> Instance:
    return replace(
        instance,
        companies=tuple(c for c in instance.companies if c.id not in gone),
        requests=tuple(r for r in instance.requests if r.from_id not in gone and r.to_id not in gone),
    )


def measure(case: Change, params: SolveParameters, publish_limit: float) -> dict:
    published = solve(case.before, replace(params, time_limit=publish_limit)).schedule
    began = time.monotonic()
    repaired = repair(case.after, published, (), params)
    seconds = time.monotonic() - began
    fresh = solve(case.after, params).schedule
    assert not validate(case.after, repaired.schedule)
    touched = set(case.withdrawn)
    untouched = [m for m in published.meetings if not touched & set(m.companies)]
    after = set(repaired.schedule.meetings)
    moved_for_musts = {m.before for m in repaired.moved}
    moved_untouched = [m for m in untouched if m not in after and m not in moved_for_musts]
    musts = must_pairs(case.after)
    return {
        "event": case.name,
        "companies": len(case.after.companies),
        "withdrawn": len(case.withdrawn),
        "late": len(case.late),
        "published": len(published.meetings),
        "untouched moved": len(moved_untouched),
        "moved for musts": len(repaired.moved),
        "kept": len(repaired.kept),
        "dropped": len(repaired.dropped),
        "added": len(repaired.added),
        "score ratio": schedule_score(case.after, repaired.schedule.meetings)
        / max(1, schedule_score(case.after, fresh.meetings)),
        "musts (repair/fresh)": f"{len(musts & {m.pair for m in repaired.schedule.meetings})}"
        f"/{len(musts & {m.pair for m in fresh.meetings})} of {len(musts)}",
        "seconds": seconds,
        "agendas changed": len(changed_companies(repaired)),
        "moves": [
            f"{'/'.join(m.before.companies)} for {', '.join('/'.join(p) for p in m.making_room_for)}"
            for m in repaired.moved
        ],
    }


def events(names: list[str], seed: int) -> list[Change]:
    from bench.generate import generate_event

    found = []
    for name in names:
        full = load_instance(DEMO_WEEK) if name == "demo" else generate_event(name, seed=seed)
        found.append(change(name, full, seed))
    return found


def report(rows: list[dict], params: SolveParameters) -> None:
    columns = [
        "event",
        "companies",
        "withdrawn",
        "late",
        "published",
        "kept",
        "dropped",
        "added",
        "untouched moved",
        "moved for musts",
        "musts (repair/fresh)",
        "score ratio",
        "seconds",
        "agendas changed",
    ]
    print(
        f"repair at {params.time_limit:g} s, {params.workers} workers (targets: untouched moved 0, "
        "score ratio >= 0.97, <= 10 s at 550 companies)"
    )
    cells = [[_cell(row[c]) for c in columns] for row in rows]
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    print(" | ".join(c.ljust(w) for c, w in zip(columns, widths)))
    print("-|-".join("-" * w for w in widths))
    for row in cells:
        print(" | ".join(c.ljust(w) for c, w in zip(row, widths)))
    for row in rows:
        for move in row["moves"]:
            print(f"  {row['event']}: moved {move}")


def _cell(value) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument(
        "--publish-limit", type=float, default=30.0, help="seconds for the published schedule"
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--events", default="demo,parallel", help="demo and bench.generate sizes, comma-separated"
    )
    args = parser.parse_args(argv)
    params = SolveParameters(time_limit=args.time_limit, workers=args.workers, seed=args.seed)
    rows = [measure(case, params, args.publish_limit) for case in events(args.events.split(","), args.seed)]
    report(rows, params)


if __name__ == "__main__":
    main()
