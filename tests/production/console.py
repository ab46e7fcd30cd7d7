"""The web app on the test database, and an organizer signed in to its console."""

from __future__ import annotations

from accounts import service as accounts
from config import Settings
from models import ORGANIZER
from tests.web.helpers import PASSWORD, FormClient
from web import create_app

ORGANIZER_EMAIL = "organizer@example.com"


def make_app(database_url: str, tmp_path, redis: str | None = None, proxies: int = 0):
    """The app; the caller disposes `app.extensions["matchweek.engine"]` when done."""
    settings = Settings(database_url=database_url, secret_key="test-secret", redis_url=redis, proxies=proxies)
    return create_app(
        settings,
        test_config={
            "TESTING": True,
            "MAIL_OUTBOX": str(tmp_path / "outbox"),
        },
    )


def organizer_console(app, db) -> FormClient:
    accounts.create_account(db, ORGANIZER_EMAIL, PASSWORD, ORGANIZER).is_admin = True
    db.commit()
    console = FormClient(app)
    console.login(ORGANIZER_EMAIL)
    return console
