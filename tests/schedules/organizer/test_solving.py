"""Solve runs as rows: one under way per event, and a run whose process died does not block the next."""

from __future__ import annotations

from datetime import datetime, timedelta
from types import SimpleNamespace

import pytest

from matcher.domain.schedule import Meeting as Planned
from matcher.domain.schedule import Schedule
from matcher.domain.validator import ScheduleInvalid, validate
from matcher.solve.context import Progress
from models import SolveRun
from models.base import utcnow
from models.db import make_sessionmaker
from schedules.errors import Refused
from schedules.organizer.solve_runs import SolveRequest, cancel_solve, start_solve
from schedules.organizer.solving import execute_run
from schedules.schedule_store import planned_meetings


class Noted:
    """A runner that only notes the runs it is handed (the run itself is not the point here)."""

    def __init__(self):
        self.runs: list[int] = []

    def submit(self, run_id: int) -> None:
        self.runs.append(run_id)


def test_a_second_run_is_refused_until_the_first_is_cancelled(db, week):
    jobs = Noted()
    first = start_solve(db, jobs, week.id, SolveRequest(time_limit=5))
    with pytest.raises(Refused) as refused:
        start_solve(db, jobs, week.id, SolveRequest(time_limit=5))
    assert refused.value.problems[0].code == "solve_running"
    cancel_solve(db, week.id, first.id)
    second = start_solve(db, jobs, week.id, SolveRequest(time_limit=5))
    assert jobs.runs == [first.id, second.id]


def test_a_run_left_running_long_past_its_limit_counts_as_dead(db, week):
    jobs = Noted()
    stuck = start_solve(db, jobs, week.id, SolveRequest(time_limit=5))
    stuck.status, stuck.started_at = "running", utcnow() - timedelta(minutes=10)
    db.commit()
    start_solve(db, jobs, week.id, SolveRequest(time_limit=5))
    db.expire_all()
    dead = db.get(SolveRun, stuck.id)
    assert dead.status == "failed" and "interrupted" in dead.message


def at(hour: int, minute: int) -> datetime:
    return datetime(2019, 10, 28, hour, minute)


BROKEN = (  # two rules broken: one table for two pairs at 13:30, and a pair without a common language alone
    Planned(("KR-01", "FR-01"), "FR-PM", at(13, 30), at(14, 0), 1),
    Planned(("KR-02", "FR-02"), "FR-PM", at(13, 30), at(14, 0), 1),
    Planned(("KR-03", "FR-03"), "FR-PM", at(14, 0), at(14, 30), 2),
)


def returns_broken(instance, parameters, **options):
    return SimpleNamespace(schedule=Schedule(meetings=BROKEN))


def raises_broken(instance, parameters, **options):
    raise ScheduleInvalid(validate(instance, BROKEN))


@pytest.mark.parametrize("solve", [returns_broken, raises_broken], ids=["returned", "raised"])
def test_a_failed_run_keeps_every_broken_rule_as_its_reason(engine, db, week, solve):
    before = planned_meetings(db, week)
    run = start_solve(db, Noted(), week.id, SolveRequest(time_limit=1))

    execute_run(make_sessionmaker(engine), run.id, solve=solve)

    db.expire_all()
    failed = db.get(SolveRun, run.id)
    assert failed.status == "failed"
    lines = failed.message.splitlines()
    assert lines[0] == "the schedule breaks 2 hard rule(s):"
    assert lines[1].startswith("rule 7 (table clash): table 1 of FR-PM at 2019-10-28 13:30")
    assert lines[2].startswith("rule 9 (no interpreter): KR-03/FR-03 at 2019-10-28 14:00")
    assert planned_meetings(db, week) == before


def test_generating_is_refused_on_a_published_event_and_a_run_ending_after_publication_saves_nothing(
    engine,
    db,
    week,
):
    before = planned_meetings(db, week)
    run = start_solve(db, Noted(), week.id, SolveRequest(time_limit=1))
    week.state = "published"
    db.commit()
    with pytest.raises(Refused) as refused:
        start_solve(db, Noted(), week.id, SolveRequest(time_limit=1))
    assert [p.code for p in refused.value.problems] == ["published_use_repair"]

    execute_run(
        make_sessionmaker(engine),
        run.id,
        solve=lambda instance, parameters, **options: SimpleNamespace(schedule=Schedule(meetings=())),
    )

    db.expire_all()
    assert db.get(SolveRun, run.id).status == "failed"
    assert "published" in db.get(SolveRun, run.id).message
    assert planned_meetings(db, week) == before


def test_a_running_solve_shows_its_phase_and_a_failed_one_its_reason(engine, db, week):
    run = start_solve(db, Noted(), week.id, SolveRequest(time_limit=1))
    make_session = make_sessionmaker(engine)
    seen = {}

    def solve(instance, parameters, on_progress, **options):
        on_progress(Progress(best_objective=10.0, bound=12.0, elapsed=0.5, phase="timetable:gaps"))
        with make_session() as other:
            row = other.get(SolveRun, run.id)
            seen.update(status=row.status, phase=row.phase, message=row.message, best=row.best_score)
        raise RuntimeError("the solver ran out of memory")

    execute_run(make_session, run.id, solve=solve)

    assert seen == {"status": "running", "phase": "timetable:gaps", "message": None, "best": 10.0}
    db.expire_all()
    failed = db.get(SolveRun, run.id)
    assert (failed.status, failed.message) == ("failed", "the solver ran out of memory")
