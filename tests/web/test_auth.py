"""Signing in and out, the access decorators, and password reset by a one-time link."""

from __future__ import annotations

import logging
import re
from email import message_from_bytes, policy
from pathlib import Path

from tests.web.helpers import PASSWORD


def test_company_signs_in_and_out(client, example_event, company_account):
    account = company_account(example_event.companies[0])
    response = client.login(account.email.upper())
    assert response.headers["Location"] != "/login"
    page = client.get("/").get_data(as_text=True)
    assert "Sign out" in page
    client.submit("/logout", {}, page="/")
    assert "Sign out" not in client.get("/").get_data(as_text=True)


def test_wrong_password_shows_a_field_error_and_keeps_the_email(client, example_event, company_account):
    account = company_account(example_event.companies[0])
    response = client.submit("/login", {"email": account.email, "password": "not the one"})
    page = response.get_data(as_text=True)
    assert response.status_code == 401
    assert "The email or the password is wrong." in page
    assert f'value="{account.email}"' in page


def test_sign_ins_and_failed_sign_ins_are_logged_without_the_password(
    caplog, client, example_event, company_account
):
    account = company_account(example_event.companies[0])
    with caplog.at_level(logging.INFO, logger="web.auth"):
        client.submit("/login", {"email": account.email, "password": "not the one"})
        client.login(account.email)
    failed, signed_in = [r for r in caplog.records if r.name == "web.auth"]
    assert failed.levelno == logging.WARNING and "failed sign-in" in failed.getMessage()
    assert account.email in failed.getMessage()
    assert "sign-in: account" in signed_in.getMessage() and "company" in signed_in.getMessage()
    assert not any("not the one" in r.getMessage() or PASSWORD in r.getMessage() for r in caplog.records)


def test_next_address_is_followed_only_on_this_site(client, example_event, company_account):
    account = company_account(example_event.companies[0])
    token = client.token("/login")
    response = client.post(
        "/login?next=//evil.example/x",
        data={"csrf_token": token, "email": account.email, "password": PASSWORD},
    )
    assert "evil.example" not in response.headers["Location"]


def test_password_reset_link_works_once_and_signs_out_old_sessions(
    app, client, example_event, company_account
):
    account = company_account(example_event.companies[0])
    client.login(account.email)
    response = client.submit("/password/forgot", {"email": account.email})
    assert response.status_code == 302
    app.extensions["matchweek.mail"].join()
    mails = list(Path(app.config["MAIL_OUTBOX"]).glob("*.eml"))
    assert len(mails) == 1
    text = message_from_bytes(mails[0].read_bytes(), policy=policy.default).get_body(("plain",)).get_content()
    link = re.search(r"http://127\.0\.0\.1:5000(/password/reset/\S+)", text).group(
        1
    )  # PUBLIC_URL, not the request

    other = type(client)(app)
    response = other.submit(link, {"password": "a brand new secret", "confirm": "a brand new secret"})
    assert response.status_code == 302
    assert other.get(link).status_code == 404
    assert "Sign out" not in client.get("/").get_data(as_text=True)
    assert other.submit("/login", {"email": account.email, "password": PASSWORD}).status_code == 401
    other.login(account.email, "a brand new secret")


def test_reset_for_an_unknown_email_answers_the_same_and_sends_nothing(app, client, example_event):
    response = client.submit("/password/forgot", {"email": "nobody@example.com"})
    assert response.status_code == 302
    app.extensions["matchweek.mail"].join()
    assert not list(Path(app.config["MAIL_OUTBOX"]).glob("*.eml"))


def test_company_pages_are_closed_to_anonymous_visitors_and_organizers(
    app, client, example_event, company_account, organizer_account
):
    from web.auth import company_required

    app.add_url_rule("/_only-companies", "only_companies", company_required(lambda: "company page"))
    assert client.get("/_only-companies").headers["Location"].startswith("/login?next=")
    client.login(company_account(example_event.companies[0]).email)
    assert client.get("/_only-companies").get_data(as_text=True) == "company page"
    client.submit("/logout", {}, page="/")
    client.login(organizer_account.email)
    assert client.get("/_only-companies").status_code == 403


def test_signing_out_voids_every_copy_of_the_session_cookie(app, client, example_event, company_account):
    account = company_account(example_event.companies[0])
    client.login(account.email)
    copied = client.http.get_cookie("session").value
    assert client.get("/company/profile").status_code == 200
    client.submit("/logout", {}, page="/")

    thief = app.test_client()
    thief.set_cookie("session", copied)
    response = thief.get("/company/profile")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    client.login(account.email)  # the owner signs in again as usual
    assert client.get("/company/profile").status_code == 200
