"""Web fixtures: an app on the test database, a client, and factories for events and accounts."""

from __future__ import annotations

import pytest

from accounts import service as accounts
from config import Settings
from matcher.instance_io import load_instance
from models import COMPANY, ORGANIZER, Company
from schedules.event_store import store_instance
from tests.conftest import EXAMPLE_INSTANCE
from tests.web.helpers import PASSWORD, FormClient
from web import create_app


@pytest.fixture
def app(database_url, tmp_path):
    app = create_app(
        Settings(database_url=database_url, secret_key="test-secret"),
        test_config={
            "TESTING": True,
            "MAIL_OUTBOX": str(tmp_path / "outbox"),
            "TRANSLATIONS_CACHE": str(tmp_path / "translations"),
        },
    )
    yield app


@pytest.fixture
def client(app) -> FormClient:
    return FormClient(app)


@pytest.fixture
def example_event(db):
    """The example week stored (state `open`), as its database row."""
    event = store_instance(db, load_instance(EXAMPLE_INSTANCE))
    event.state = "open"
    db.commit()
    return event


@pytest.fixture
def company_account(db):
    """make(company_key_or_row, email=None) -> the account of that company, password PASSWORD."""

    def make(company: Company, email: str | None = None):
        account = accounts.create_account(db, email or f"{company.key.lower()}@example.com", PASSWORD, COMPANY, company.id)
        db.commit()
        return account

    return make


@pytest.fixture
def organizer_account(db):
    account = accounts.create_account(db, "organizer@example.com", PASSWORD, ORGANIZER)
    db.commit()
    return account
