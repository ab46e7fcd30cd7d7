"""The slot-assignment phase alone on the brokerage forums of Bofill et al.: every requested pair placed, fewest breaks.

    python -m bench.timetable_forums [--forums tic-12,forum-13] [--time-limit 30] [--workers 2] [--seed 0]

Per forum it prints the meetings placed of the distinct requested pairs, the
breaks (our idle gaps) against the published optimum (+2 per doubled pair that
meets once), the bound the search proved, the seconds taken and the CPU seconds
used (all threads; on a loaded machine they tell more than the clock). Every
result is checked with the validator; nothing here fails.
"""

from __future__ import annotations

import argparse
import time

from bench.b2bsp import B2BSP_DIR, forum_files, load_forum, published_optima, required_pairs
from bench.run import break_allowance, print_row, verdict
from matcher.domain.scoring import idle_gaps
from matcher.domain.validator import validate
from matcher.solve.timetable import solve_timetable


def run(names: list[str], time_limit: float, workers: int, seed: int) -> int:
    """Print one row per forum; return how many reached the optimum with every meeting placed."""
    optima = published_optima()
    header = ("instance", "placed", "breaks", "optimum", "bound", "s", "cpu s", "violations")
    widths = [max(14 if i == 0 else 7, len(cell)) for i, cell in enumerate(header)]
    print(f"== timetable phase on {len(names)} forums, {time_limit:.0f} s each, {workers} workers ==")
    print_row(header, widths)
    reached = 0
    for name in names:
        forum = load_forum(B2BSP_DIR / f"{name}.dzn")
        pairs = sorted(tuple(sorted(pair)) for pair in required_pairs(forum))
        started, cpu = time.monotonic(), time.process_time()
        result = solve_timetable(forum, pairs, time_limit=time_limit, seed=seed, workers=workers)
        seconds, cpu = time.monotonic() - started, time.process_time() - cpu
        allowed = optima[name] + break_allowance(name)
        meetings = result.meetings or []
        breaks = idle_gaps(forum, meetings)
        if result.meetings is not None and breaks <= allowed:
            reached += 1
        bound = "-" if result.bound is None else f"{result.bound:.0f}"
        print_row(
            (
                name,
                f"{len(meetings)}/{len(pairs)}",
                str(breaks) if meetings else "-",
                str(allowed),
                bound,
                f"{seconds:.1f}",
                f"{cpu:.1f}",
                str(len(validate(forum, meetings))),
            ),
            widths,
        )
    print(
        f"target: every meeting placed and breaks at or below the optimum: {reached}/{len(names)} "
        f"({verdict(reached == len(names))})"
    )
    return reached


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forums", help="comma-separated forum names (default: all 20)")
    parser.add_argument("--time-limit", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    names = args.forums.split(",") if args.forums else [path.stem for path in forum_files()]
    run(names, args.time_limit, args.workers, args.seed)


if __name__ == "__main__":
    main()
