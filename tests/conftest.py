"""Shared fixtures: a migrated database on SQLite always, and on PostgreSQL when TEST_DATABASE_URL is set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from models import Base
from models.db import make_engine, make_sessionmaker, migrate

SHARED = Path(__file__).resolve().parents[2] / "shared"
EXAMPLE_INSTANCE = SHARED / "formats" / "example-instance.json"
BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])


def fresh_database_url(backend: str, folder: Path) -> str:
    """An empty database of the given backend (PostgreSQL's schema is dropped and made anew)."""
    if backend == "sqlite":
        return f"sqlite:///{folder / 'test.sqlite3'}"
    url = os.environ["TEST_DATABASE_URL"]
    engine = make_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def pytest_collection_modifyitems(config, items) -> None:
    """A test marked `postgres` tests what only PostgreSQL does: it is not run on SQLite (deselected, not skipped,
    so a CI run that must skip nothing can still hold it)."""
    kept, dropped = [], []
    for item in items:
        backend = item.callspec.params.get("migrated_engine") if hasattr(item, "callspec") else None
        on_sqlite = item.get_closest_marker("postgres") is not None and backend == "sqlite"
        (dropped if on_sqlite else kept).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture(scope="session", params=BACKENDS)
def migrated_engine(request, tmp_path_factory) -> Engine:
    engine = make_engine(fresh_database_url(request.param, tmp_path_factory.mktemp(request.param)))
    migrate(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def engine(migrated_engine: Engine) -> Engine:
    """The migrated database, emptied after each test."""
    yield migrated_engine
    with migrated_engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            names = ", ".join(table.name for table in Base.metadata.sorted_tables)
            connection.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
        else:
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture
def database_url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


@pytest.fixture
def db(engine: Engine):
    with make_sessionmaker(engine)() as session:
        yield session
        session.rollback()
