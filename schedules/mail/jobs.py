"""Delivery off the request: a thread of this process, or RQ jobs when REDIS_URL is set.

Either has `submit()` (start a delivery pass; called after each commit that
queued mail). RQ jobs go to their own queue, which `run.py worker` serves
before the solves; while mails wait for a retry, each web process looks once a
minute and enqueues a pass when one is due (RQ's scheduler is not used: it
would be one more process per worker).
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from pathlib import Path

from redis import Redis
from redis.exceptions import RedisError
from rq import Queue
from sqlalchemy.orm import Session, sessionmaker

from config import Settings
from schedules.mail.delivery import Postman, ThreadDelivery, deliver_pending, next_due
from schedules.mail.transport import transport_for

MAIL_QUEUE = "matchweek-mail"
POLL = timedelta(minutes=1)  # how often a web process looks for retries due, while mails wait
log = logging.getLogger(__name__)


def postman_for(settings: Settings, outbox: Path | None = None) -> Postman:
    return Postman(transport_for(settings, outbox), settings.mail_from, settings.link_base)


class RQDelivery:
    """Enqueues a delivery job; a worker sends. If Redis is away the rows wait for the next pass."""

    def __init__(self, redis_url: str, make_session: sessionmaker[Session], queue: str = MAIL_QUEUE):
        self.queue = Queue(queue, connection=Redis.from_url(redis_url, socket_connect_timeout=5))
        self.make_session = make_session
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._closed = False

    def submit(self) -> None:
        try:
            self.queue.enqueue(deliver_job, job_timeout=3600, result_ttl=3600)
        except RedisError as error:
            log.warning("mail delivery job not enqueued (%s); the mails wait for the next pass", error)
        self._look_again()

    def _look_again(self) -> None:
        """While any mail waits, submit again in a minute (a retry may be due by then)."""
        try:
            with self.make_session() as db:
                waiting = next_due(db) is not None
        except Exception:  # the database is away: the next commit or start looks again
            log.exception("cannot read whether mails wait")
            return
        with self._lock:
            if self._closed or not waiting or (self._timer is not None and self._timer.is_alive()):
                return
            self._timer = threading.Timer(POLL.total_seconds(), self._tick)
            self._timer.daemon = True
            self._timer.start()

    def _tick(self) -> None:
        with self._lock:
            self._timer = None
        self.submit()

    def join(self, timeout: float | None = None) -> None:
        """Nothing runs here: a worker delivers."""

    def after_fork(self) -> None:
        """In a forked web worker: a timer of its own."""
        self._lock, self._timer = threading.Lock(), None
        self._look_again()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            if self._timer is not None:
                self._timer.cancel()


def delivery_for(settings: Settings, make_session: sessionmaker[Session], outbox: Path | None = None):
    """RQ when REDIS_URL is set, else a thread of this process."""
    if settings.redis_url:
        return RQDelivery(settings.redis_url, make_session)
    return ThreadDelivery(make_session, postman_for(settings, outbox))


def deliver_due_now(settings: Settings) -> None:
    """Deliver what is due, in this process (a worker starting)."""
    from schedules.jobs_rq import worker_database

    try:
        with worker_database() as make_session:
            deliver_pending(make_session, postman_for(settings))
    except Exception:  # the worker still starts; the next pass tries again
        log.exception("delivering the mails due at start failed")


def deliver_job() -> None:
    """The RQ job: deliver what is due."""
    deliver_due_now(Settings.from_env())
