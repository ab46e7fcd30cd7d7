"""Organizers per event: an organizer sees only their events, the desk only the desk, owners build the team by
e-mail invitation, and site administrators (made by `create-organizer`) see every event."""

from __future__ import annotations

import re

from sqlalchemy import select

from models import CO_ORGANIZER, DESK, OWNER, Account, EventOrganizer, OutgoingMail
from schedules.company.change_requests import send_change_request
from schedules.organizer.setup import EventValues, create_event
from tests.web.helpers import FormClient
from tests.web.mail_fixtures import PUBLIC, inbox, mailing_app  # noqa: F401
from tests.web.organizer_fixtures import pair_meeting, scheduled  # noqa: F401


def signed_in(app, account) -> FormClient:
    client = FormClient(app)
    client.login(account.email)
    return client


def test_an_organizer_sees_only_their_events_and_gets_404_on_another_events_pages(
    app, db, example_event, team_member
):
    other_event = create_event(db, EventValues("Another week", "Asia/Seoul", "KR"))
    team_member(other_event, OWNER, "someone-else@example.com")
    owner = signed_in(app, team_member(example_event, OWNER))

    home = owner.get("/organizer/").get_data(as_text=True)
    assert example_event.name in home and "Another week" not in home
    for page in ("/", "/settings", "/companies", "/schedule", "/team", "/desk", "/mail"):
        assert owner.get(f"/organizer/events/{other_event.id}{page}").status_code == 404, page
        assert owner.get(f"/organizer/events/{example_event.id}{page}").status_code == 200, page
    response = owner.submit(
        f"/organizer/events/{other_event.id}/state", {"state": "open"}, page="/organizer/"
    )
    assert response.status_code == 404
    db.expire_all()
    assert other_event.state == "draft"


def test_the_desk_checks_companies_in_but_gets_403_on_editing_the_schedule(
    app, db, scheduled, pair_meeting, team_member
):
    desk = signed_in(app, team_member(scheduled, DESK))
    meeting = pair_meeting("KR-01", "FR-01")

    home = desk.get("/organizer/").get_data(as_text=True)
    assert f'href="/organizer/events/{scheduled.id}/desk"' in home and "New event" not in home
    assert desk.get(f"/organizer/events/{scheduled.id}/desk").status_code == 200
    response = desk.submit(
        f"/organizer/events/{scheduled.id}/meetings/{meeting.id}/move",
        {
            "session": meeting.session_id,
            "start": meeting.start_at.isoformat(),
            "table": 5,
            "interpreter": "keep",
        },
        page=f"/organizer/events/{scheduled.id}/desk",
    )
    assert response.status_code == 403
    assert pair_meeting("KR-01", "FR-01").table_number == meeting.table_number
    for page in ("/", "/schedule", f"/meetings/{meeting.id}", "/team", "/settings"):
        assert desk.get(f"/organizer/events/{scheduled.id}{page}").status_code == 403, page
    assert desk.get("/organizer/events/new").status_code == 403


