"""Calendar feeds that calendar apps subscribe to: the token in the address is the only key."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request
from flask_babel import force_locale

from schedules.company.feeds import feed_calendar, feed_language
from schedules.errors import NotFound
from schedules.organizer import interpreters
from web.database import get_db
from web.i18n import LANGUAGES, labels

blueprint = Blueprint("feeds", __name__)


@blueprint.get("/feeds/<token>.ics")
def feed(token: str):
    """The company's or contact's live calendar in its owner's language (`?lang=ko|en` chooses another).
    Aborts 404 for an unknown or revoked token, saying nothing more."""
    db = get_db()
    try:
        language = request.args.get("lang")
        if language not in LANGUAGES:
            language = feed_language(db, token, LANGUAGES)
        with force_locale(language):
            calendar = feed_calendar(db, token, labels())
    except NotFound:
        abort(404)
    response = Response(calendar.file.content, content_type=calendar.file.content_type)
    response.headers["Cache-Control"] = "private, max-age=300"
    response.last_modified = calendar.changed
    response.add_etag()
    return response.make_conditional(request)


@blueprint.get("/feeds/interpreters/<token>.ics")
def interpreter_feed(token: str):
    """An interpreter's live calendar, in Korean if they speak it, else English (`?lang=ko|en` chooses).
    Aborts 404 for an unknown or stopped token. Validated by ETag alone: a partner's rename changes the
    file without a newer meeting row, so a Last-Modified would wrongly answer 304."""
    db = get_db()
    try:
        language = request.args.get("lang")
        if language not in LANGUAGES:
            language = interpreters.feed_language(db, token, tuple(LANGUAGES))
        with force_locale(language):
            calendar = interpreters.feed_calendar(db, token, labels())
    except NotFound:
        abort(404)
    response = Response(calendar.file.content, content_type=calendar.file.content_type)
    response.headers["Cache-Control"] = "private, max-age=300"
    response.add_etag()
    return response.make_conditional(request)
