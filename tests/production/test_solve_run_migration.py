"""Migration 0003 applies to a database in use: older runs left under way are failed, the newest kept."""

from __future__ import annotations

from alembic import command
from sqlalchemy import insert, select, text

from models import SolveRun
from models.db import alembic_config, make_engine, make_sessionmaker

NOW = "2026-11-25 10:00:00"


def test_older_runs_under_way_are_failed_and_the_newest_kept(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(alembic_config(engine), "0002")
    # Rows as revision 0002 has them (the models may have columns later revisions add).
    with engine.begin() as connection:
        for event_id, name in ((1, "One"), (2, "Two")):
            connection.execute(text(
                "INSERT INTO event (id, name, timezone, home_country, pairing, default_max_meetings, state, "
                "created_at) VALUES (:id, :name, 'Asia/Seoul', 'KR', 'home-foreign', 8, 'draft', :now)"
            ), {"id": event_id, "name": name, "now": NOW})
        for event_id, status in ((1, "running"), (1, "succeeded"), (1, "queued"), (2, "running")):
            connection.execute(text(
                "INSERT INTO solve_run (event_id, parameters, status, created_at) "
                "VALUES (:event_id, '{}', :status, :now)"
            ), {"event_id": event_id, "status": status, "now": NOW})

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
        db.execute(text(  # the event as revision 0003 has it (the model has columns later revisions add)
            "INSERT INTO event (id, name, timezone, home_country, pairing, default_max_meetings, state, created_at) "
            "VALUES (1, 'One', 'Asia/Seoul', 'KR', 'home-foreign', 8, 'draft', :now)"
        ), {"now": NOW})
        db.execute(insert(SolveRun.__table__), [
            {"event_id": 1, "status": "failed", "message": "the schedule breaks 1 hard rule(s)"},
            {"event_id": 1, "status": "running", "message": "timetable:gaps"},
        ])
        db.commit()

    command.upgrade(alembic_config(engine), "0004_progress")

    with make_sessionmaker(engine)() as db:
        runs = [(r.status, r.message, r.phase) for r in db.scalars(select(SolveRun).order_by(SolveRun.id))]
    engine.dispose()
    assert runs == [("failed", "the schedule breaks 1 hard rule(s)", None), ("running", None, "timetable:gaps")]
