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
from collections.abc import Iterator
from contextlib import contextmanager

from redis import Redis
from redis.exceptions import RedisError
from rq import Callback, Queue, Worker
from sqlalchemy.orm import Session, sessionmaker

from config import ConfigError, Settings
from models.db import make_engine, make_sessionmaker
from schedules.jobs import ThreadJobs
from schedules.organizer.solve_runs import mark_failed
from schedules.organizer.solving import execute_run

QUEUE = "matchweek-solves"
JOB_TIMEOUT = 4 * 3600  # seconds: a backstop far above any solve's own time limit
KEEP_RESULTS = 7 * 24 * 3600


class RQJobs:
    """Hands solve runs to RQ workers through Redis.

    When Redis cannot take the job, the run is marked failed with that reason
    at once: the organizer sees why, and the event is not left with a queued
    run that nothing will ever start (which would refuse every later solve).
    """

    def __init__(self, redis_url: str, make_session: sessionmaker[Session], queue: str = QUEUE):
        self.queue = Queue(queue, connection=Redis.from_url(redis_url, socket_connect_timeout=5))
        self.make_session = make_session

    def submit(self, run_id: int) -> None:
        # Run ids restart with a new database; the random part keeps an old job's record from being reused.
        try:
            self.queue.enqueue(
                run_solve,
                run_id,
                job_id=f"{self.queue.name}-run-{run_id}-{secrets.token_hex(4)}",
                job_timeout=JOB_TIMEOUT,
                result_ttl=KEEP_RESULTS,
                failure_ttl=KEEP_RESULTS,
                on_failure=Callback(job_failed),
            )
        except RedisError as error:
            mark_failed(self.make_session, run_id, f"the solve queue (Redis) cannot be reached: {error}")


def jobs_for(settings: Settings, make_session: sessionmaker[Session]) -> RQJobs | ThreadJobs:
    """RQ when REDIS_URL is set (several web processes and workers), else a thread of this process."""
    if settings.redis_url:
        return RQJobs(settings.redis_url, make_session)
    return ThreadJobs(make_session)


@contextmanager
def worker_database() -> Iterator[sessionmaker[Session]]:
    """Sessions on the database the worker's environment names, for one job or one report."""
    engine = make_engine(Settings.from_env().database_url)
    try:
        yield make_sessionmaker(engine)
    finally:
        engine.dispose()


def run_solve(run_id: int) -> None:
    """The RQ job: carry out the run on the worker's database."""
    with worker_database() as make_session:
        execute_run(make_session, run_id)


def job_failed(job, _connection, kind, value, _traceback) -> None:
    """RQ's failure callback: the job raised past `execute_run`, or its worker vanished (an abandoned job)."""
    name = getattr(kind, "__name__", "error")
    with worker_database() as make_session:
        mark_failed(make_session, job.args[0], f"the solving worker failed: {value or name}")


def horse_killed(job, _pid, status: int, _usage) -> None:
    """The worker's process running this job ended abnormally (a signal, or an exit without a result)."""
    if os.WIFSIGNALED(status):
        how = f"killed by {signal.Signals(os.WTERMSIG(status)).name}"
    else:
        how = f"exited with status {os.waitstatus_to_exitcode(status)}"
    with worker_database() as make_session:
        mark_failed(make_session, job.args[0], f"the solving process was {how}")


def run_worker(settings: Settings, queue: str = QUEUE, burst: bool = False) -> int:
    """Process solve runs until stopped (or, with `burst`, until the queue is empty)."""
    if not settings.redis_url:
        raise ConfigError("REDIS_URL must be set for `run.py worker`, e.g. redis://127.0.0.1:6379/0")
    from schedules.mail.jobs import MAIL_QUEUE, deliver_due_now

    deliver_due_now(settings)  # mails a stop or a crash left queued
    connection = Redis.from_url(settings.redis_url)
    queues = [
        Queue(name, connection=connection) for name in (MAIL_QUEUE, queue)
    ]  # a mail job is short: first
    worker = Worker(queues, connection=connection, work_horse_killed_handler=horse_killed)
    worker.work(burst=burst, logging_level="INFO", with_scheduler=False)
    return 0
