"""Sessions that end, limits on the public forms, registration that tells no one who has an account, and
passwords that are long and not common (issue 13)."""

from __future__ import annotations

import io
import re
import time
from email import message_from_bytes, policy
from pathlib import Path

from sqlalchemy import func, select

import run
from models import Company, OutgoingMail
from tests.web.helpers import PASSWORD, FormClient
from tests.web.mail_fixtures import PUBLIC, inbox, mailing_app  # noqa: F401  (fixtures)
from tests.web.test_company_registration import form_for

NEW_PASSWORD = "a brand new secret"
ADDRESS_A = {"REMOTE_ADDR": "198.51.100.7"}
ADDRESS_B = {"REMOTE_ADDR": "203.0.113.9"}


def _set_last_seen(client: FormClient, minutes_ago: int) -> None:
    with client.http.session_transaction() as session:
        session["seen"] = int(time.time()) - minutes_ago * 60


def _reset_links(app) -> set[str]:
    app.extensions["matchweek.mail"].join()
    links = set()
    for path in Path(app.config["MAIL_OUTBOX"]).glob("*.eml"):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        links |= set(
            re.findall(
                r"http://127\.0\.0\.1:5000(/password/reset/\S+)", message.get_body(("plain",)).get_content()
            )
        )
    return links


def test_a_session_left_idle_past_the_limit_asks_to_sign_in_again(
    app, client, example_event, company_account
):
    account = company_account(example_event.companies[0])
    client.login(account.email)
    _set_last_seen(client, 59)
    assert client.get("/company/profile").status_code == 200  # used within the hour: still signed in
    _set_last_seen(client, 61)
    response = client.get("/company/profile")
    assert response.status_code == 302 and response.headers["Location"].startswith("/login?next=")
    assert "without activity" in client.get("/login").get_data(as_text=True)
    assert client.get("/company/profile").status_code == 302  # signed out for good, not only once

    app.config["SESSION_IDLE_MINUTES"] = 5  # SESSION_IDLE_MINUTES=5
    client.login(account.email)
    _set_last_seen(client, 6)
    assert client.get("/company/profile").status_code == 302


