"""Web fixtures: an app on the test database, a client, and factories for events and accounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest

from accounts import service as accounts
from config import Settings
from matcher.domain.schedule import Meeting as PlannedMeeting
from matcher.formats.instance_io import load_instance
from models import COMPANY, ORGANIZER, Company, EventOrganizer
from schedules.company import contacts, feeds, requests
from schedules.company.contacts import Person
from schedules.event_store import store_instance
from schedules.schedule_store import save_schedule
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
        },
    )
    yield app
    app.extensions["matchweek.mail"].close()
    app.extensions["matchweek.engine"].dispose()


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
        account = accounts.create_account(
            db, email or f"{company.key.lower()}@example.com", PASSWORD, COMPANY, company.id
        )
        db.commit()
        return account

    return make


@pytest.fixture
def organizer_account(db):
    """A site administrator (as `create-organizer` makes): sees and manages every event."""
    account = accounts.create_account(db, "organizer@example.com", PASSWORD, ORGANIZER)
    account.is_admin = True
    db.commit()
    return account


@pytest.fixture
def team_member(db):
    """team_member(event, role, email=None) -> a non-admin organizer account with that role in the event."""

    def make(event, role: str, email: str | None = None):
        account = accounts.create_account(db, email or f"{role}-{event.id}@example.com", PASSWORD, ORGANIZER)
        db.add(EventOrganizer(event_id=event.id, account_id=account.id, role=role))
        db.commit()
        return account

    return make


@dataclass(frozen=True)
class World:
    """Two Korean companies A and B, each with an account, a contact, a sent request, a meeting and a feed."""

    event: object
    a: Company
    b: Company
    a_email: str
    b_email: str
    b_contact_id: int
    b_request_id: int
    b_partner_id: int  # the company B asked to meet


def _meeting(companies, session, start, end, table):
    return PlannedMeeting(companies=companies, session=session, start=start, end=end, table=table)


@pytest.fixture
def world(db, example_event, company_account) -> World:
    """A = KR-01 (meets FR-01), B = KR-04 (meets US-03); the schedule is published."""
    by_key = {c.key: c for c in example_event.companies}
    a, b = by_key["KR-01"], by_key["KR-04"]
    contacts.add_contact(
        db, a.id, Person("Alice Kim", "alice@kr01.example.kr", "010-1111-2222", ("ko", "en"))
    )
    b_contact = contacts.add_contact(
        db, b.id, Person("Bora Lee", "bora@kr04.example.kr", "010-3333-4444", ("ko",))
    )
    b_request = requests.send_request(db, b.id, by_key["US-01"].id, 2)
    save_schedule(
        db,
        example_event,
        [
            _meeting(
                ("KR-01", "FR-01"), "FR-PM", datetime(2019, 10, 28, 13, 30), datetime(2019, 10, 28, 14), 1
            ),
            _meeting(
                ("KR-04", "US-03"), "US-PM", datetime(2019, 10, 29, 13, 30), datetime(2019, 10, 29, 14), 2
            ),
        ],
    )
    example_event.state = "published"
    db.commit()
    feeds.renew_feed(db, b.id)
    feeds.renew_feed(db, b.id, b_contact.id)
    a_account, b_account = company_account(a), company_account(b)
    return World(
        example_event, a, b, a_account.email, b_account.email, b_contact.id, b_request.id, by_key["US-01"].id
    )
