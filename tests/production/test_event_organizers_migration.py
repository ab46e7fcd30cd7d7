"""Migration 0011_event_organizers: every organizer account of before sees every event after (nobody loses access)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import text

from models.db import alembic_config, make_engine


def test_organizers_of_before_the_upgrade_become_site_administrators(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'upgrade.sqlite3'}")
    command.upgrade(alembic_config(engine), "0008_withdrawal")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO account (email, password_hash, role, session_key, created_at) VALUES "
                "('lead@example.org', 'x', 'organizer', 'k', '2026-12-01 10:00:00')"
            )
        )
    command.upgrade(alembic_config(engine), "0011_event_organizers")
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT is_admin FROM account")) in (1, True)
    engine.dispose()
