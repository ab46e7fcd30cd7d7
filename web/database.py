"""One SQLAlchemy session per request, on an engine migrated at start."""

from __future__ import annotations

from flask import Flask, current_app, g
from sqlalchemy.orm import Session

from models.db import make_engine, make_sessionmaker, migrate


def init_app(app: Flask, url: str) -> None:
    engine = make_engine(url)
    migrate(engine)
    app.extensions["matchweek.engine"] = engine
    app.extensions["matchweek.sessionmaker"] = make_sessionmaker(engine)
    app.teardown_appcontext(close_db)


def get_db() -> Session:
    if "db" not in g:
        g.db = current_app.extensions["matchweek.sessionmaker"]()
    return g.db


def close_db(_error: BaseException | None = None) -> None:
    db = g.pop("db", None)
    if db is not None:
        db.close()
