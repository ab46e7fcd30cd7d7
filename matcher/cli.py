"""The ``solve``, ``validate`` and ``capacity`` commands: files in, a schedule, broken rules or bounds out.

Bad input files print their located problems and return 2; a traceback is
never what a user sees for a file they wrote.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TextIO

from matcher.capacity import CapacityReport, plan_capacity
from matcher.domain.schedule import Schedule
from matcher.domain.validator import ScheduleInvalid, validate
from matcher.formats.instance_io import InstanceError, load_instance
from matcher.formats.reading import read_json_file, write_json_file
from matcher.formats.schedule_io import FORMAT, ScheduleError, load_schedule, parse_schedule, schedule_to_dict
from matcher.repair import NotThisEvent, repair, require_same_event
from matcher.solve.solver import SolveParameters, SolveResult, solve

BAD_INPUT = 2


def solve_command(
    instance_path: Path | str,
    output_path: Path | str,
    time_limit: float = 30.0,
    seed: int = 0,
    workers: int = 2,
    lock_path: Path | str | None = None,
    out: TextIO = sys.stdout,
) -> int:
    """Solve an instance file, write the b2b-schedule/1 file with reasons and stats, print a summary."""
    try:
        instance = load_instance(instance_path)
        locked = load_schedule(lock_path, instance).meetings if lock_path else ()
    except InstanceError as error:
        print(error, file=out)
        return BAD_INPUT
    try:
        result = solve(instance, SolveParameters(time_limit=time_limit, seed=seed, workers=workers), locked)
    except ScheduleInvalid as error:
        print(f"the locked schedule {lock_path} cannot be kept:", file=out)
        for violation in error.violations:
            print(f"  {violation}", file=out)
        return BAD_INPUT
    document = schedule_to_dict(result.schedule)
    document.setdefault("unscheduled", [])  # present even when every request is met, so readers need no guess
    write_json_file(document, output_path)
    print(summary(result), file=out)
    print(f"written to {output_path}", file=out)
    return 0


def repair_command(
    instance_path: Path | str,
    published_path: Path | str,
    output_path: Path | str,
    time_limit: float = 30.0,
    seed: int = 0,
    workers: int = 2,
    out: TextIO = sys.stdout,
) -> int:
    """Bring a published b2b-schedule/1 up to date with the instance; write it, list what was dropped or moved."""
    try:
        instance = load_instance(instance_path)
        published, cancelled = load_published(published_path)
    except InstanceError as error:
        print(error, file=out)
        return BAD_INPUT
    params = SolveParameters(time_limit=time_limit, seed=seed, workers=workers)
    try:
        require_same_event(instance, published.meetings)
    except NotThisEvent as error:
        print(f"{published_path}: {error}", file=out)
        return BAD_INPUT
    result = repair(instance, published, cancelled, params)
    document = schedule_to_dict(result.schedule)
    document.setdefault("unscheduled", [])
    write_json_file(document, output_path)
    stats = result.schedule.stats
    print(
        summary(
            SolveResult(result.schedule, result.status, result.objective, stats.get("bound"), result.seconds)
        ),
        file=out,
    )
    print(
        f"kept {stats['kept']}, moved {stats['moved']}, dropped {stats['dropped']}, added {stats['added']}",
        file=out,
    )
    for dropped in result.dropped:
        print(
            f"  dropped {'/'.join(dropped.meeting.companies)}: {dropped.reason}: {dropped.detail}", file=out
        )
    for moved in result.moved:
        room = ", ".join("/".join(pair) for pair in moved.making_room_for)
        print(
            f"  moved {'/'.join(moved.before.companies)} to {moved.after.start:%Y-%m-%d %H:%M} "
            f"{moved.after.session} table {moved.after.table} for the must-meet {room}",
            file=out,
        )
    print(f"written to {output_path}", file=out)
    return 0


def load_published(path: Path | str) -> tuple[Schedule, list[tuple[str, str]]]:
    """A published b2b-schedule/1 and the pairs of its optional ``cancelled`` list (as `run.py backup` writes).

    Its ids are not checked against an instance: naming a company that has
    since gone is what makes a meeting be dropped.
    """
    data, problems = read_json_file(path)
    if problems:
        raise ScheduleError(problems)
    schedule = parse_schedule(data)
    try:
        cancelled = parse_schedule({"format": FORMAT, "meetings": data.get("cancelled") or []})
    except ScheduleError as error:  # its problems are placed in "cancelled", not "meetings"
        raise ScheduleError(
            [replace(p, path="cancelled" + p.path.removeprefix("meetings")) for p in error.problems]
        ) from None
    return schedule, [meeting.companies for meeting in cancelled.meetings]


def summary(result: SolveResult) -> str:
    """A short table: each objective level, the bound, the status, the time and why requests went unmet."""
    parts = result.objective
    bound = f"{result.bound:.0f}" if result.bound is not None else "-"
    rows = [
        ("must-meet requests met", f"{parts['must']} / {parts['must_total']}"),
        ("companies with a meeting", f"{parts['companies']} / {parts['companies_total']}"),
        ("fairness floor", str(parts["floor"])),
        ("score (bound)", f"{parts['score']} ({bound})"),
        ("idle gaps", str(parts["gaps"])),
        ("meetings", str(len(result.schedule.meetings))),
        ("status", f"{result.status} in {result.seconds:.1f} s"),
    ]
    reasons = Counter(item.reason for item in result.schedule.unscheduled)
    rows += [(f"unmet requests: {code}", str(count)) for code, count in sorted(reasons.items())]
    width = max(len(label) for label, _ in rows)
    return "\n".join(f"{label:<{width}}  {value}" for label, value in rows)


def validate_command(instance_path: Path | str, schedule_path: Path | str, out: TextIO = sys.stdout) -> int:
    """Print each broken hard rule; 1 if there is any, 0 if the schedule keeps them all."""
    try:
        instance = load_instance(instance_path)
        schedule = load_schedule(schedule_path, instance)
    except InstanceError as error:
        print(error, file=out)
        return BAD_INPUT
    violations = validate(instance, schedule)
    for violation in violations:
        print(violation, file=out)
    print(
        f"{len(violations)} broken rule(s)" if violations else "the schedule keeps every hard rule", file=out
    )
    return 1 if violations else 0


def capacity_command(instance_path: Path | str, as_json: bool = False, out: TextIO | None = None) -> int:
    """Print how many requested and must-meet pairs any schedule could meet, and what one more table or
    interpreter would add; ``as_json`` prints the report as JSON for scripts."""
    out = out or sys.stdout
    try:
        instance = load_instance(instance_path)
    except InstanceError as error:
        print(error, file=out)
        return BAD_INPUT
    report = plan_capacity(instance)
    if as_json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2), file=out)
    else:
        print(capacity_summary(report), file=out)
    return 0


def capacity_summary(report: CapacityReport) -> str:
    lines = [
        f"requested pairs that can meet: at most {report.requests_bound} of {report.requested}",
        f"must-meet pairs that can meet: at most {report.must_bound} of {report.must}",
        f"bounds from the {report.model} in {report.seconds:.1f} s",
        "",
        "session: slots x tables = capacity; companies admitted; requested (must) pairs; +1 table",
    ]
    for s in report.sessions:
        lines.append(
            f"  {s.id}: {s.slots} x {s.tables} = {s.capacity}; {s.admitted}; {s.requested} ({s.must}); "
            f"about +{s.extra_table:g} requests met"
        )
    if report.interpreters:
        lines += [
            "",
            "interpreters by languages: how many; hours in sessions; pairs needing them; +1 interpreter",
        ]
        for i in report.interpreters:
            lines.append(
                f"  {'+'.join(i.languages)}: {i.interpreters}; {i.hours:g} h; {i.needing}; "
                f"about +{i.extra_interpreter:g} requests met"
            )
    return "\n".join(lines)
