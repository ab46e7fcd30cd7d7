"""The access-control sweep: every route of the app is classified here, and each class is checked on every method.

- public: anyone; never a server error.
- company: anonymous visitors are sent to sign in, organizers get 403; company A using
  company B's ids gets 403 or 404, and none of B's private data appears in any answer.
- organizer: anonymous visitors are sent to sign in, companies get 403.
A route missing from ROUTES fails the sweep: whoever adds a route adds its row.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from werkzeug.routing import Rule

from models import Contact, FeedToken, Meeting, MeetingRequest
from tests.web.helpers import FormClient

PUBLIC, COMPANY, ORGANIZER = "public", "company", "organizer"

ROUTES = {
    "static": PUBLIC,
    "public.home": PUBLIC,
    "public.programme": PUBLIC,
    "public.register": PUBLIC,
    "i18n.switch": PUBLIC,
    "feeds.feed": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": PUBLIC,
    "auth.forgot": PUBLIC,
    "auth.reset": PUBLIC,
    "company.home": COMPANY,
    "company.edit_profile": COMPANY,
    "company.add_contact": COMPANY,
    "company.edit_contact": COMPANY,
    "company.remove_contact": COMPANY,
    "company.partners": COMPANY,
    "company.partner": COMPANY,
    "company.requests": COMPANY,
    "company.send_request": COMPANY,
    "company.withdraw_request": COMPANY,
    "company.accept_request": COMPANY,
    "company.decline_request": COMPANY,
    "company.decline_suggestion": COMPANY,
    "company.agenda": COMPANY,
    "company.agenda_print": COMPANY,
    "company.agenda_pdf": COMPANY,
    "company.agenda_ics": COMPANY,
    "company.renew_feed": COMPANY,
    "company.set_reminder": COMPANY,
    "company.revoke_feed": COMPANY,
    "company.outcomes_page": COMPANY,
    "company.record_outcome": COMPANY,
    "company.report_no_show": COMPANY,
    "company.change_requests": COMPANY,
    "company.withdraw": COMPANY,
    # The organizer console (web/organizer/): one row per endpoint.
    "organizer.home": ORGANIZER,
    "organizer.new_event": ORGANIZER,
    "organizer.dashboard": ORGANIZER,
    "organizer.settings": ORGANIZER,
    "organizer.change_state": ORGANIZER,
    "organizer.setup": ORGANIZER,
    "organizer.edit_setup": ORGANIZER,
    "organizer.delete_setup": ORGANIZER,
    "organizer.companies": ORGANIZER,
    "organizer.company": ORGANIZER,
    "organizer.requests": ORGANIZER,
    "organizer.export": ORGANIZER,
    "organizer.import_file": ORGANIZER,
    "organizer.solve_page": ORGANIZER,
    "organizer.capacity": ORGANIZER,
    "organizer.start_solve": ORGANIZER,
    "organizer.solve_progress": ORGANIZER,
    "organizer.cancel_solve": ORGANIZER,
    "organizer.repair": ORGANIZER,
    "organizer.schedule": ORGANIZER,
    "organizer.grid": ORGANIZER,
    "organizer.schedule_file": ORGANIZER,
    "organizer.meeting": ORGANIZER,
    "organizer.move": ORGANIZER,
    "organizer.swap": ORGANIZER,
    "organizer.cancel": ORGANIZER,
    "organizer.lock": ORGANIZER,
    "organizer.company_feed": ORGANIZER,
    "organizer.mail": ORGANIZER,
    "organizer.retry": ORGANIZER,
    "organizer.invite": ORGANIZER,
    "organizer.reinvite": ORGANIZER,
    "organizer.place_page": ORGANIZER,
    "organizer.place": ORGANIZER,
    "organizer.desk_page": ORGANIZER,
    "organizer.desk_action": ORGANIZER,
    "organizer.check_in_link": ORGANIZER,
    "organizer.desk_meetings": ORGANIZER,
    "organizer.attendance": ORGANIZER,
    "organizer.standby_page": ORGANIZER,
    "organizer.book_standby": ORGANIZER,
    "organizer.outcome_report": ORGANIZER,
    "organizer.outcome_file": ORGANIZER,
    "organizer.withdraw": ORGANIZER,
    "organizer.restore": ORGANIZER,
    "organizer.change_requests_page": ORGANIZER,
    "organizer.change_request_handled": ORGANIZER,
}


def methods(rule: Rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def url(app, rule: Rule, ids: dict[str, object]) -> str:
    """The rule's address with B's ids for integer parts, the first choice for `any(...)`, else a word."""
    values = {}
    for name in rule.arguments:
        converter = rule._converters[name]
        if hasattr(converter, "items"):
            values[name] = sorted(converter.items)[0]
        elif name in ids:
            values[name] = ids[name]
        else:
            values[name] = 1 if type(converter).__name__ in ("IntegerConverter", "NumberConverter") else "x"
    with app.test_request_context():
        return app.url_map.bind("localhost").build(rule.endpoint, values, method=methods(rule)[0])


def request(client: FormClient, method: str, address: str, form: dict):
    if method == "GET":
        return client.get(address)
    return client.http.open(
        address, method=method, data={"csrf_token": client.token("/login"), **form}, headers=client.headers
    )


@pytest.fixture
def b_ids(db, world) -> dict[str, object]:
    meeting = db.scalar(select(Meeting).where(Meeting.company_a_id == world.b.id))
    return {
        "contact_id": world.b_contact_id,
        "request_id": world.b_request_id,
        "partner_id": world.b.id,
        "company_id": world.b.id,
        "event_id": world.event.id,
        "meeting_id": meeting.id,
        "session_id": meeting.session_id,
        "run_id": 1,
        "row_id": meeting.session_id,
    }


def b_private(db, world) -> list[str]:
    """Strings only B (or the organizer) may see: its contact person, its account, its feed addresses."""
    contact = db.get(Contact, world.b_contact_id)
    tokens = db.scalars(select(FeedToken.token).where(FeedToken.company_id == world.b.id)).all()
    return [contact.name, contact.email, contact.phone, world.b_email, *tokens]


def b_state(db, world) -> tuple:
    db.expire_all()
    contact = db.get(Contact, world.b_contact_id)
    request = db.get(MeetingRequest, world.b_request_id)
    tokens = db.scalars(
        select(FeedToken.token).where(FeedToken.company_id == world.b.id, FeedToken.revoked_at.is_(None))
    ).all()
    return (contact.name, contact.email, tuple(contact.languages), request.priority, sorted(tokens))


def test_every_route_is_classified(app):
    unclassified = sorted({rule.endpoint for rule in app.url_map.iter_rules()} - set(ROUTES))
    assert unclassified == [], f"add these endpoints to ROUTES in {__file__}: {unclassified}"


def rules_of(app, kind: str) -> list[Rule]:
    return [rule for rule in app.url_map.iter_rules() if ROUTES.get(rule.endpoint) == kind]


def test_anonymous_visitors_are_sent_to_sign_in(app, world, b_ids):
    anonymous = FormClient(app)
    for kind in (COMPANY, ORGANIZER):
        for rule in rules_of(app, kind):
            for method in methods(rule):
                response = request(anonymous, method, url(app, rule, b_ids), {})
                assert response.status_code == 302, (rule.rule, method, response.status_code)
                assert response.headers["Location"].startswith("/login?next="), rule.rule


def test_companies_get_403_on_every_organizer_route(app, world, b_ids):
    client = FormClient(app)
    client.login(world.a_email)
    for rule in rules_of(app, ORGANIZER):
        for method in methods(rule):
            response = request(client, method, url(app, rule, b_ids), {})
            assert response.status_code == 403, (rule.rule, method, response.status_code)


def test_organizers_get_403_on_every_company_route(app, world, b_ids, organizer_account):
    client = FormClient(app)
    client.login(organizer_account.email)
    for rule in rules_of(app, COMPANY):
        for method in methods(rule):
            response = request(client, method, url(app, rule, b_ids), {})
            assert response.status_code == 403, (rule.rule, method, response.status_code)


def test_company_a_never_reaches_company_b(app, db, world, b_ids):
    private = b_private(db, world)
    before = b_state(db, world)
    client = FormClient(app)
    client.login(world.a_email)
    b_fields = {
        "partner": world.b.id,
        "contact": world.b_contact_id,
        "priority": 3,
        "name": "Taken Over",
        "email": "taken@example.com",
        "languages": ["fr"],
    }
    for rule in rules_of(app, COMPANY):
        with_ids = any(name in b_ids for name in rule.arguments)
        for method in methods(rule):
            response = request(client, method, url(app, rule, b_ids), b_fields)
            body = response.get_data()
            if with_ids or (
                method == "POST"
                and rule.endpoint in ("company.send_request", "company.renew_feed", "company.revoke_feed")
            ):
                assert response.status_code in (403, 404), (rule.rule, method, response.status_code)
            assert response.status_code < 500, (rule.rule, method)
            leaked = [text for text in private if text.encode() in body]
            assert leaked == [], (rule.rule, method, leaked)
    assert b_state(db, world) == before


def test_public_routes_never_fail(app, world, b_ids):
    anonymous = FormClient(app)
    for rule in rules_of(app, PUBLIC):
        for method in methods(rule):
            response = request(anonymous, method, url(app, rule, b_ids), {})
            assert response.status_code < 500, (rule.rule, method, response.status_code)
