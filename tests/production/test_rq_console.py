"""With REDIS_URL set, "generate schedule" in the console goes to an RQ worker; its progress is read from the
database by any web process, and a second request while it runs is told one is running (409)."""

from __future__ import annotations

import json

from sqlalchemy import select

from bench.processes import run_py, wait_until
from matcher.formats.instance_io import load_instance
from models import SolveRun
from schedules.event_store import store_instance
from schedules.jobs import ThreadJobs
from schedules.jobs_rq import RQJobs
from tests.conftest import EXAMPLE_INSTANCE
from tests.production.console import make_app, organizer_console
from tests.production.test_rq_jobs import SECONDS, queue, redis_url  # noqa: F401


def test_the_runner_is_rq_only_when_redis_is_configured(database_url, tmp_path, redis_url):  # noqa: F811
    with_redis = make_app(database_url, tmp_path, redis_url)
    without = make_app(database_url, tmp_path, None)
    assert isinstance(with_redis.extensions["matchweek.jobs"], RQJobs)
    assert isinstance(without.extensions["matchweek.jobs"], ThreadJobs)
    for app in (with_redis, without):
        app.extensions["matchweek.engine"].dispose()


def test_generate_in_the_console_is_solved_by_a_worker(database_url, db, tmp_path, redis_url, queue):  # noqa: F811
    app = make_app(database_url, tmp_path, redis_url)
    app.extensions["matchweek.jobs"] = RQJobs(redis_url, app.extensions["matchweek.sessionmaker"], queue)
    event = store_instance(db, load_instance(EXAMPLE_INSTANCE))
    console = organizer_console(app, db)
    page = f"/organizer/events/{event.id}/solve"

    assert console.submit(page, {"time_limit": 3, "seed": 0}).status_code == 302
    assert (
        console.submit(page, {"time_limit": 3, "seed": 0}).status_code == 409
    )  # no worker yet: still queued

    run_id = db.scalar(select(SolveRun.id).where(SolveRun.event_id == event.id))
    env = {"DATABASE_URL": database_url, "REDIS_URL": redis_url}
    with run_py("worker", "--queue", queue, env=env, log=tmp_path / "worker.log"):

        def finished():
            state = json.loads(console.get(f"{page}/{run_id}.json").get_data(as_text=True))
            return state if state["done"] else None

        state = wait_until(finished, SECONDS, every=0.5)
    app.extensions["matchweek.engine"].dispose()
    assert state["status"] == "succeeded", (tmp_path / "worker.log").read_text()
    assert state["meetings"] > 0
