"""`make bench --family HALF`: the solver against greedy and the bounds on every event of a family half.

Each event runs greedy, the LP bound and our solver in processes of their own
(bench.trial), at the event's time limit (30 s, 60 s above 500 companies, 120 s
above 1,500). The report is one row per event, then the distribution of each
ratio (minimum and median) with the worst event named, beside issue 16's targets.

The must bound and the companies bound are the solver's own: CP-SAT's proven
bound on its first level, and on its second level with the first held at what
was reached (the pairs model relaxes the schedule, so both hold for any
schedule; on small events the slot model is exact).
"""

from __future__ import annotations

import statistics
from collections.abc import Callable
from dataclasses import dataclass

from bench.family import FamilyEvent, family

QUICK_EVENTS = 4  # the smallest events of the half, in --quick mode
QUICK_LIMIT = 10.0


@dataclass(frozen=True)
class Ratio:
    """One figure per event, its target and whether higher is better."""

    name: str
    target: str
    value: Callable[[dict, dict, dict], float | None]
    meets: Callable[[float, FamilyEvent], bool]
    higher_is_better: bool = True


def _share(part: float, whole: float | None) -> float | None:
    if whole is None:
        return None
    return part / whole if whole else (1.0 if part >= whole else 0.0)


def _met(result: dict) -> int:
    return result["could_meet"] - result["without_meeting"]


RATIOS = (
    Ratio(
        "must met / greedy's",
        ">= 1",
        lambda o, g, b: _share(o["must_met"], g["must_met"]),
        lambda v, e: v >= 1,
    ),
    Ratio(
        "must met / must bound",
        ">= 0.995",
        lambda o, g, b: _share(o["must_met"], o.get("must_bound")),
        lambda v, e: v >= 0.995,
    ),
    Ratio("companies met / greedy's", ">= 1", lambda o, g, b: _share(_met(o), _met(g)), lambda v, e: v >= 1),
    Ratio(
        "companies met / bound at must level",
        ">= 0.99",
        lambda o, g, b: _share(_met(o), o.get("companies_bound")),
        lambda v, e: v >= 0.99,
    ),
    Ratio(
        "score / fair LP bound",
        ">= 0.99 (>= greedy's above 1,500)",
        lambda o, g, b: _share(o["score"], b.get("fair_bound")),
        lambda v, e: v >= 0.99,
    ),
    Ratio("score / greedy's", ">= 1", lambda o, g, b: _share(o["score"], g["score"]), lambda v, e: v >= 1),
    Ratio(
        "idle gaps / greedy's",
        "<= 0.5",
        lambda o, g, b: _share(o["idle_gaps"], g["idle_gaps"]),
        lambda v, e: v <= 0.5,
        higher_is_better=False,
    ),
    Ratio(
        "peak memory GB",
        "< 4",
        lambda o, g, b: o["peak_mb"] / 1024,
        lambda v, e: v < 4,
        higher_is_better=False,
    ),
)


def events_for(half: str, quick: bool) -> list[FamilyEvent]:
    events = family(half)
    if quick:
        events = sorted(events, key=lambda e: e.shape.companies)[:QUICK_EVENTS]
    return events


def run_family(
    half: str, trial: Callable[..., dict], workers: int, quick: bool = False, time_limit: float | None = None
) -> dict:
    """Run every event of ``half`` and print the per-event table and the distribution; return the figures."""
    events = events_for(half, quick)
    print(f"\n== family, {half} half: {len(events)} events ==", flush=True)
    header = (
        "event",
        "companies",
        "s",
        "must (greedy; bound)",
        "companies (greedy; bound)",
        "floor (greedy)",
        "score/fair (greedy)",
        "gaps (greedy)",
        "MB",
        "start",
    )
    print("  " + " | ".join(header), flush=True)
    results = {}
    for event in events:
        limit = time_limit or (QUICK_LIMIT if quick else event.time_limit)
        name = f"family:{event.name}"
        greedy = trial(name, "greedy", limit, workers)
        cover = _met(greedy) if "error" not in greedy else 0
        bound = trial(name, "bound", limit, workers, known_cover=cover)
        ours = trial(name, "ours", limit, workers)
        results[event.name] = {"event": event, "ours": ours, "greedy": greedy, "bound": bound, "limit": limit}
        print("  " + _row(event, ours, greedy, bound, limit), flush=True)
    report_distribution(results)
    return {name: {k: v for k, v in found.items() if k != "event"} for name, found in results.items()}


def _row(event: FamilyEvent, ours: dict, greedy: dict, bound: dict, limit: float) -> str:
    for label, result in (("ours", ours), ("greedy", greedy)):
        if "error" in result:
            return f"{event.name} | {label}: {result['error']}"
    fair = bound.get("fair_bound")

    def bound_of(key: str) -> str:
        value = ours.get(key)
        return "-" if value is None else f"{value:.0f}"

    score = f"{ours['score'] / fair:.3f} ({greedy['score'] / fair:.3f})" if fair else f"{ours['score']} (-)"
    return " | ".join(
        (
            event.name,
            str(event.shape.companies),
            f"{ours['seconds']:.0f}/{limit:.0f}",
            f"{ours['must_met']} ({greedy['must_met']}; {bound_of('must_bound')})",
            f"{_met(ours)} ({_met(greedy)}; {bound_of('companies_bound')})",
            f"{ours.get('floor', '-')} ({greedy.get('floor', '-')})",
            score,
            f"{ours['idle_gaps']} ({greedy['idle_gaps']})",
            f"{ours['peak_mb']:.0f}",
            f"{ours.get('start')}{' (kept)' if ours.get('kept_start') else ''}",
        )
    )


def report_distribution(results: dict) -> None:
    """Minimum (or maximum, where lower is better) and median of each ratio, the worst event, the target."""
    print("\n  ratio | worst | median | worst event | target | events meeting it")
    for ratio in RATIOS:
        values = []
        for name, found in results.items():
            ours, greedy, bound = found["ours"], found["greedy"], found["bound"]
            if "error" in ours or "error" in greedy:
                continue
            value = ratio.value(ours, greedy, bound if "error" not in bound else {})
            if value is not None:
                values.append((value, name, found["event"]))
        if not values:
            print(f"  {ratio.name} | - | - | - | {ratio.target} | -")
            continue
        worst = (min if ratio.higher_is_better else max)(values, key=lambda item: item[0])
        median = statistics.median(v for v, _, _ in values)
        meeting = sum(1 for v, _, event in values if _meets(ratio, v, event, results))
        print(
            f"  {ratio.name} | {worst[0]:.3f} | {median:.3f} | {worst[1]} | {ratio.target} | "
            f"{meeting}/{len(values)}"
        )
    errors = [
        (name, method, found[method]["error"])
        for name, found in results.items()
        for method in ("ours", "greedy", "bound")
        if "error" in found[method]
    ]
    for name, method, error in errors:
        print(f"  {name} {method}: {error}")


def _meets(ratio: Ratio, value: float, event: FamilyEvent, results: dict) -> bool:
    if ratio.name == "score / fair LP bound" and event.shape.companies > 1500:
        found = results[event.name]
        return found["ours"]["score"] >= found["greedy"]["score"]
    return ratio.meets(value, event)
