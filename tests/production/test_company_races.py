"""Races on the company side and anywhere else: a clash with a write made at the same moment is a normal page
or a 409 naming what happened, never a 5xx."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

import schedules.company.requests
from accounts import service as accounts
from matcher.formats.instance_io import load_instance
from models import COMPANY, Company, MeetingRequest
from models.db import make_sessionmaker
from schedules.event_store import store_instance
from tests.conftest import EXAMPLE_INSTANCE
from tests.production.console import make_app
from tests.web.helpers import FormClient


def test_a_request_stored_by_another_tab_between_check_and_save_is_kept_once(
    database_url, engine, db, tmp_path, monkeypatch
):
    event = store_instance(db, load_instance(EXAMPLE_INSTANCE))
    event.state = "open"
    home, guest = (
        db.scalar(select(Company).where(Company.event_id == event.id, Company.key == key))
        for key in ("KR-01", "FR-01")
    )
    for sent in db.scalars(select(MeetingRequest).where(MeetingRequest.from_company_id == home.id)):
        db.delete(sent)
    accounts.create_account(db, "kr01@example.com", "correct horse battery", COMPANY, home.id)
    db.commit()
    app = make_app(database_url, tmp_path)
    browser = FormClient(app)
    browser.login("kr01@example.com")
    token = browser.token(f"/company/partners/{guest.id}")

    looked_up = schedules.company.requests.partner

    def other_tab_sends_first(db_, company_id, partner_id):
        found = looked_up(db_, company_id, partner_id)
        monkeypatch.setattr(schedules.company.requests, "partner", looked_up)
        with make_sessionmaker(engine)() as other, other.begin():
            other.add(
                MeetingRequest(event_id=event.id, from_company_id=home.id, to_company_id=guest.id, priority=1)
            )
        return found

    monkeypatch.setattr(schedules.company.requests, "partner", other_tab_sends_first)
    answer = browser.post("/company/requests", data={"csrf_token": token, "partner": guest.id, "priority": 3})
    app.extensions["matchweek.engine"].dispose()

    assert answer.status_code == 302
    stored = db.scalars(
        select(MeetingRequest.priority).where(MeetingRequest.from_company_id == home.id)
    ).all()
    assert stored == [3]  # one request, with the priority chosen last


def test_an_integrity_error_anywhere_is_a_409_page_or_json(database_url, tmp_path):
    app = make_app(database_url, tmp_path)

    def clash():
        raise IntegrityError("INSERT ...", {}, Exception("duplicate key value violates unique constraint"))

    app.add_url_rule("/_clash", "clash", clash)
    with app.test_client() as client:
        page = client.get("/_clash", headers={"Accept-Language": "en"})
        data = client.get("/_clash", headers={"Accept": "application/json", "Accept-Language": "en"})
    app.extensions["matchweek.engine"].dispose()

    assert page.status_code == 409
    assert "Someone else changed this at the same moment" in page.get_data(as_text=True)
    assert "duplicate key" not in page.get_data(as_text=True)
    assert data.status_code == 409 and data.is_json and "Someone else" in data.get_json()["error"]
