"""After publication no write may break a published meeting: company edits are refused naming the meeting,
the company can ask the organizer instead, and the console asks before every destructive action."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from models import ACTIVE, CANCELLED, ChangeRequest, Company, Meeting, MeetingRequest
from tests.web.helpers import FormClient

PM_28 = "2019-10-28-pm"  # KR-01 meets Amplitude Systèmes (FR-01) then: FR-PM, 13:30, table 1


def checked(page: str, name: str) -> list[str]:
    """The values of the ticked boxes of a checkbox field."""
    return re.findall(rf'<input checked[^>]*name="{name}"[^>]*value="([^"]+)"', page)


def profile_form(client, **changes) -> dict:
    """The profile form as the company sees it, with `changes`."""
    page = client.get("/company/profile").get_data(as_text=True)
    data = {
        "name": "뮤텍코리아",
        "name_latin": "",
        "description": "",
        "website": "",
        "sectors": checked(page, "sectors"),
        "interests": checked(page, "interests"),
        "present": checked(page, "present"),
        "seminars": checked(page, "seminars"),
        "max_meetings": "",
    }
    return {**data, **changes}


def kr01_meeting(db, world) -> Meeting:
    db.expire_all()
    return db.scalar(select(Meeting).where(Meeting.company_a_id == world.a.id))


def test_unticking_the_half_day_of_a_published_meeting_is_refused_naming_it(client, db, world):
    client.login(world.a_email)
    form = profile_form(client)
    assert PM_28 in form["present"] and len(form["present"]) > 1
    form["present"] = [key for key in form["present"] if key != PM_28]

    response = client.submit("/company/profile", form)

    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Your published meeting with Amplitude Systèmes on" in page
    assert "13:30 KST at table 1" in page
    assert "Not saved: ask the organizer instead" in page
    db.expire_all()
    assert db.get(Company, world.a.id).unavailable == []
    assert kr01_meeting(db, world).status == ACTIVE


def test_the_refusal_speaks_korean_to_a_korean_browser(app, db, world):
    client = FormClient(app, language="ko")
    client.login(world.a_email)
    form = profile_form(client)
    form["present"] = [key for key in form["present"] if key != PM_28]

    page = client.submit("/company/profile", form).get_data(as_text=True)

    assert "Amplitude Systèmes" in page and "Your published meeting" not in page
    assert "공개된" in page


def test_a_language_change_that_leaves_a_meeting_without_interpreter_is_refused(client, db, world):
    client.login(world.a_email)
    alice = next(c for c in db.get(Company, world.a.id).contacts if c.name == "Alice Kim")
    others = [c for c in db.get(Company, world.a.id).contacts if c.id != alice.id]
    assert all(set(c.languages) <= {"ko"} for c in others)

    response = client.submit(
        f"/company/contacts/{alice.id}",
        {
            "name": "Alice Kim",
            "email": "alice@kr01.example.kr",
            "phone": "",
            "languages": ["ko"],
        },
    )

    assert response.status_code == 422
    assert "Your published meeting with Amplitude Systèmes" in response.get_data(as_text=True)
    db.expire_all()
    assert "en" in db.get(Company, world.a.id).languages


def test_edits_that_keep_the_meetings_are_saved(client, db, world):
    client.login(world.a_email)
    form = profile_form(client, description="Lasers")
    form["present"] = [key for key in form["present"] if key != "2019-10-29-pm"]

    assert client.submit("/company/profile", form).status_code == 302
    db.expire_all()
    assert db.get(Company, world.a.id).description == "Lasers"


def test_on_a_draft_event_edits_are_not_held_to_the_draft_schedule(client, db, world):
    world.event.state = "open"
    db.commit()
    client.login(world.a_email)
    form = profile_form(client)
    form["present"] = [key for key in form["present"] if key != PM_28]

    assert client.submit("/company/profile", form).status_code == 302


def test_the_refused_change_goes_to_the_organizer_who_lists_and_handles_it(
    app, client, db, world, organizer_account
):
    client.login(world.a_email)
    form = profile_form(client)
    form["present"] = [key for key in form["present"] if key != PM_28]
    refused = client.submit("/company/profile", form).get_data(as_text=True)
    change = re.search(r'name="change"[^>]*value="([^"]*)"', refused).group(1)

    sent = client.submit(
        "/company/change-requests",
        {
            "change": change.replace("&#34;", '"').replace("&quot;", '"'),
            "message": "We leave on Monday at noon.",
        },
        page="/company/profile",
    )

    assert sent.status_code == 302
    row = db.scalar(select(ChangeRequest))
    assert row.company_id == world.a.id and row.message == "We leave on Monday at noon."
    assert "present" in row.change and "Mon" in row.change["present"]
    organizer = FormClient(app)
    organizer.login(organizer_account.email)
    dashboard = organizer.get(f"/organizer/events/{world.event.id}/").get_data(as_text=True)
    listing_url = f"/organizer/events/{world.event.id}/change-requests"
    assert listing_url in dashboard
    listing = organizer.get(listing_url).get_data(as_text=True)
    assert (
        "We leave on Monday at noon." in listing
        and "Half-days present" in listing
        and "Mark handled" in listing
    )
    assert (
        organizer.submit(f"{listing_url}/{row.id}/handled", {"handled": "1"}, page=listing_url).status_code
        == 302
    )
    db.expire_all()
    assert db.get(ChangeRequest, row.id).handled_at is not None


def test_an_empty_change_request_is_refused_with_a_reason(client, db, world):
    client.login(world.a_email)
    response = client.submit("/company/change-requests", {"message": "  "})
    assert response.status_code == 422 and "Say what you would like changed." in response.get_data(
        as_text=True
    )
    assert db.scalar(select(ChangeRequest)) is None


@pytest.fixture
def console_client(app, organizer_account) -> FormClient:
    client = FormClient(app)
    client.login(organizer_account.email)
    return client


def test_generate_is_refused_on_a_published_event_and_not_offered(console_client, db, world):
    base = f"/organizer/events/{world.event.id}"
    page = console_client.get(f"{base}/").get_data(as_text=True)
    assert f'href="{base}/solve"' not in page

    response = console_client.submit(f"{base}/solve", {"time_limit": "5", "seed": "0", "confirm": "1"})

    assert response.status_code == 409
    assert "The schedule is published: repair it instead" in response.get_data(as_text=True)


def test_generating_over_hand_edits_asks_first_naming_how_many(console_client, db, world):
    meeting = kr01_meeting(db, world)
    meeting.edited = True
    world.event.state = "open"
    db.commit()
    url = f"/organizer/events/{world.event.id}/solve"

    asked = console_client.submit(url, {"time_limit": "5", "seed": "0"})

    page = asked.get_data(as_text=True)
    assert asked.status_code == 200 and "Generate over hand edits?" in page
    assert "1 meetings were placed, moved or cancelled by hand and are not locked" in page
    assert 'name="confirm" value="1"' in page
    assert db.scalar(select(Meeting.id).where(Meeting.status == CANCELLED)) is None


def test_publishing_asks_first(console_client, db, world):
    world.event.state = "open"
    db.commit()
    dashboard = f"/organizer/events/{world.event.id}/"
    asked = console_client.submit(
        f"/organizer/events/{world.event.id}/state", {"state": "published"}, page=dashboard
    )
    assert asked.status_code == 200 and "Publish the schedule?" in asked.get_data(as_text=True)
    db.expire_all()
    assert world.event.state == "open"


def test_the_console_offers_repair_only_where_it_exists(app, console_client, world):
    page = console_client.get(f"/organizer/events/{world.event.id}/solve").get_data(as_text=True)
    if "organizer.repair" in app.view_functions:
        assert f"/organizer/events/{world.event.id}/repair" in page
    else:
        assert "repair it instead" in page and "/repair" not in page


def test_late_registration_is_closed_with_a_message_unless_the_event_allows_it(client, db, world):
    closed = client.get(f"/events/{world.event.id}/register")
    assert closed.status_code == 409
    world.event.late_changes = True
    db.commit()
    assert client.get(f"/events/{world.event.id}/register").status_code == 200


def test_late_requests_wait_for_the_organizers_update(client, db, world):
    client.login(world.a_email)
    closed = client.submit(
        "/company/requests",
        {"partner": world.b_partner_id, "priority": "2"},
        page="/company/partners",
        follow_redirects=True,
    )
    assert "Requests are closed: the schedule is published." in closed.get_data(as_text=True)
    world.event.late_changes = True
    db.commit()

    sent = client.submit(
        "/company/requests", {"partner": world.b_partner_id, "priority": "2"}, page="/company/partners"
    )

    assert sent.status_code == 302
    page = client.get("/company/requests").get_data(as_text=True)
    assert page.count("waiting for the organizer's update") == 1
    agenda = client.get("/company/agenda").get_data(as_text=True)
    assert "1 of your requests is waiting for the organizer's update of the schedule." in agenda


def test_after_publication_a_request_is_taken_back_only_where_allowed_and_no_meeting_needs_it(
    client, db, world
):
    client.login(world.a_email)
    request_id = db.scalar(select(MeetingRequest.id).where(MeetingRequest.from_company_id == world.a.id))
    url = f"/company/requests/{request_id}/withdraw"
    closed = client.submit(url, {}, page="/company/requests", follow_redirects=True)
    assert "Requests are closed: the schedule is published." in closed.get_data(as_text=True)
    world.event.late_changes = True
    db.commit()

    # A withdrawn pair is never scheduled, so the pair's published meeting needs the request: refused, named.
    refused = client.submit(url, {}, page="/company/requests", follow_redirects=True).get_data(as_text=True)
    assert "Your published meeting with Amplitude Systèmes on" in refused
    assert "Ask the organizer if the meeting should be cancelled." in refused
    db.expire_all()
    assert db.get(MeetingRequest, request_id) is not None
    assert kr01_meeting(db, world).status == ACTIVE


def test_every_write_route_is_guarded(app):
    """Walk the POST routes: each is listed with how it keeps a published schedule valid, so a new route must
    say how it does."""
    guarded = {
        # Checked by the validator (checked_change / guarded_change / require_no_new_violations).
        "organizer.settings",
        "organizer.edit_setup",
        "organizer.delete_setup",
        "organizer.import_file",
        "organizer.new_company",
        "organizer.edit_company",
        "organizer.import_requests",
        "organizer.move",
        "organizer.swap",
        "organizer.place",
        "organizer.withdraw",
        "organizer.restore",
        "company.edit_profile",
        "company.add_contact",
        "company.edit_contact",
        "company.remove_contact",
        "company.withdraw_request",
        "company.accept_request",
        "company.decline_request",
        "company.withdraw",
        "organizer.book_standby",
        # Validated before saving, or refused on a published event.
        "organizer.change_state",
        "organizer.start_solve",
        "organizer.repair",
        "company.decline_suggestion",
        # Only takes meetings away (asks first) or touches no meeting, place, rule input or request.
        "organizer.cancel",
        "organizer.lock",
        "organizer.cancel_solve",
        "organizer.company_feed",
        "organizer.interpreter_feed",
        "organizer.change_request_handled",
        "organizer.new_event",
        "company.send_request",
        "company.renew_feed",
        "company.revoke_feed",
        "company.set_reminder",
        "organizer.invite",  # accounts and mails: no meeting, place, rule input or request
        "organizer.reinvite",
        "organizer.retry",
        "organizer.invite_member",  # the event's team: accounts and mails only
        "organizer.change_member_role",
        "organizer.remove_member",
        "organizer.desk_action",  # the desk's records of the day: arrivals, attendance, outcomes
        "organizer.attendance",
        "company.record_outcome",
        "company.report_no_show",
        "company.change_requests",
        "public.register",
        "auth.login",
        "auth.logout",
        "auth.forgot",
        "auth.reset",
        "auth.change_password",  # the signed-in person's own password: no meeting, place or request
    }
    posts = {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}
    assert sorted(posts - guarded) == [], "say how these keep a published schedule valid"


def test_a_company_without_meetings_is_told_they_come_with_the_next_update(
    client, db, world, company_account
):
    world.event.late_changes = True
    db.commit()
    newcomer = db.scalar(select(Company).where(Company.event_id == world.event.id, Company.key == "KR-02"))
    client.login(company_account(newcomer).email)
    page = client.get("/company/agenda").get_data(as_text=True)
    assert "You have no meeting yet: new meetings come with the organizer's update of the schedule." in page


def test_the_organizer_lets_registrations_continue_from_the_settings(console_client, client, db, world):
    settings = f"/organizer/events/{world.event.id}/settings"
    page = console_client.get(settings).get_data(as_text=True)
    assert "Registrations and requests continue after publication" in page

    saved = console_client.submit(
        settings,
        {
            "name": world.event.name,
            "pairing": world.event.pairing,
            "default_max_meetings": str(world.event.default_max_meetings),
            "late_changes": "y",
        },
    )

    assert saved.status_code == 302
    assert client.get(f"/events/{world.event.id}/register").status_code == 200
