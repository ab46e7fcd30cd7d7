"""Migration 0010_meeting_versions applies to a database in use: every row stays, and each active meeting's
companies and interpreter get their time in `meeting_participant` (the cancelled ones none); back again."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from models.db import alembic_config, make_engine
from tests.production.test_withdrawal_migration import NOW, counts


def test_the_participants_of_active_meetings_are_filled_in_and_the_rows_stay(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'in-use.sqlite3'}")
    command.upgrade(alembic_config(engine), "0008_withdrawal")
    with engine.begin() as connection:
        for statement in (
            "INSERT INTO event (id, name, timezone, home_country, pairing, default_max_meetings, state, created_at,"
            " late_changes) VALUES (1, 'Week', 'Asia/Seoul', 'KR', 'home-foreign', 8, 'published', :now, 0)",
            "INSERT INTO company (id, event_id, key, name, country, languages, position) VALUES "
            "(1, 1, 'KR-01', 'A', 'KR', '[\"ko\"]', 0), (2, 1, 'FR-01', 'B', 'FR', '[\"fr\"]', 1), "
            "(3, 1, 'FR-02', 'C', 'FR', '[\"fr\"]', 2)",
            "INSERT INTO contact (company_id, name, email, phone, languages, position) "
            "VALUES (1, 'Kim', 'kim@example.kr', '', '[\"ko\"]', 0)",
            "INSERT INTO consultation_session (id, event_id, key, title, start_at, end_at, slot_minutes, tables, "
            "position) VALUES (1, 1, 'FR-PM', '', :now, '2026-11-25 12:00:00', 30, 2, 0)",
            "INSERT INTO interpreter (id, event_id, key, name, languages, position) "
            "VALUES (1, 1, 'INT-FR', 'Lee', '[\"ko\", \"fr\"]', 0)",
            "INSERT INTO meeting (event_id, company_a_id, company_b_id, session_id, start_at, end_at, table_number, "
            "interpreter_id, locked, edited, status, sequence, updated_at) VALUES "
            "(1, 1, 2, 1, :now, '2026-11-25 10:30:00', 1, 1, 0, 0, 'active', 0, :now), "
            "(1, 1, 3, 1, :now, '2026-11-25 10:30:00', 2, NULL, 0, 0, 'cancelled', 1, :now)",
            "INSERT INTO meeting_request (event_id, from_company_id, to_company_id, priority, position) "
            "VALUES (1, 1, 2, 3, 0)",
            "INSERT INTO solve_run (event_id, parameters, status, created_at) VALUES (1, '{}', 'succeeded', :now)",
        ):
            connection.execute(text(statement), {"now": NOW})
    before = counts(engine)

    command.upgrade(alembic_config(engine), "0010_meeting_versions")

    assert counts(engine) == before
    with engine.connect() as connection:
        rows = connection.execute(
            text("SELECT meeting_id, company_id, interpreter_id FROM meeting_participant ORDER BY id")
        ).all()
    assert sorted(rows, key=str) == sorted([(1, 1, None), (1, 2, None), (1, None, 1)], key=str)
    with engine.begin() as connection:  # the triggers keep it from now on
        connection.execute(text("UPDATE meeting SET status = 'cancelled' WHERE id = 1"))
        connection.execute(text("UPDATE meeting SET status = 'active' WHERE id = 2"))
        rows = connection.execute(text("SELECT meeting_id, company_id FROM meeting_participant")).all()
    assert sorted(rows) == [(2, 1), (2, 3)]
    command.downgrade(alembic_config(engine), "0008_withdrawal")
    assert counts(engine) == before
    engine.dispose()
