"""The access-control sweep: every route of the app is classified here, and called as each role on every method.

The roles: an anonymous visitor, company A, company B, the owner of another
event (OTHER), and the event's desk, co-organizer and owner, and a site
administrator. ROUTES says, per endpoint, which roles may use it; the sweep
fills the address with the event's and company B's ids, so a page of B's rows
is for B alone. Everyone else is refused: anonymous visitors are sent to sign
in, an organizer outside the event gets 404 (the event is not revealed), any
other refusal is 403 (company A may get 404 for B's rows). A success is any
answer but those. Public routes only never fail.

A route missing from ROUTES fails the sweep: whoever adds a route adds its row.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from werkzeug.routing import Rule

from accounts import service as accounts
from models import (
    CO_ORGANIZER,
    DESK,
    NO_SHOW,
    ORGANIZER,
    OWNER,
    Attendance,
    ChangeRequest,
    Contact,
    FeedToken,
    Interpreter,
    MailState,
    Meeting,
    MeetingRequest,
    SolveRun,
)
from schedules.mail.outbox import queue_mail
from schedules.organizer.desk import check_in_token
from schedules.organizer.setup import EventValues, create_event
from tests.web.helpers import PASSWORD, FormClient

ANONYMOUS, A, B, OTHER, DESK_ROLE, CO, OWNER_ROLE, ADMIN = (
    "anonymous",
    "company A",
    "company B",
    "organizer of another event",
    "desk",
    "co-organizer",
    "owner",
    "site administrator",
)
ROLES = (ANONYMOUS, A, B, OTHER, DESK_ROLE, CO, OWNER_ROLE, ADMIN)
ORGANIZERS = (OTHER, DESK_ROLE, CO, OWNER_ROLE, ADMIN)

PUBLIC = frozenset(ROLES)
COMPANY = frozenset({A, B})  # the signed-in company's own page
COMPANY_B = frozenset({B})  # a page of B's rows (the sweep fills in B's ids; forms naming B: see below)
CONSOLE = frozenset(ORGANIZERS)  # every organizer, who sees only their own events there
NEW_EVENT = frozenset({OTHER, CO, OWNER_ROLE, ADMIN})  # not a desk-only account
EVENT = frozenset({CO, OWNER_ROLE, ADMIN})  # an event's page: its owners and co-organizers
DESK_PAGE = EVENT | {DESK_ROLE}  # the check-in desk's pages
TEAM_CHANGE = frozenset({OWNER_ROLE, ADMIN})

ROUTES = {
    "static": PUBLIC,
    "public.home": PUBLIC,
    "public.favicon": PUBLIC,
    "public.programme": PUBLIC,
    "public.register": PUBLIC,
    "public.registered": PUBLIC,
    "i18n.switch": PUBLIC,
    "feeds.feed": PUBLIC,
    "feeds.interpreter_feed": PUBLIC,
    "printing.stylesheet": PUBLIC,
    "auth.login": PUBLIC,
    "auth.logout": PUBLIC,
    "auth.forgot": PUBLIC,
    "auth.reset": PUBLIC,
    "auth.change_password": PUBLIC,  # any signed-in account; anonymous visitors are sent to sign in
    "company.home": COMPANY,
    "company.edit_profile": COMPANY,
    "company.add_contact": COMPANY,
    "company.edit_contact": COMPANY_B,
    "company.remove_contact": COMPANY_B,
    "company.partners": COMPANY,
    "company.partner": COMPANY,
    "company.requests": COMPANY,
    "company.send_request": COMPANY,
    "company.withdraw_request": COMPANY_B,
    "company.accept_request": COMPANY_B,
    "company.decline_request": COMPANY_B,
    "company.decline_suggestion": COMPANY_B,
    "company.agenda": COMPANY,
    "company.agenda_print": COMPANY,
    "company.agenda_pdf": COMPANY,
    "company.agenda_ics": COMPANY,
    "company.renew_feed": COMPANY,
    "company.set_reminder": COMPANY,
    "company.revoke_feed": COMPANY,
    "company.outcomes_page": COMPANY,
    "company.record_outcome": COMPANY_B,
    "company.report_no_show": COMPANY_B,
    "company.change_requests": COMPANY,
    "company.withdraw": COMPANY,
    # The organizer console (web/organizer/): one row per endpoint.
    "organizer.home": CONSOLE,
    "organizer.new_event": NEW_EVENT,
    "organizer.check_in_link": DESK_PAGE,
    "organizer.dashboard": EVENT,
    "organizer.settings": EVENT,
    "organizer.change_state": EVENT,
    "organizer.setup": EVENT,
    "organizer.edit_setup": EVENT,
    "organizer.delete_setup": EVENT,
    "organizer.companies": EVENT,
    "organizer.company": EVENT,
    "organizer.requests": EVENT,
    "organizer.export_requests": EVENT,
    "organizer.import_requests": EVENT,
    "organizer.new_company": EVENT,
    "organizer.edit_company": EVENT,
    "organizer.interpreter_list": EVENT,
    "organizer.interpreter_agenda": EVENT,
    "organizer.interpreter_pdf": EVENT,
    "organizer.interpreter_feed": EVENT,
    "organizer.export": EVENT,
    "organizer.import_file": EVENT,
    "organizer.solve_page": EVENT,
    "organizer.capacity": EVENT,
    "organizer.start_solve": EVENT,
    "organizer.solve_progress": EVENT,
    "organizer.cancel_solve": EVENT,
    "organizer.repair": EVENT,
    "organizer.schedule": EVENT,
    "organizer.grid": EVENT,
    "organizer.schedule_file": EVENT,
    "organizer.meeting": EVENT,
    "organizer.move": EVENT,
    "organizer.swap": EVENT,
    "organizer.cancel": EVENT,
    "organizer.lock": EVENT,
    "organizer.company_feed": EVENT,
    "organizer.mail": EVENT,
    "organizer.retry": EVENT,
    "organizer.invite": EVENT,
    "organizer.reinvite": EVENT,
    "organizer.place_page": EVENT,
    "organizer.place": EVENT,
    "organizer.desk_page": DESK_PAGE,
    "organizer.desk_action": DESK_PAGE,
    "organizer.desk_meetings": DESK_PAGE,
    "organizer.attendance": DESK_PAGE,
    "organizer.standby_page": DESK_PAGE,
    "organizer.book_standby": DESK_PAGE,
    "organizer.outcome_report": EVENT,
    "organizer.outcome_file": EVENT,
    "organizer.withdraw": EVENT,
    "organizer.restore": EVENT,
    "organizer.change_requests_page": EVENT,
    "organizer.change_request_handled": EVENT,
    "organizer.team_page": EVENT,
    "organizer.invite_member": TEAM_CHANGE,
    "organizer.change_member_role": TEAM_CHANGE,
    "organizer.remove_member": TEAM_CHANGE,
}
RENAMED = {
    "organizer.change_request_handled": {"request_id": "change_request_id"},
    "company.accept_request": {"request_id": "received_request_id"},
    "company.decline_request": {"request_id": "received_request_id"},
    "company.decline_suggestion": {"partner_id": "suggested_partner_id"},
}
"""Where an endpoint's URL part means another row than the same name elsewhere."""


