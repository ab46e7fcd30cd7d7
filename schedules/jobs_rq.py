"""Solve runs on Redis: the web enqueues the run's id, `python run.py worker` processes carry it out.

Same interface as `schedules.jobs.ThreadJobs` (`submit(run_id)`); the run's
row in the database stays where progress and cancels live, so any web process
shows them. A worker whose work horse dies mid-solve (killed, out of memory)
marks the run failed with the reason; nothing of the run was saved, because
its schedule is written in one transaction at the very end.
"""

from __future__ import annotations

import os
import secrets
import signal

from redis import Redis
from rq import Callback, Queue, Worker
from sqlalchemy import update
from sqlalchemy.orm import Session, sessionmaker

from config import ConfigError, Settings
from models import SolveRun
from models.base import utcnow
from models.db import make_engine, make_sessionmaker
from schedules.jobs import ThreadJobs
from schedules.services.solving import ACTIVE_STATES, execute_run

QUEUE = "matchweek-solves"
JOB_TIMEOUT = 4 * 3600  # seconds: a backstop far above any solve's own time limit
KEEP_RESULTS = 7 * 24 * 3600


class RQJobs:
    """Hands solve runs to RQ workers through Redis."""

    def __init__(self, redis_url: str, queue: str = QUEUE):
        self.queue = Queue(queue, connection=Redis.from_url(redis_url))

    def submit(self, run_id: int) -> None:
        # Run ids restart with a new database; the random part keeps an old job's record from being reused.
        self.queue.enqueue(
            run_solve, run_id, job_id=f"{self.queue.name}-run-{run_id}-{secrets.token_hex(4)}", job_timeout=JOB_TIMEOUT,
            result_ttl=KEEP_RESULTS, failure_ttl=KEEP_RESULTS, on_failure=Callback(job_failed),
        )


def jobs_for(settings: Settings, make_session: sessionmaker[Session]) -> RQJobs | ThreadJobs:
    """RQ when REDIS_URL is set (several web processes and workers), else a thread of this process."""
    if settings.redis_url:
        return RQJobs(settings.redis_url)
    return ThreadJobs(make_session)


def run_solve(run_id: int) -> None:
    """The RQ job: carry out the run on the database the worker's environment names."""
    engine = make_engine(Settings.from_env().database_url)
    try:
        execute_run(make_sessionmaker(engine), run_id)
    finally:
        engine.dispose()


def mark_failed(database_url: str, run_id: int, reason: str) -> None:
    """Mark the run failed unless it already ended (succeeded, failed or cancelled)."""
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                update(SolveRun).where(SolveRun.id == run_id, SolveRun.status.in_(ACTIVE_STATES))
                .values(status="failed", message=reason[:500], finished_at=utcnow())
            )
    finally:
        engine.dispose()


def job_failed(job, _connection, kind, value, _traceback) -> None:
    """RQ's failure callback: the job raised past `execute_run`, or its worker vanished (an abandoned job)."""
    name = getattr(kind, "__name__", "error")
    mark_failed(Settings.from_env().database_url, job.args[0], f"the solving worker failed: {value or name}")


def horse_killed(job, _pid, status: int, _usage) -> None:
    """The worker's process running this job ended abnormally (a signal, or an exit without a result)."""
    if os.WIFSIGNALED(status):
        how = f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    else:
        how = f"exited with status {os.waitstatus_to_exitcode(status)}"
    mark_failed(Settings.from_env().database_url, job.args[0], f"the solving process was {how}")


def run_worker(settings: Settings, queue: str = QUEUE, burst: bool = False) -> int:
    """Process solve runs until stopped (or, with `burst`, until the queue is empty)."""
    if not settings.redis_url:
        raise ConfigError("REDIS_URL must be set for `run.py worker`, e.g. redis://127.0.0.1:6379/0")
    connection = Redis.from_url(settings.redis_url)
    worker = Worker([Queue(queue, connection=connection)], connection=connection, work_horse_killed_handler=horse_killed)
    worker.work(burst=burst, logging_level="INFO", with_scheduler=False)
    return 0
