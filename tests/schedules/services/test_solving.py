"""Solve runs as rows: one under way per event, and a run whose process died does not block the next."""

from __future__ import annotations

from datetime import timedelta

import pytest

from models import SolveRun
from models.base import utcnow
from schedules.services.errors import Refused
from schedules.services.solving import SolveRequest, cancel_solve, start_solve


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
