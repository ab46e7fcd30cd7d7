"""Security a user or an attacker would notice: CSRF, headers, cookies, the login rate limit, escaping, error pages."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from config import Settings
from models import Company, PasswordReset
from tests.web.helpers import PASSWORD, FormClient
from tests.web.test_access import url
from web import create_app


def test_a_post_without_csrf_token_gets_400_on_every_route(app, world):
    client = FormClient(app)
    client.login(world.a_email)
    ids = {"contact_id": world.b_contact_id, "request_id": world.b_request_id, "event_id": world.event.id}
    posts = [rule for rule in app.url_map.iter_rules() if "POST" in rule.methods]
    assert len(posts) > 10
    for rule in posts:
        response = client.post(url(app, rule, ids), data={"priority": 2})
        assert response.status_code == 400, (rule.rule, response.status_code)


def test_every_response_carries_the_security_headers(app, world):
    client = FormClient(app)
    client.login(world.a_email)
    token = client.get("/company/agenda").get_data(as_text=True).split("/feeds/")[1].split(".ics")[0]
    for address in (
        "/",
        "/company/agenda",
        "/no-such-page",
        "/static/site.css",
        f"/feeds/{token}.ics",
        "/login",
    ):
        response = client.get(address)
        assert "default-src 'self'" in response.headers["Content-Security-Policy"], address
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"], address
        assert response.headers["X-Content-Type-Options"] == "nosniff", address
        response.close()


def test_session_cookie_is_httponly_and_samesite(client, world):
    response = client.login(world.a_email)
    cookie = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.fixture
def strict_app(database_url, tmp_path):
    """Limits set as a deployment sets them: LOGIN_LIMIT_PER_ACCOUNT and LOGIN_LIMIT_PER_ADDRESS."""
    environment = {
        "DATABASE_URL": database_url,
        "SECRET_KEY": "test-secret",
        "LOGIN_LIMIT_PER_ACCOUNT": "3 per minute",
        "LOGIN_LIMIT_PER_ADDRESS": "5 per minute",
    }
    app = create_app(
        Settings.from_env(environment),
        test_config={"TESTING": True, "MAIL_OUTBOX": str(tmp_path / "outbox")},
    )
    yield app
    app.extensions["matchweek.engine"].dispose()


def test_failed_sign_ins_are_limited_per_account(strict_app, world):
    client = FormClient(strict_app)
    for _ in range(3):
        assert client.submit("/login", {"email": world.a_email, "password": "guess"}).status_code == 401
    assert client.submit("/login", {"email": world.a_email, "password": PASSWORD}).status_code == 429
    other = client.submit("/login", {"email": world.b_email, "password": PASSWORD})
    assert other.status_code == 302  # another account from the same address still signs in


def test_failed_sign_ins_are_limited_per_address(strict_app, world):
    client = FormClient(strict_app)
    for number in range(5):
        client.submit("/login", {"email": f"nobody{number}@example.com", "password": "guess"})
    assert client.submit("/login", {"email": world.b_email, "password": PASSWORD}).status_code == 429


def test_successful_sign_ins_do_not_count(strict_app, world):
    client = FormClient(strict_app)
    for _ in range(6):
        client.login(world.a_email)
        client.submit("/logout", {}, page="/")


def test_company_supplied_text_is_shown_as_text(client, db, world):
    valeo = db.scalar(select(Company).where(Company.key == "FR-02"))
    valeo.name = "<script>alert('x')</script>"
    valeo.description = '<img src=x onerror="alert(1)">'
    db.commit()
    client.login(world.a_email)
    for address in ("/company/partners", f"/company/partners/{valeo.id}"):
        page = client.get(address).get_data(as_text=True)
        assert "&lt;script&gt;alert(" in page and "<script>alert(" not in page
        assert "<img src=x" not in page


def test_unknown_pages_and_ids_get_a_plain_404_page(client, world):
    client.login(world.a_email)
    for address in ("/nowhere", "/company/contacts/999999", "/events/999999", "/company/partners/999999"):
        response = client.get(address)
        assert response.status_code == 404, address
        assert "Traceback" not in response.get_data(as_text=True)


def test_the_next_address_cannot_leave_the_site(client, world):
    token = client.token("/login")
    for target in ("https://evil.example/", "//evil.example/", "/\\evil.example"):
        response = client.post(
            f"/login?next={target}", data={"csrf_token": token, "email": world.a_email, "password": PASSWORD}
        )
        assert "evil.example" not in response.headers["Location"]
        client.submit("/logout", {}, page="/")
        token = client.token("/login")


def test_private_pages_and_downloads_are_never_cached_and_public_ones_may_be(app, world):
    client = FormClient(app)
    client.login(world.a_email)
    for address in (
        "/company/agenda",
        "/company/agenda.pdf",
        "/company/agenda.ics",
        "/company/profile",
        "/login",
    ):
        response = client.get(address)
        assert response.headers["Cache-Control"] == "no-store", address
        response.close()
    for address in ("/", "/static/site.css"):
        response = client.get(address)
        assert "no-store" not in response.headers.get("Cache-Control", ""), address
        response.close()


def test_forgot_password_counts_every_request_per_email_so_it_cannot_flood_a_mailbox(app, world, db):
    client = FormClient(app)
    answers = [client.submit("/password/forgot", {"email": world.a_email}).status_code for _ in range(7)]
    assert answers == [302] * 5 + [429] * 2  # FORM_LIMIT_PER_ACCOUNT: 5 per hour
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(PasswordReset)) == 5
    other = client.submit("/password/forgot", {"email": "someone-else@example.com"})
    assert other.status_code == 302  # another address of mail is counted apart
