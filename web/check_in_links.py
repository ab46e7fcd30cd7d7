"""The signed check-in link printed on each company's agenda (as a QR code), built for this deployment."""

from __future__ import annotations

from flask import current_app, url_for

from models import Company
from schedules.organizer.desk import check_in_token


def check_in_url(company: Company) -> str:
    """The signed check-in link printed on a company's agenda: from PUBLIC_URL when it is set, else this host."""
    token = check_in_token(current_app.config["SECRET_KEY"], company)
    settings = current_app.config.get("MATCHWEEK_SETTINGS")
    public = current_app.config.get("PUBLIC_URL") or getattr(settings, "public_url", None)
    if public:
        return public.rstrip("/") + url_for("organizer.check_in_link", token=token)
    return url_for("organizer.check_in_link", token=token, _external=True)
