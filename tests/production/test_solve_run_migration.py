"""Migration 0003 applies to a database in use: older runs left under way are failed, the newest kept."""

from __future__ import annotations

from alembic import command
from sqlalchemy import insert, select

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
        # Columns of revision 0002 only: the model has more since.
        db.execute(insert(SolveRun.__table__), [
            {"event_id": one.id, "status": "running"}, {"event_id": one.id, "status": "succeeded"},
            {"event_id": one.id, "status": "queued"}, {"event_id": two.id, "status": "running"},
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


def test_a_run_under_way_keeps_its_phase_apart_from_failure_reasons(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(alembic_config(engine), "0003")
    with make_sessionmaker(engine)() as db:
        event = Event(name="One", timezone="Asia/Seoul", home_country="KR")
        db.add(event)
        db.flush()
        db.execute(insert(SolveRun.__table__), [
            {"event_id": event.id, "status": "failed", "message": "the schedule breaks 1 hard rule(s)"},
            {"event_id": event.id, "status": "running", "message": "timetable:gaps"},
        ])
        db.commit()

    command.upgrade(alembic_config(engine), "0004_progress")

    with make_sessionmaker(engine)() as db:
        runs = [(r.status, r.message, r.phase) for r in db.scalars(select(SolveRun).order_by(SolveRun.id))]
    engine.dispose()
    assert runs == [("failed", "the schedule breaks 1 hard rule(s)", None), ("running", None, "timetable:gaps")]
