"""Korean and English: the language served, the catalogs, and times shown in the event's zone, named.

The language is the one picked with the switch (kept in the session), else the
signed-in account's, else the browser's Accept-Language, else Korean. The .mo
catalogs are compiled from the committed .po files at install (`make translations`).
"""

from __future__ import annotations

import logging
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_interval
from flask import Blueprint, Flask, abort, g, redirect, request, session, url_for
from flask_babel import Babel, get_locale, gettext
from flask_login import current_user

from schedules.labels import Labels
from web.urls import safe_next

LANGUAGES = {"ko": "한국어", "en": "English"}
DEFAULT_LANGUAGE = "ko"
CATALOGS = Path(__file__).resolve().parent / "translations"

babel = Babel()
log = logging.getLogger(__name__)


def select_language() -> str:
    chosen = session.get("lang")
    if chosen in LANGUAGES:
        return chosen
    if (
        current_user.is_authenticated and g.get("account_language") in LANGUAGES
    ):  # loading the user records it
        return g.account_language
    return request.accept_languages.best_match(list(LANGUAGES)) or DEFAULT_LANGUAGE


def configure(app: Flask) -> None:
    for catalog in CATALOGS.glob("*/LC_MESSAGES/messages.po"):
        if not catalog.with_suffix(".mo").exists():
            log.warning("%s is not compiled, its pages show English: run `make translations`", catalog)
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LANGUAGE)
    babel.init_app(app, locale_selector=select_language, default_translation_directories=str(CATALOGS))
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, current_language=lambda: str(get_locale()))
    app.jinja_env.filters.update(
        clock=clock,
        day=day,
        days=days,
        zone_name=zone_name,
        country=country_name,
        language=language_name,
    )
    app.register_blueprint(blueprint)


def _local(moment: datetime, zone: str) -> datetime:
    return moment.astimezone(ZoneInfo(zone))


def zone_name(moment: datetime, zone: str) -> str:
    """The zone's abbreviation at that moment (KST), or the IANA name where it has only an offset."""
    name = _local(moment, zone).tzname() or zone
    return zone if name.startswith(("+", "-")) else name


def clock(moment: datetime, zone: str, named: bool = False) -> str:
    """`10:30`, or `10:30 KST` with `named`, in the event's zone."""
    text = _local(moment, zone).strftime("%H:%M")
    return f"{text} {zone_name(moment, zone)}" if named else text


def day(moment: datetime, zone: str) -> str:
    """The local date in the served language: `2019년 10월 28일 (월)` or `Mon, 28 Oct 2019`."""
    pattern = "y년 M월 d일 (E)" if str(get_locale()) == "ko" else "EEE, d MMM y"
    return format_date(_local(moment, zone).date(), pattern, locale=get_locale())


def days(first: date, last: date) -> str:
    """A span of days in the served language: `Oct 28 – Nov 1, 2019`, `2019년 10월 28일~11월 1일`."""
    if first == last:
        return format_date(first, "long", locale=get_locale())
    return format_interval(first, last, "yMMMd", locale=get_locale())


blueprint = Blueprint("i18n", __name__)


@blueprint.get("/language/<code>")
def switch(code: str):
    """Serve this language from now on and go back to the page the switch was pressed on. 404 for others."""
    if code not in LANGUAGES:
        abort(404)
    session["lang"] = code
    return redirect(safe_next(request.args.get("next")) or url_for("public.home"))


LANGUAGE_CODES = (
    "ko",
    "en",
    "fr",
    "de",
    "ru",
    "he",
    "ja",
    "zh",
    "es",
    "it",
    "pt",
    "nl",
    "pl",
    "tr",
    "ar",
    "vi",
)


def labels():
    """The exporters' word source in the served language (Flask-Babel's catalogs)."""
    return Labels(gettext=gettext, locale=str(get_locale()))


def country_name(code: str) -> str:
    return labels().country(code)


def language_name(code: str) -> str:
    return labels().language(code)
