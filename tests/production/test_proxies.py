"""Behind a reverse proxy the client's own address counts (for per-address login limits), and only then."""

from __future__ import annotations

import pytest
from flask import request

from config import ConfigError, Settings
from tests.production.console import make_app


def client_address(app, forwarded: str) -> str:
    app.add_url_rule("/_client", "client_address", lambda: f"{request.remote_addr} {request.scheme}")
    with app.test_client() as client:
        answer = client.get("/_client", headers={"X-Forwarded-For": forwarded, "X-Forwarded-Proto": "https"})
    app.extensions["matchweek.engine"].dispose()
    return answer.get_data(as_text=True)


def test_forwarded_addresses_count_only_behind_a_trusted_proxy(database_url, tmp_path):
    direct = make_app(database_url, tmp_path)
    assert client_address(direct, "203.0.113.7") == "127.0.0.1 http"  # a client cannot pick its own address

    behind = make_app(database_url, tmp_path, proxies=1)
    assert client_address(behind, "198.51.100.1, 203.0.113.7") == "203.0.113.7 https"


@pytest.mark.parametrize("value", ["-1", "one", "1.5"])
def test_a_malformed_proxy_count_is_named(value):
    with pytest.raises(ConfigError, match="TRUSTED_PROXIES"):
        Settings.from_env({"TRUSTED_PROXIES": value})
