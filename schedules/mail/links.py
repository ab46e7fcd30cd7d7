"""Addresses in mails, from PUBLIC_URL (Settings.link_base), never from a request's headers."""

from __future__ import annotations


def password_link(base: str, token: str) -> str:
    """The one-time page to choose a password (reset and invitation alike)."""
    return f"{base}/password/reset/{token}"


def feed_link(base: str, token: str) -> str:
    return f"{base}/feeds/{token}.ics"


def sign_in_link(base: str) -> str:
    return f"{base}/login"


def forgot_link(base: str) -> str:
    return f"{base}/password/forgot"
