"""A test client that submits forms the way a browser does: with the page's CSRF token."""

from __future__ import annotations

import re

from flask.testing import FlaskClient

PASSWORD = "correct horse battery"
_TOKEN = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(html: str) -> str:
    match = _TOKEN.search(html)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


class FormClient:
    """Wraps Flask's client; `submit` reads the token from a page first, like a person filling it in."""

    def __init__(self, app, language: str = "en"):
        self.app = app
        self.http: FlaskClient = app.test_client()
        self.headers = {"Accept-Language": language}

    def get(self, url: str, **kwargs):
        return self.http.get(url, headers=self.headers | kwargs.pop("headers", {}), **kwargs)

    def post(self, url: str, **kwargs):
        return self.http.post(url, headers=self.headers | kwargs.pop("headers", {}), **kwargs)

    def token(self, page: str = "/") -> str:
        return csrf_token(self.get(page).get_data(as_text=True))

    def submit(self, url: str, data: dict, page: str | None = None, **kwargs):
        """POST `data` to `url` with the token of `page` (default: `url` itself)."""
        return self.post(url, data={"csrf_token": self.token(page or url), **data}, **kwargs)

    def login(self, email: str, password: str = PASSWORD):
        response = self.submit("/login", {"email": email, "password": password})
        assert response.status_code == 302, response.get_data(as_text=True)
        return response