def test_changing_the_password_voids_a_copied_cookie_and_keeps_this_session(
    app, client, example_event, company_account
):
    account = company_account(example_event.companies[0])
    client.login(account.email)
    thief = app.test_client()
    thief.set_cookie("session", client.http.get_cookie("session").value)
    assert thief.get("/company/profile").status_code == 200
    assert 'href="/password/change"' in client.get("/company/profile").get_data(as_text=True)

    response = client.submit(
        "/password/change", {"current": PASSWORD, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/company/profile").status_code == 200  # this session stays signed in
    stolen = thief.get("/company/profile")
    assert stolen.status_code == 302 and "/login" in stolen.headers["Location"]
    other = FormClient(app)
    assert other.submit("/login", {"email": account.email, "password": PASSWORD}).status_code == 401
    other.login(account.email, NEW_PASSWORD)


def test_the_current_password_must_be_right_and_the_new_one_long_and_uncommon(
    client, example_event, organizer_account
):
    client.login(organizer_account.email)
    wrong = client.submit(
        "/password/change", {"current": "not the one", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert wrong.status_code == 422
    assert re.search(r'id="current-error">This is not your current password.', wrong.get_data(as_text=True))
    short = client.submit(
        "/password/change", {"current": PASSWORD, "password": "elevenchars", "confirm": "elevenchars"}
    )
    assert short.status_code == 422
    assert 'id="password-error">The password needs at least 12 characters.' in short.get_data(as_text=True)
    common = client.submit(
        "/password/change", {"current": PASSWORD, "password": "Qwerty123456", "confirm": "Qwerty123456"}
    )
    assert common.status_code == 422
    assert (
        'id="password-error">This password is one of the most common ones: choose another.'
        in common.get_data(as_text=True)
    )
    client.submit("/logout", {}, page="/")
    client.login(organizer_account.email)  # nothing was changed


def test_a_reset_or_a_change_voids_every_other_reset_link(app, client, example_event, company_account):
    account = company_account(example_event.companies[0])
    links: list[str] = []
    for _ in range(3):
        assert client.submit("/password/forgot", {"email": account.email}).status_code == 302
        (new,) = _reset_links(app) - set(links)
        links.append(new)

    person = FormClient(app)
    assert person.submit(links[1], {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 302
    for link in links:
        assert person.get(link).status_code == 404  # answered as unknown, used or expired

    person.login(account.email, NEW_PASSWORD)
    person.submit("/password/forgot", {"email": account.email})
    (pending,) = _reset_links(app) - set(links)
    changed = person.submit(
        "/password/change",
        {"current": NEW_PASSWORD, "password": "another new secret", "confirm": "another new secret"},
    )
    assert changed.status_code == 302
    assert person.get(pending).status_code == 404


def test_a_common_password_of_twelve_characters_is_refused_at_reset_and_on_the_command_line(
    app, client, example_event, company_account, monkeypatch, capsys
):
    account = company_account(example_event.companies[0])
    client.submit("/password/forgot", {"email": account.email})
    (link,) = _reset_links(app)
    refused = client.submit(link, {"password": "1q2w3e4r5t6y", "confirm": "1q2w3e4r5t6y"})
    assert refused.status_code == 422
    assert (
        'id="password-error">This password is one of the most common ones: choose another.'
        in refused.get_data(as_text=True)
    )
    assert client.get(link).status_code == 200  # the link still works for a better password

    monkeypatch.setenv("DATABASE_URL", app.config["MATCHWEEK_SETTINGS"].database_url)
    monkeypatch.setattr("sys.stdin", io.StringIO("qwerty123456\n"))
    assert run.main(["create-organizer", "lead@example.com", "--password-stdin"]) == 2
    assert "most common" in capsys.readouterr().err


def test_ten_failed_sign_ins_from_one_address_do_not_lock_the_account_for_another_address(client, world):
    for _ in range(10):
        wrong = client.submit("/login", {"email": world.a_email, "password": "guess"}, environ_base=ADDRESS_A)
        assert wrong.status_code == 401
    locked = client.submit("/login", {"email": world.a_email, "password": PASSWORD}, environ_base=ADDRESS_A)
    assert locked.status_code == 429  # the attacker's address is locked out of this account
    owner = client.submit("/login", {"email": world.a_email, "password": PASSWORD}, environ_base=ADDRESS_B)
    assert owner.status_code == 302  # the owner, elsewhere, signs in


def test_the_eleventh_registration_from_one_address_is_refused_whatever_the_answers_were(
    client, db, example_event
):
    url = f"/events/{example_event.id}/register"
    for number in range(10):
        answer = client.submit(
            url,
            form_for(example_event, name="", name_latin="", email=f"p{number}@x.example"),
            environ_base=ADDRESS_A,
        )
        assert answer.status_code == 422  # refused input counts too
    assert client.submit(url, form_for(example_event), environ_base=ADDRESS_A).status_code == 429
    assert client.submit(url, form_for(example_event), environ_base=ADDRESS_B).status_code == 302
    for _ in range(4):
        client.submit(url, form_for(example_event), environ_base=ADDRESS_B)
    another = {"REMOTE_ADDR": "192.0.2.44"}
    assert client.submit(url, form_for(example_event), environ_base=another).status_code == 429  # per e-mail
    assert db.scalar(select(func.count()).select_from(Company).where(Company.name == "새한정밀")) == 1


def test_registering_with_an_email_that_has_an_account_answers_the_same_and_mails_its_owner(
    mailing_app, inbox, db, example_event, company_account
):
    owner = company_account(example_event.companies[0], email="owner@kr01.example.kr")
    url = f"/events/{example_event.id}/register"
    newcomer = FormClient(mailing_app)
    fresh = newcomer.submit(url, form_for(example_event, language="en"))
    attacker = FormClient(mailing_app)
    taken = attacker.submit(
        url, form_for(example_event, name="가짜회사", email="Owner@kr01.example.kr", language="en")
    )
    assert (fresh.status_code, fresh.headers["Location"]) == (taken.status_code, taken.headers["Location"])
    assert fresh.headers["Location"] == f"/events/{example_event.id}/registered"
    assert (
        newcomer.get(fresh.headers["Location"]).get_data()
        == attacker.get(taken.headers["Location"]).get_data()
    )
    assert attacker.get("/company/profile").status_code == 302  # nobody is signed in by registering
    assert db.scalar(select(Company).where(Company.name == "가짜회사")) is None

    mailing_app.extensions["matchweek.mail"].join()
    by_recipient = {m["To"]: m for m in inbox.messages}
    assert set(by_recipient) == {"minjun@saehan.example.kr", owner.email}
    warning = by_recipient[owner.email].get_body(("plain",)).get_content()
    assert by_recipient[owner.email]["Content-Language"] == "ko"  # the owner's language, not the visitor's
    assert "회사를 등록하려고 했습니다" in warning
    assert f"{PUBLIC}/login" in warning and f"{PUBLIC}/password/forgot" in warning
    assert "/password/reset/" not in warning
    assert db.scalar(select(OutgoingMail.kind).where(OutgoingMail.recipient == owner.email)) == (
        "registration-attempt"
    )

    welcome = by_recipient["minjun@saehan.example.kr"].get_body(("plain",)).get_content()
    link = re.search(re.escape(PUBLIC) + r"(/password/reset/\S+)", welcome).group(1)
    assert newcomer.submit(link, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}).status_code == 302
    newcomer.login("minjun@saehan.example.kr", NEW_PASSWORD)
    assert newcomer.get("/company/partners").status_code == 200


def test_a_refused_registration_reads_the_same_whether_or_not_its_email_has_an_account(
    client, db, example_event, company_account
):
    company_account(example_event.companies[0], email="owner@kr01.example.kr")
    url = f"/events/{example_event.id}/register"
    answers = [
        client.submit(url, form_for(example_event, name="", name_latin="", email=email))
        for email in ("owner@kr01.example.kr", "nobody@kr99.example.kr")
    ]
    assert [a.status_code for a in answers] == [422, 422]
    for answer in answers:
        assert "Give the company&#39;s name in Hangul or in Latin letters (or both)." in answer.get_data(
            as_text=True
        )
    assert db.scalar(select(func.count()).select_from(OutgoingMail)) == 0  # a refused form mails no one