def test_whoever_creates_an_event_owns_it(app, db, example_event, team_member):
    co_organizer = team_member(example_event, CO_ORGANIZER)
    client = signed_in(app, co_organizer)
    response = client.submit(
        "/organizer/events/new",
        {
            "name": "Busan week",
            "timezone": "Asia/Seoul",
            "home_country": "KR",
            "pairing": "home-foreign",
            "default_max_meetings": 8,
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    event_id = int(re.search(r"/events/(\d+)/", response.headers["Location"]).group(1))
    team = client.get(f"/organizer/events/{event_id}/team").get_data(as_text=True)
    assert f'data-member="{co_organizer.email}" data-role="owner"' in team
    assert db.scalar(select(EventOrganizer.role).where(EventOrganizer.event_id == event_id)) == OWNER


def test_an_owner_invites_by_mail_and_the_link_lets_the_invitee_in_to_that_event_only(
    mailing_app, inbox, db, example_event, team_member
):
    other_event = create_event(db, EventValues("Another week", "Asia/Seoul", "KR"))
    owner = signed_in(mailing_app, team_member(example_event, OWNER))
    team_page = f"/organizer/events/{example_event.id}/team"
    response = owner.submit(team_page, {"email": "New.Person@Example.org", "role": CO_ORGANIZER})
    assert response.status_code == 302
    mailing_app.extensions["matchweek.mail"].join()

    [mail] = inbox.messages
    assert mail["To"] == "new.person@example.org" and example_event.name in mail["Subject"]
    body = mail.get_body(("plain",)).get_content()
    assert "co-organizer" in body
    link = re.search(re.escape(PUBLIC) + r"(/password/reset/\S+)", body).group(1)
    listed = owner.get(team_page).get_data(as_text=True)
    assert re.search(
        r'data-member="new.person@example.org" data-role="co-organizer">.*?invited', listed, re.S
    )

    invitee = FormClient(mailing_app)
    assert (
        invitee.submit(link, {"password": "a long new secret", "confirm": "a long new secret"}).status_code
        == 302
    )
    invitee.login("new.person@example.org", "a long new secret")
    home = invitee.get("/organizer/").get_data(as_text=True)
    assert example_event.name in home and "Another week" not in home
    assert invitee.get(f"/organizer/events/{example_event.id}/").status_code == 200
    assert invitee.get(f"/organizer/events/{other_event.id}/").status_code == 404
    assert invitee.submit(team_page, {"email": "x@example.org", "role": DESK}).status_code == 403


def test_an_organizer_who_already_signs_in_is_told_by_mail_and_finds_the_event(
    mailing_app, inbox, db, example_event, team_member
):
    other_event = create_event(db, EventValues("Another week", "Asia/Seoul", "KR"))
    existing = team_member(other_event, OWNER, "busy@example.org")
    owner = signed_in(mailing_app, team_member(example_event, OWNER))
    response = owner.submit(
        f"/organizer/events/{example_event.id}/team", {"email": existing.email, "role": DESK}
    )
    assert response.status_code == 302
    mailing_app.extensions["matchweek.mail"].join()
    [mail] = inbox.messages
    body = mail.get_body(("plain",)).get_content()
    assert f"{PUBLIC}/login" in body and "/password/reset/" not in body
    home = signed_in(mailing_app, existing).get("/organizer/").get_data(as_text=True)
    assert example_event.name in home and "Another week" in home


def test_the_last_owner_stays_and_only_owners_change_the_team(
    app, db, example_event, team_member, company_account
):
    owner_account = team_member(example_event, OWNER)
    desk_account = team_member(example_event, DESK)
    co_account = team_member(example_event, CO_ORGANIZER)
    owner, co = signed_in(app, owner_account), signed_in(app, co_account)
    team_page = f"/organizer/events/{example_event.id}/team"

    response = owner.submit(f"{team_page}/{owner_account.id}/remove", {}, page=team_page)
    assert response.status_code == 422 and "at least one owner" in response.get_data(as_text=True)
    response = owner.submit(
        f"{team_page}/{owner_account.id}/role", {f"m{owner_account.id}-role": DESK}, page=team_page
    )
    assert response.status_code == 422
    assert co.submit(f"{team_page}/{desk_account.id}/remove", {}, page=team_page).status_code == 403
    assert co.get(team_page).status_code == 200 and "Invite someone" not in co.get(team_page).get_data(
        as_text=True
    )

    kr01 = next(c for c in example_event.companies if c.key == "KR-01")
    company_account(kr01, "kr01@example.com")
    response = owner.submit(team_page, {"email": "kr01@example.com", "role": DESK})
    assert response.status_code == 422 and "signs in for a company" in response.get_data(as_text=True)

    assert (
        owner.submit(
            f"{team_page}/{co_account.id}/role", {f"m{co_account.id}-role": OWNER}, page=team_page
        ).status_code
        == 302
    )
    assert owner.submit(f"{team_page}/{owner_account.id}/remove", {}, page=team_page).status_code == 302
    assert owner.get(team_page).status_code == 404  # no longer in the event's team
    assert co.submit(f"{team_page}/{desk_account.id}/remove", {}, page=team_page).status_code == 302
    assert signed_in(app, desk_account).get(f"/organizer/events/{example_event.id}/desk").status_code == 404


def test_a_site_administrator_sees_and_manages_every_event(app, db, example_event, organizer_account):
    other_event = create_event(db, EventValues("Another week", "Asia/Seoul", "KR"))
    admin = signed_in(app, organizer_account)
    home = admin.get("/organizer/").get_data(as_text=True)
    assert example_event.name in home and "Another week" in home
    assert admin.get(f"/organizer/events/{other_event.id}/team").status_code == 200
    assert db.get(Account, organizer_account.id).is_admin


def test_a_change_request_is_mailed_to_who_runs_the_event_only(
    db, example_event, team_member, organizer_account
):
    other_event = create_event(db, EventValues("Another week", "Asia/Seoul", "KR"))
    team_member(other_event, OWNER, "elsewhere@example.org")
    owner = team_member(example_event, OWNER)
    co_organizer = team_member(example_event, CO_ORGANIZER)
    team_member(example_event, DESK)
    kr01 = next(c for c in example_event.companies if c.key == "KR-01")

    send_change_request(db, kr01.id, "We leave on Monday at noon.")

    recipients = set(
        db.scalars(select(OutgoingMail.recipient).where(OutgoingMail.event_id == example_event.id))
    )
    assert recipients == {owner.email, co_organizer.email, organizer_account.email}


def test_an_event_that_does_not_exist_looks_like_one_not_yours(
    app, example_event, organizer_account, team_member
):
    missing = example_event.id + 100
    anonymous = FormClient(app)
    for event_id in (example_event.id, missing):
        response = anonymous.get(f"/organizer/events/{event_id}/settings")
        assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    assert signed_in(app, organizer_account).get(f"/organizer/events/{missing}/settings").status_code == 404
    assert (
        signed_in(app, team_member(example_event, OWNER)).get(f"/organizer/events/{missing}/").status_code
        == 404
    )
