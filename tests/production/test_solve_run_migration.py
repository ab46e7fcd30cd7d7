"""Migration 0003 applies to a database in use: older runs left under way are failed, the newest kept."""

from __future__ import annotations

from alembic import command
from sqlalchemy import select

from models import Event, SolveRun
from models.db import alembic_config, make_engine, make_sessionmaker


def test_older_runs_under_way_are_failed_and_the_newest_kept(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(alembic_config(engine), "0002")
    with make_sessionmaker(engine)() as db:
        one = Event(name="One", timezone="Asia/Seoul", home_country="KR")
        two = Event(name="Two", timezone="Asia/Seoul", home_country="KR")
        db.add_all([one, two])
        db.flush()
        db.add_all([
            SolveRun(event=one, status="running"), SolveRun(event=one, status="succeeded"),
            SolveRun(event=one, status="queued"), SolveRun(event=two, status="running"),
        ])
        db.commit()

    command.upgrade(alembic_config(engine), "head")

    with make_sessionmaker(engine)() as db:
        runs = [(r.event.name, r.status, r.message) for r in db.scalars(select(SolveRun).order_by(SolveRun.id))]
    engine.dispose()
    assert runs == [
        ("One", "failed", "superseded by a newer run"), ("One", "succeeded", None),
        ("One", "queued", None), ("Two", "running", None),
    ]
