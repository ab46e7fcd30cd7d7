"""Request security: CSRF on every form, cookie flags, security headers, and the login rate limit."""

from __future__ import annotations

from flask import Flask, Response, current_app, request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()
limiter = Limiter(key_func=get_remote_address)

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}
DEFAULTS = {
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "REMEMBER_COOKIE_HTTPONLY": True,
    "REMEMBER_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": None,  # the token lives as long as the session: forms left open all day still post
    "MAX_CONTENT_LENGTH": 5 * 1024 * 1024,
}


def configure(app: Flask, production: bool, storage_uri: str | None) -> None:
    defaults = DEFAULTS | (
        {"SESSION_COOKIE_SECURE": True, "REMEMBER_COOKIE_SECURE": True} if production else {}
    )
    for key, value in defaults.items():
        if app.config.get(key) == Flask.default_config.get(key):  # not set by the caller
            app.config[key] = value
    app.config.setdefault("RATELIMIT_STORAGE_URI", storage_uri or "memory://")
    for key, value in FORM_LIMITS.items():
        app.config.setdefault(key, value)
    app.config.setdefault("RATELIMIT_HEADERS_ENABLED", False)
    csrf.init_app(app)
    limiter.init_app(app)
    app.after_request(add_headers)


PRIVATE_PATHS = ("/company", "/organizer", "/password", "/login")
"""Pages and downloads of one signed-in person: no cache may keep them."""


def add_headers(response: Response) -> Response:
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.path.startswith(PRIVATE_PATHS):
        response.headers["Cache-Control"] = "no-store"
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def _email() -> str:
    return request.form.get("email", "").strip().lower()


def _account_key() -> str:
    return "form-account:" + _email()


def _address_and_account_key() -> str:
    return f"login-pair:{get_remote_address()}:{_email()}"


def _failed(response: Response) -> bool:
    return response.status_code != 302


FORM_LIMITS = {
    "FORM_LIMIT_PER_ACCOUNT": "5 per hour",
    "FORM_LIMIT_PER_ADDRESS": "30 per hour",
    "REGISTER_LIMIT_PER_ACCOUNT": "5 per hour",
    "REGISTER_LIMIT_PER_ADDRESS": "10 per hour",
}
"""Public forms that send mail (forgot-password, registration): every request counts, per e-mail and per
address."""


def counted_limits(per_email: str, per_address: str):
    """Count every POST per e-mail and per address (the limits named by these config keys), whatever it
    answers; past either limit, answer 429.

    A form that always answers the same (so as not to tell who has an account) must count its successes too,
    or anyone could make it send mail after mail."""

    def limited(view):
        view = limiter.limit(
            lambda: limiter_config(per_email),
            key_func=_account_key,
            methods=["POST"],
            scope="form-account",
        )(view)
        return limiter.limit(
            lambda: limiter_config(per_address),
            methods=["POST"],
            scope="form-address",
        )(view)

    return limited


request_limits = counted_limits("FORM_LIMIT_PER_ACCOUNT", "FORM_LIMIT_PER_ADDRESS")
registration_limits = counted_limits("REGISTER_LIMIT_PER_ACCOUNT", "REGISTER_LIMIT_PER_ADDRESS")


def login_limits(view):
    """Count failed sign-ins per (address, account) pair and per address; past either limit, answer 429.

    Only failures count, so colleagues behind one venue address can all sign in. No limit counts per account
    alone: an attacker's failures lock the account only for the attacker's address, never for its owner
    signing in from elsewhere.
    """
    view = limiter.limit(
        lambda: limiter_config("LOGIN_LIMIT_PER_ACCOUNT"),
        key_func=_address_and_account_key,
        methods=["POST"],
        deduct_when=_failed,
        scope="login-account",
    )(view)
    return limiter.limit(
        lambda: limiter_config("LOGIN_LIMIT_PER_ADDRESS"),
        methods=["POST"],
        deduct_when=_failed,
        scope="login-address",
    )(view)


def limiter_config(key: str) -> str:
    return current_app.config[key]
