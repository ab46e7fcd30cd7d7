"""Twenty organizers press "generate schedule" at once: one run starts, every other is told one is running."""

from __future__ import annotations

from sqlalchemy import func, select

from matcher.formats.instance_io import load_instance
from models import SolveRun
from schedules.event_store import store_instance
from schedules.organizer.solve_runs import SolveRequest, start_solve
from tests.conftest import EXAMPLE_INSTANCE
from tests.production.racing import RACERS, race, tally


class Recorded:
    """A job runner that only notes what it was handed."""

    def __init__(self):
        self.submitted: list[int] = []

    def submit(self, run_id: int) -> None:
        self.submitted.append(run_id)


def test_only_one_of_twenty_simultaneous_solves_starts(engine, db):
    event = store_instance(db, load_instance(EXAMPLE_INSTANCE))
    db.commit()
    jobs = Recorded()

    outcomes = race(
        engine, lambda session, _i: start_solve(session, jobs, event.id, SolveRequest(time_limit=5))
    )

    kinds = tally(outcomes)
    assert kinds["won"] == 1, kinds
    assert kinds["conflict"] + kinds["refused"] == RACERS - 1, kinds
    assert len(jobs.submitted) == 1
    assert db.scalar(select(func.count()).select_from(SolveRun).where(SolveRun.event_id == event.id)) == 1
