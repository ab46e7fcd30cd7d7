"""MAIL_URL, MAIL_FROM and PUBLIC_URL are checked at start; production needs a real mail server or an explicit outbox."""

from __future__ import annotations

from pathlib import Path

import pytest

from config import ConfigError, Settings
from schedules.mail.transport import DEFAULT_OUTBOX, FolderTransport, SMTPTransport, transport_for

PRODUCTION = {
    "MATCHWEEK_ENV": "production",
    "SECRET_KEY": "a-long-random-secret-of-at-least-32-bytes",
    "PUBLIC_URL": "https://mw.example.org",
}


@pytest.mark.parametrize(
    "url, transport",
    [
        (None, FolderTransport(DEFAULT_OUTBOX)),
        ("outbox:///srv/mw/outbox", FolderTransport(Path("/srv/mw/outbox"))),
        (
            "smtp://events%40example.org:s3cret@mail.example.org:587",
            SMTPTransport("mail.example.org", 587, "events@example.org", "s3cret"),
        ),
        ("smtp://mail.example.org", SMTPTransport("mail.example.org", 587)),
        ("smtp://127.0.0.1:25", SMTPTransport("127.0.0.1", 25)),
        ("smtps://u:p@mail.example.org", SMTPTransport("mail.example.org", 465, "u", "p", implicit_tls=True)),
    ],
)
def test_mail_url_names_the_transport(url, transport):
    env = {"MAIL_URL": url} if url else {}
    assert transport_for(Settings.from_env(env)) == transport


@pytest.mark.parametrize(
    "env, named",
    [
        ({"MAIL_URL": "http://mail.example.org"}, "MAIL_URL"),
        ({"MAIL_URL": "smtp://"}, "MAIL_URL"),
        ({"MAIL_URL": "outbox://"}, "MAIL_URL"),
        ({"MAIL_FROM": "nobody"}, "MAIL_FROM"),
        ({"PUBLIC_URL": "mw.example.org"}, "PUBLIC_URL"),
    ],
)
def test_a_malformed_mail_setting_is_named(env, named):
    with pytest.raises(ConfigError, match=named):
        Settings.from_env(env)


def test_production_refuses_to_start_without_a_mail_server_unless_the_outbox_is_asked_for():
    with pytest.raises(ConfigError, match="MAIL_URL must be set in production"):
        Settings.from_env(PRODUCTION)
    assert Settings.from_env({**PRODUCTION, "MAIL_URL": "outbox:///srv/mw/outbox"}).production
    assert Settings.from_env({**PRODUCTION, "MAIL_URL": "smtps://u:p@mail.example.org"}).production


def test_production_needs_the_public_address_links_start_with():
    env = {**PRODUCTION, "MAIL_URL": "smtps://u:p@mail.example.org"}
    del env["PUBLIC_URL"]
    with pytest.raises(ConfigError, match="PUBLIC_URL"):
        Settings.from_env(env)
    assert Settings.from_env({"PUBLIC_URL": "https://mw.example.org/"}).link_base == "https://mw.example.org"
    assert Settings.from_env({}).link_base == "http://127.0.0.1:5000"
