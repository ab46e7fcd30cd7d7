"""Migration 0008_withdrawal applies to a database in use: every row stays (on SQLite a copied table would have
emptied those that refer to it), companies take part, late changes are off."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from models.db import alembic_config, make_engine

NOW = "2026-11-25 10:00:00"
TABLES = ("event", "company", "consultation_session", "meeting", "meeting_request", "solve_run", "contact")


def counts(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {name: connection.scalar(text(f"SELECT count(*) FROM {name}")) for name in TABLES}


def test_the_rows_of_an_event_in_use_stay_through_the_migration_and_back(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'in-use.sqlite3'}")
    command.upgrade(alembic_config(engine), "0007_desk")
    with engine.begin() as connection:
        for statement in (
            "INSERT INTO event (id, name, timezone, home_country, pairing, default_max_meetings, state, created_at)"
            " VALUES (1, 'Week', 'Asia/Seoul', 'KR', 'home-foreign', 8, 'published', :now)",
            "INSERT INTO company (id, event_id, key, name, country, languages, position) "
            "VALUES (1, 1, 'KR-01', 'A', 'KR', '[\"ko\"]', 0), (2, 1, 'FR-01', 'B', 'FR', '[\"fr\"]', 1)",
            "INSERT INTO contact (company_id, name, email, phone, languages, position) "
            "VALUES (1, 'Kim', 'kim@example.kr', '', '[\"ko\"]', 0)",
            "INSERT INTO consultation_session (id, event_id, key, title, start_at, end_at, slot_minutes, tables, "
            "position) VALUES (1, 1, 'FR-PM', '', :now, '2026-11-25 12:00:00', 30, 2, 0)",
            "INSERT INTO meeting (event_id, company_a_id, company_b_id, session_id, start_at, end_at, table_number, "
            "locked, edited, status, sequence, updated_at) VALUES (1, 1, 2, 1, :now, '2026-11-25 10:30:00', 1, "
            "0, 0, 'active', 0, :now)",
            "INSERT INTO meeting_request (event_id, from_company_id, to_company_id, priority, position) "
            "VALUES (1, 1, 2, 3, 0)",
            "INSERT INTO solve_run (event_id, parameters, status, created_at) VALUES (1, '{}', 'succeeded', :now)",
        ):
            connection.execute(text(statement), {"now": NOW})
    before = counts(engine)

    command.upgrade(alembic_config(engine), "0008_withdrawal")

    assert counts(engine) == before
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT count(*) FROM company WHERE withdrawn_at IS NULL")) == 2
        assert connection.scalar(text("SELECT late_changes FROM event")) in (0, False)
    command.downgrade(alembic_config(engine), "0007_desk")
    assert counts(engine) == before
    engine.dispose()
