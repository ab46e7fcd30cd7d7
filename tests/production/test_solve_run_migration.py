"""Migration 0003 applies to a database in use: older runs left under way are failed, the newest kept."""

from __future__ import annotations

from datetime import UTC, datetime

from alembic import command
from sqlalchemy import column, insert, select, table

from models import SolveRun
from models.db import alembic_config, make_engine, make_sessionmaker

OLD_EVENT = table(
    "event",
    column("id"),
    column("name"),
    column("timezone"),
    column("home_country"),
    column("pairing"),
    column("default_max_meetings"),
    column("state"),
    column("created_at"),
)
"""The event table as the first revisions have it: later ones add columns the old database lacks."""


def old_event(db, name: str) -> int:
    values = {
        "name": name,
        "timezone": "Asia/Seoul",
        "home_country": "KR",
        "pairing": "home-foreign",
        "default_max_meetings": 8,
        "state": "draft",
        "created_at": datetime.now(UTC).replace(tzinfo=None),
    }
    return db.execute(insert(OLD_EVENT).values(values).returning(OLD_EVENT.c.id)).scalar_one()


def test_older_runs_under_way_are_failed_and_the_newest_kept(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(alembic_config(engine), "0002")
    with make_sessionmaker(engine)() as db:
        one, two = old_event(db, "One"), old_event(db, "Two")
        # Columns of revision 0002 only: the model has more since.
        db.execute(
            insert(SolveRun.__table__),
            [
                {"event_id": one, "status": "running"},
                {"event_id": one, "status": "succeeded"},
                {"event_id": one, "status": "queued"},
                {"event_id": two, "status": "running"},
            ],
        )
        db.commit()

    command.upgrade(alembic_config(engine), "head")

    with make_sessionmaker(engine)() as db:
        names = dict(db.execute(select(OLD_EVENT.c.id, OLD_EVENT.c.name)).all())
        runs = [
            (names[r.event_id], r.status, r.message)
            for r in db.scalars(select(SolveRun).order_by(SolveRun.id))
        ]
    engine.dispose()
    assert runs == [
        ("One", "failed", "superseded by a newer run"),
        ("One", "succeeded", None),
        ("One", "queued", None),
        ("Two", "running", None),
    ]


def test_a_run_under_way_keeps_its_phase_apart_from_failure_reasons(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    command.upgrade(alembic_config(engine), "0003")
    with make_sessionmaker(engine)() as db:
        event = old_event(db, "One")
        db.execute(
            insert(SolveRun.__table__),
            [
                {"event_id": event, "status": "failed", "message": "the schedule breaks 1 hard rule(s)"},
                {"event_id": event, "status": "running", "message": "timetable:gaps"},
            ],
        )
        db.commit()

    command.upgrade(alembic_config(engine), "0004_progress")

    with make_sessionmaker(engine)() as db:
        runs = [(r.status, r.message, r.phase) for r in db.scalars(select(SolveRun).order_by(SolveRun.id))]
    engine.dispose()
    assert runs == [
        ("failed", "the schedule breaks 1 hard rule(s)", None),
        ("running", None, "timetable:gaps"),
    ]
