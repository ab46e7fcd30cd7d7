"""A company withdraws, or the organizer withdraws it: its meetings are cancelled in place (calendars show them
cancelled under the same UID), its data stays, the organizer can restore it; it leaves solving."""

from __future__ import annotations

import re

import pytest
from icalendar import Calendar
from sqlalchemy import select

from models import ACTIVE, CANCELLED, Company, Meeting, OutgoingMail
from schedules.company.contacts import Person, add_contact
from schedules.errors import Refused
from schedules.lookup import current_instance
from schedules.organizer.withdrawal import restore_company, withdraw_company
from tests.web.helpers import FormClient


def us03(db, world) -> Company:
    return db.scalar(select(Company).where(Company.event_id == world.event.id, Company.key == "US-03"))


def b_meeting(db, world) -> Meeting:
    db.expire_all()
    return db.scalar(select(Meeting).where(Meeting.company_a_id == world.b.id))


def feed_meetings(client, address) -> dict:
    calendar = Calendar.from_ical(client.get(address).data)
    return {str(e["UID"]): e for e in calendar.walk("VEVENT") if str(e["UID"]).startswith("meeting-")}


@pytest.fixture
def organizer(app, organizer_account) -> FormClient:
    client = FormClient(app)
    client.login(organizer_account.email)
    return client


def test_the_organizer_withdraws_a_company_after_confirming_and_partners_feeds_show_it_cancelled(
    app,
    organizer,
    db,
    world,
):
    company = FormClient(app)
    company.login(world.b_email)
    address = re.findall(
        r'value="http://localhost(/feeds/[^"]+\.ics)"', company.get("/company/agenda").get_data(as_text=True)
    )[0]
    [(uid, before)] = feed_meetings(company, address).items()
    partner = us03(db, world)
    page = f"/organizer/events/{world.event.id}/companies/{partner.id}"
    assert "Withdraw the company" in organizer.get(page).get_data(as_text=True)

    asked = organizer.submit(f"{page}/withdraw", {}, page=page)

    text = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "Its 1 meetings are cancelled" in text and "table 2" in text
    assert b_meeting(db, world).status == ACTIVE

    done = organizer.submit(f"{page}/withdraw", {"confirm": "1"}, page=page, follow_redirects=True)

    assert "is withdrawn: 1 meetings cancelled, 1 partners to tell." in done.get_data(as_text=True)
    meeting = b_meeting(db, world)
    assert meeting.status == CANCELLED and meeting.sequence == 1
    after = feed_meetings(company, address)
    assert list(after) == [uid]
    assert (
        str(after[uid]["STATUS"]) == "CANCELLED"
        and int(after[uid]["SEQUENCE"]) == int(before.get("SEQUENCE", 0)) + 1
    )
    db.expire_all()
    assert (
        us03(db, world).withdrawn_at is not None and us03(db, world).contacts == partner.contacts
    )  # data stays


def test_a_withdrawn_company_leaves_solving_with_its_requests_and_comes_back_without_its_meetings(db, world):
    partner = us03(db, world)
    withdraw_company(db, world.event.id, partner.id)

    instance = current_instance(db, world.event.id)
    assert "US-03" not in instance.company_by_id
    assert all("US-03" not in (r.from_id, r.to_id) for r in instance.requests)
    with pytest.raises(Refused):
        withdraw_company(db, world.event.id, partner.id)

    restore_company(db, world.event.id, partner.id)

    instance = current_instance(db, world.event.id)
    assert "US-03" in instance.company_by_id
    assert any(r.to_id == "US-03" for r in instance.requests)
    assert b_meeting(db, world).status == CANCELLED


def test_the_partners_to_tell_are_the_other_side_of_each_cancelled_meeting(db, world):
    partner = db.scalar(select(Company).where(Company.event_id == world.event.id, Company.key == "US-03"))
    add_contact(db, partner.id, Person("Dana Wu", "dana@us03.example.com", "", ("en",)))
    done = withdraw_company(db, world.event.id, world.b.id)
    assert [c.key for c in done.told] == ["US-03"]
    assert [m.status for m in done.cancelled] == [CANCELLED]
    [mail] = db.scalars(select(OutgoingMail).where(OutgoingMail.kind == "partner-withdrawn")).all()
    assert mail.recipient == "dana@us03.example.com" and mail.language == partner.language
    assert world.b.name in mail.text and "Cancelled" in mail.text  # US-03 reads English


def test_restore_is_offered_on_the_company_page_and_refused_for_a_company_taking_part(organizer, db, world):
    partner = us03(db, world)
    page = f"/organizer/events/{world.event.id}/companies/{partner.id}"
    refused = organizer.submit(f"{page}/restore", {}, page=page, follow_redirects=True)
    assert "This company is not withdrawn." in refused.get_data(as_text=True)
    withdraw_company(db, world.event.id, partner.id)
    assert "Restore the company" in organizer.get(page).get_data(as_text=True)
    organizer.submit(f"{page}/restore", {}, page=page)
    db.expire_all()
    assert us03(db, world).withdrawn_at is None


def test_a_company_withdraws_itself_only_after_ticking_the_box_then_sees_a_notice(client, db, world):
    client.login(world.b_email)
    page = client.get("/company/withdraw").get_data(as_text=True)
    assert "Withdraw from the event?" in page and "table 2" in page

    unticked = client.submit("/company/withdraw", {})

    assert unticked.status_code == 422 and "Tick the box" in unticked.get_data(as_text=True)
    assert b_meeting(db, world).status == ACTIVE

    assert client.submit("/company/withdraw", {"confirm": "1"}, page="/company/withdraw").status_code == 302

    assert b_meeting(db, world).status == CANCELLED
    for address in ("/company/agenda", "/company/profile", "/company/partners"):
        response = client.get(address)
        assert response.status_code == 403 and "Your company is withdrawn" in response.get_data(as_text=True)


def test_a_withdrawn_company_is_not_offered_as_a_partner(client, db, world):
    client.login(world.b_email)
    name = us03(db, world).name
    assert name in client.get("/company/partners").get_data(as_text=True)
    withdraw_company(db, world.event.id, us03(db, world).id)
    assert name not in client.get("/company/partners").get_data(as_text=True)
    assert client.get(f"/company/partners/{us03(db, world).id}").status_code == 404
