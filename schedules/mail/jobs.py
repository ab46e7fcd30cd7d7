"""Delivery off the request: a thread of this process, or RQ jobs when REDIS_URL is set.

Either has `submit()` (start a delivery pass; called after each commit that
queued mail) and retries when the earliest queued row is due again.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from redis import Redis
from redis.exceptions import RedisError
from rq import Queue
from sqlalchemy.orm import Session, sessionmaker

from config import Settings
from models.base import utcnow
from schedules.mail.delivery import Postman, ThreadDelivery, deliver_pending, next_due
from schedules.mail.transport import transport_for

QUEUE = "matchweek-solves"  # the queue `run.py worker` serves


def postman_for(settings: Settings, outbox: Path | None = None) -> Postman:
    return Postman(transport_for(settings, outbox), settings.mail_from, settings.link_base)


class RQDelivery:
    """Enqueues a delivery job; a worker sends. If Redis is away the rows simply wait for the next pass."""

    def __init__(self, redis_url: str, queue: str = QUEUE):
        self.queue = Queue(queue, connection=Redis.from_url(redis_url, socket_connect_timeout=5))

    def submit(self) -> None:
        try:
            self.queue.enqueue(deliver_job, job_timeout=3600, result_ttl=3600)
        except RedisError:
            pass  # queued rows are delivered by the next job, or when a worker starts

    def join(self, timeout: float | None = None) -> None:
        """Nothing runs here: the worker delivers."""

    def after_fork(self) -> None:
        """Nothing to restart: the queue is shared."""

    def close(self) -> None:
        """Nothing to stop here."""


def delivery_for(settings: Settings, make_session: sessionmaker[Session], outbox: Path | None = None):
    """RQ when REDIS_URL is set, else a thread of this process."""
    if settings.redis_url:
        return RQDelivery(settings.redis_url)
    return ThreadDelivery(make_session, postman_for(settings, outbox))


def deliver_job() -> None:
    """The RQ job: deliver what is due, then schedule the next pass for the earliest retry."""
    from rq import get_current_job

    from schedules.jobs_rq import worker_database

    settings = Settings.from_env()
    with worker_database() as make_session:
        deliver_pending(make_session, postman_for(settings))
        with make_session() as db:
            due = next_due(db)
    job = get_current_job()
    if due is not None and job is not None:
        wait = max(due - utcnow(), timedelta(seconds=1))
        Queue(job.origin, connection=job.connection).enqueue_in(wait, deliver_job, job_timeout=3600, result_ttl=3600)
