"""Calendar feeds that calendar apps subscribe to: the token in the address is the only key."""

from __future__ import annotations

from flask import Blueprint, Response, abort, request
from flask_babel import force_locale

from schedules.company.feeds import feed_calendar, feed_language
from schedules.errors import NotFound
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
