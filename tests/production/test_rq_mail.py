"""Mail delivery on Redis: a commit that queued mail enqueues a delivery job, a worker sends it."""

from __future__ import annotations

from redis import Redis
from rq import Queue, SimpleWorker
from sqlalchemy import select

from models import MailState, OutgoingMail
from models.db import make_sessionmaker
from schedules.mail.jobs import RQDelivery
from schedules.mail.outbox import deliver_after_commit, queue_mail
from tests.production.test_rq_jobs import queue, redis_url  # noqa: F401  (fixtures)
from tests.smtp import smtp_server


def test_a_commit_that_queued_mail_has_a_worker_deliver_it(
    engine, database_url, redis_url, queue, monkeypatch
):
    info: dict = {}
    make_session = make_sessionmaker(engine)
    delivery = RQDelivery(redis_url, make_session, queue)
    deliver_after_commit(info, delivery.submit)
    make_session.configure(info=info)
    with smtp_server() as inbox:
        monkeypatch.setenv("DATABASE_URL", database_url)
        monkeypatch.setenv("MAIL_URL", f"smtp://127.0.0.1:{inbox.port}")
        with make_session() as db:
            queue_mail(
                db, to="kim@kr01.example.kr", kind="agenda", language="en", subject="Your agenda", text="..."
            )
            db.commit()
        connection = Redis.from_url(redis_url)
        assert Queue(queue, connection=connection).count == 1
        SimpleWorker([Queue(queue, connection=connection)], connection=connection).work(burst=True)
    delivery.close()
    assert [m["Subject"] for m in inbox.messages] == ["Your agenda"]
    with make_session() as db:
        assert db.scalar(select(OutgoingMail.state)) == MailState.SENT
