"""Engines, sessions and migrations for the SQLite default and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.util import find_spec
from pathlib import Path
from typing import Protocol

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"


class DatabaseUnavailable(Exception):
    """The database cannot be reached; the message is one line for the user."""


def normalise_url(url: str) -> str:
    """Use psycopg 3 for plain `postgresql://` URLs."""
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def make_engine(url: str) -> Engine:
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


class HasDatabaseUrl(Protocol):
    database_url: str


@contextmanager
def database(settings: HasDatabaseUrl) -> Iterator[Session]:
    """A session on the configured database, migrated to the latest revision; commits on success."""
    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
        with make_sessionmaker(engine)() as db, db.begin():
            yield db
    finally:
        engine.dispose()


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Bring the database to the latest revision; an unreachable one raises DatabaseUnavailable."""
    check_reachable(engine)
    command.upgrade(alembic_config(engine), "head")


def new_revision(engine: Engine, message: str) -> Path:
    """Write the next numbered revision, its operations found by comparing the models with the database
    brought to the latest revision first (Alembic's autogenerate: review the file before committing it)."""
    migrate(engine)
    config = alembic_config(engine)
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    if find_spec("ruff"):  # a developer's venv: the file comes out as `make lint` wants it
        hooks = {"fix": "check --fix --quiet", "format": "format --quiet"}
        config.set_section_option("post_write_hooks", "hooks", ", ".join(hooks))
        for name, arguments in hooks.items():
            config.set_section_option("post_write_hooks", f"{name}.type", "module")
            config.set_section_option("post_write_hooks", f"{name}.module", "ruff")
            config.set_section_option(
                "post_write_hooks", f"{name}.options", f"{arguments} REVISION_SCRIPT_FILENAME"
            )
    head = re.match(r"\d+", ScriptDirectory.from_config(config).get_current_head() or "0000")
    number = (
        f"{int(head.group()) + 1:04d}" if head else None
    )  # 0004_progress -> 0005; else Alembic's random id
    script = command.revision(config, message, autogenerate=True, rev_id=number)
    return Path(script.path)


def check_reachable(engine: Engine) -> None:
    try:
        with engine.connect():
            pass
    except OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise DatabaseUnavailable(
            f"cannot reach the database at {engine.url.render_as_string(hide_password=True)}: {reason}"
        ) from None