def methods(rule: Rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def url(app, rule: Rule, ids: dict[str, object]) -> str:
    """The rule's address with B's ids for integer parts, the first choice for `any(...)`, else a word."""
    values = {}
    for name in rule.arguments:
        converter = rule._converters[name]
        if hasattr(converter, "items"):
            values[name] = sorted(converter.items)[0]
        elif (key := RENAMED.get(rule.endpoint, {}).get(name, name)) in ids:
            values[name] = ids[key]
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
def b_ids(app, db, world) -> dict[str, object]:
    """The ids the sweep fills addresses with: the event's, B's rows, and a row of each other kind."""
    meeting = db.scalar(select(Meeting).where(Meeting.company_a_id == world.b.id))
    db.add(
        Attendance(
            meeting_id=meeting.id, status=NO_SHOW, absent_company_id=meeting.company_b_id, reported_by="desk"
        )
    )
    run = SolveRun(
        event_id=world.event.id,
        status="failed",
        message="stopped",
        finished_at=datetime(2019, 10, 1, tzinfo=UTC),
    )
    change = ChangeRequest(event_id=world.event.id, company_id=world.b.id, message="later, please", change={})
    mail = queue_mail(
        db, to=world.b_email, kind="test", language="en", subject="s", text="t", event_id=world.event.id
    )
    mail.state = MailState.FAILED
    received = db.scalar(select(MeetingRequest).where(MeetingRequest.to_company_id == world.b.id))
    interpreter = Interpreter(
        event_id=world.event.id, key="SWEEP", name="Sweep Interpreter", languages=["ko", "en"]
    )
    us_02 = next(c for c in world.event.companies if c.key == "US-02")  # neither asked the other: suggested
    suggested = Meeting(
        event_id=world.event.id,
        company_a_id=min(world.b.id, us_02.id),
        company_b_id=max(world.b.id, us_02.id),
        session_id=meeting.session_id,
        start_at=meeting.end_at,
        end_at=meeting.end_at + (meeting.end_at - meeting.start_at),
        table_number=1,
    )
    db.add_all([run, change, interpreter, suggested])
    db.commit()
    return {
        "contact_id": world.b_contact_id,
        "request_id": world.b_request_id,
        "received_request_id": received.id,
        "suggested_partner_id": us_02.id,
        "interpreter_id": interpreter.id,
        "change_request_id": change.id,
        "partner_id": world.b.id,
        "company_id": world.b.id,
        "event_id": world.event.id,
        "meeting_id": meeting.id,
        "session_id": meeting.session_id,
        "run_id": run.id,
        "row_id": meeting.session_id,
        "mail_id": mail.id,
        "kind": "xlsx",
        "token": check_in_token(app.config["SECRET_KEY"], world.b),
    }


@pytest.fixture
def team(db, world, organizer_account, team_member) -> dict[str, object]:
    """Each organizer role's account: the event's desk, co-organizer and owner, another event's owner, an admin."""
    other_owner = accounts.create_account(db, "other-owner@example.com", PASSWORD, ORGANIZER)
    other = create_event(db, EventValues("Another week", "Asia/Seoul", "KR"), owner_id=other_owner.id)
    assert other.id != world.event.id
    return {
        OTHER: other_owner,
        DESK_ROLE: team_member(world.event, DESK),
        CO: team_member(world.event, CO_ORGANIZER),
        OWNER_ROLE: team_member(world.event, OWNER),
        ADMIN: organizer_account,
    }


@pytest.fixture
def signed_in(app, world, team):
    """signed_in(role) -> a client signed in as that role (anonymous: not signed in)."""
    emails = {A: world.a_email, B: world.b_email, **{role: account.email for role, account in team.items()}}

    def client(role: str) -> FormClient:
        signed = FormClient(app)
        if role != ANONYMOUS:
            signed.login(emails[role])
        return signed

    return client


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


def rules_of(app, *kinds: frozenset) -> list[Rule]:
    return [rule for rule in app.url_map.iter_rules() if ROUTES.get(rule.endpoint) in kinds]


def refusal_seen(role: str, rule: Rule, response) -> bool:
    """Whether the answer is the refusal `role` should get on this route (see the module's docstring)."""
    if role == ANONYMOUS:
        return response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    if (
        role == OTHER
        and rule.rule.startswith("/organizer/")
        and ROUTES[rule.endpoint] not in (CONSOLE, NEW_EVENT)
    ):
        return response.status_code == 404
    if role == A and ROUTES[rule.endpoint] == COMPANY_B:
        return response.status_code in (403, 404)
    return response.status_code == 403


def succeeded(response) -> bool:
    redirected_to_sign_in = response.status_code == 302 and response.headers["Location"].startswith("/login")
    return response.status_code not in (401, 403, 404) and not redirected_to_sign_in


@pytest.mark.parametrize("role", ROLES)
def test_every_route_answers_each_role_as_the_table_says(app, world, b_ids, team, signed_in, role):
    client = signed_in(role)
    # B's partner's page; the team's only owner (removing them is refused, so the sweep changes no one's role)
    ids = {**b_ids, "partner_id": world.b_partner_id, "account_id": team[OWNER_ROLE].id}
    calls = sorted(  # reads before writes (a write may end what a page shows); signing out last
        ((rule, method) for rule in app.url_map.iter_rules() for method in methods(rule)),
        key=lambda call: (call[0].endpoint == "auth.logout", call[1] != "GET"),
    )
    wrong = []
    for rule, method in calls:
        response = request(client, method, url(app, rule, ids), {})
        assert response.status_code < 500, (role, rule.rule, method, response.status_code)
        allowed = role in ROUTES[rule.endpoint]
        if ROUTES[rule.endpoint] != PUBLIC and not (
            succeeded(response) if allowed else refusal_seen(role, rule, response)
        ):
            wrong.append((rule.endpoint, method, "allowed" if allowed else "refused", response.status_code))
    assert wrong == [], f"{role}: answers not as ROUTES says (endpoint, method, expected, got): {wrong}"


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
    for rule in rules_of(app, COMPANY, COMPANY_B):
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
