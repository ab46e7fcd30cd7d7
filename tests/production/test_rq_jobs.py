"""Solves on Redis: `run.py worker` processes carry out the runs the web queues; a dead solve loses nothing."""

from __future__ import annotations

import os
import secrets
import signal
from pathlib import Path

import psutil
import pytest
from redis import Redis
from sqlalchemy import select

from bench.generate import generate_event
from bench.processes import free_port, run_py, wait_until
from matcher.formats.instance_io import load_instance
from matcher.solve.greedy import greedy_schedule
from models import Company, Meeting, SolveRun, Unavailability
from models.db import make_sessionmaker
from schedules.event_store import store_instance
from schedules.jobs_rq import RQJobs
from schedules.organizer.solve_runs import SolveRequest, start_solve
from schedules.schedule_store import planned_meetings, save_schedule
from tests.conftest import EXAMPLE_INSTANCE
from tests.test_cli import cli  # noqa: F401  (the fixture: run.py in-process on the test database)

SECONDS = 60  # the longest any of these tests waits for a worker


@pytest.fixture
def redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail("TEST_REDIS_URL is not set: .ci/run starts Redis and sets it")
        pytest.skip("TEST_REDIS_URL is not set (e.g. redis://127.0.0.1:6379/15)")
    return url


@pytest.fixture
def queue(redis_url) -> str:
    """A queue of this test's own; its keys in Redis are removed afterwards."""
    name = f"test-solves-{secrets.token_hex(4)}"
    yield name
    connection = Redis.from_url(redis_url)
    for key in connection.scan_iter(f"rq:*{name}*"):
        connection.delete(key)
    connection.srem("rq:queues", f"rq:queue:{name}")


@pytest.fixture
def jobs(engine, redis_url, queue) -> RQJobs:
    return RQJobs(redis_url, make_sessionmaker(engine), queue)


@pytest.fixture
def worker(redis_url, queue, database_url, tmp_path):
    """`python run.py worker` on the test database and queue; returns its process (stopped after the test)."""
    log = tmp_path / "worker.log"
    env = {"DATABASE_URL": database_url, "REDIS_URL": redis_url}
    with run_py("worker", "--queue", queue, env=env, log=log) as process:
        process.log = log
        yield process
    print(Path(log).read_text())


def finished_run(db, run_id: int) -> SolveRun:
    def ended():
        db.expire_all()
        run = db.get(SolveRun, run_id)
        return run if run.status not in ("queued", "running") else None

    return wait_until(ended, SECONDS, every=0.25)


def test_a_queued_run_is_solved_by_a_worker_and_its_schedule_saved(db, jobs, worker):
    event = store_instance(db, load_instance(EXAMPLE_INSTANCE))
    db.commit()
    run = start_solve(db, jobs, event.id, SolveRequest(time_limit=3, workers=1))

    run = finished_run(db, run.id)
    assert run.status == "succeeded", run.message
    assert run.objective["meetings"] == len(planned_meetings(db, event)) > 0


def test_a_worker_killed_mid_solve_leaves_the_schedule_and_marks_the_run_failed(db, jobs, worker):
    instance = generate_event(companies=120, seed=1)
    event = store_instance(db, instance)
    save_schedule(db, event, greedy_schedule(instance))
    db.commit()
    before = planned_meetings(db, event)
    run = start_solve(db, jobs, event.id, SolveRequest(time_limit=SECONDS, workers=1))

    def solving():
        db.expire_all()
        progressed = db.get(SolveRun, run.id).status == "running"
        return progressed and psutil.Process(worker.pid).children()

    horse = wait_until(solving, SECONDS)[0]
    horse.send_signal(signal.SIGKILL)

    run = finished_run(db, run.id)
    assert run.status == "failed"
    assert "killed by SIGKILL" in run.message
    assert planned_meetings(db, event) == before
    assert worker.poll() is None, "the worker itself goes on"


def test_a_solve_that_raises_marks_the_run_failed_with_the_reason(db, jobs, worker):
    instance = load_instance(EXAMPLE_INSTANCE)
    event = store_instance(db, instance)
    first = greedy_schedule(instance)[0]
    save_schedule(db, event, [first])
    meeting = db.scalar(select(Meeting).where(Meeting.event_id == event.id))
    meeting.locked = True
    company = db.scalar(
        select(Company).where(Company.event_id == event.id, Company.key == first.companies[0])
    )
    company.unavailable.append(Unavailability(start_at=meeting.start_at, end_at=meeting.end_at))
    db.commit()
    before = planned_meetings(db, event)
    run = start_solve(db, jobs, event.id, SolveRequest(time_limit=3, workers=1))

    run = finished_run(db, run.id)
    assert run.status == "failed"
    assert "breaks" in run.message and "rule" in run.message  # the locked meeting no longer fits
    assert planned_meetings(db, event) == before


def test_a_worker_without_redis_says_what_to_set(cli, monkeypatch):  # noqa: F811
    monkeypatch.delenv("REDIS_URL", raising=False)
    code, _, err = cli("worker", "--burst")
    assert code == 2
    assert "REDIS_URL must be set" in err


def test_a_solve_that_cannot_be_queued_fails_at_once_and_blocks_nothing(engine, db):
    event = store_instance(db, load_instance(EXAMPLE_INSTANCE))
    db.commit()
    nowhere = RQJobs(f"redis://127.0.0.1:{free_port()}/0", make_sessionmaker(engine), "unreachable")

    run = start_solve(db, nowhere, event.id, SolveRequest(time_limit=3))

    db.expire_all()
    run = db.get(SolveRun, run.id)
    assert run.status == "failed"
    assert "cannot be reached" in run.message
    assert (
        start_solve(db, nowhere, event.id, SolveRequest(time_limit=3)).id != run.id
    )  # not refused as running
