"""Fixtures of the mail tests: a real SMTP server on 127.0.0.1 and the app sending through it.

Test modules import the fixtures they use by name.
"""

from __future__ import annotations

import pytest

from config import Settings
from tests.smtp import smtp_server
from web import create_app

PUBLIC = "https://matchweek.example.org"


def mail_settings(database_url: str, port: int) -> Settings:
    return Settings(
        database_url=database_url,
        secret_key="test-secret",
        mail_url=f"smtp://127.0.0.1:{port}",
        public_url=PUBLIC,
    )


@pytest.fixture
def inbox():
    """The SMTP server; `inbox.messages` is what it received."""
    with smtp_server() as server:
        yield server


@pytest.fixture
def mailing_app(database_url, tmp_path, inbox):
    """The app sending through `inbox`, its links under PUBLIC."""
    app = create_app(
        mail_settings(database_url, inbox.port),
        test_config={
            "TESTING": True,
            "TRANSLATIONS_CACHE": str(tmp_path / "translations"),
        },
    )
    yield app
    app.extensions["matchweek.mail"].close()
    app.extensions["matchweek.engine"].dispose()
