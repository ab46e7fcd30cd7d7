"""A change asked from a page that showed an older version of a meeting: a 409 page of the console (JSON for a
caller asking for JSON) naming who changed the meeting, what and when; nothing was saved."""

from __future__ import annotations

from datetime import datetime

from flask import abort, g, jsonify, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models import COMPANY, ORGANIZER, MeetingChange
from models.base import utcnow
from schedules.errors import Stale
from schedules.organizer.editing import LastChange
from web.i18n import clock, day
from web.organizer import blueprint

CHANGES = {
    MeetingChange.MOVED: _l("%(who)s moved this meeting to %(time)s, table %(table)s, at %(at)s."),
    MeetingChange.PLACED: _l("%(who)s placed this meeting at %(time)s, table %(table)s, at %(at)s."),
    MeetingChange.INTERPRETER: _l("%(who)s changed this meeting's interpreter to %(interpreter)s at %(at)s."),
    MeetingChange.CANCELLED: _l("%(who)s cancelled this meeting at %(at)s."),
}
WHO = {
    ORGANIZER: _l("%(email)s (organizer)"),
    COMPANY: _l("%(email)s (company)"),
}


def shown_version(name: str = "version") -> int | None:
    """The meeting version the page posting this form showed (a hidden field); None when the form has none."""
    text = request.form.get(name, "")
    if not text:
        return None
    if not text.isdigit() or len(text) > 9:
        abort(400)
    return int(text)


def stale_text(last: LastChange) -> str:
    """`organizer@example.com (organizer) moved this meeting to Mon, 28 Oct 2019 15:00 KST, table 3, at …`."""
    zone = g.event.timezone
    who = (
        str(WHO.get(last.role, WHO[ORGANIZER])) % {"email": last.who}
        if last.who
        else _("Someone outside the console (a solve, an import or a command)")
    )
    change = MeetingChange.CANCELLED if last.cancelled else last.change or MeetingChange.MOVED
    return str(CHANGES.get(change, CHANGES[MeetingChange.MOVED])) % {
        "who": who,
        "time": f"{day(last.start, zone)} {clock(last.start, zone, named=True)}",
        "table": last.table,
        "interpreter": last.interpreter or _("none"),
        "at": _moment(last.at, zone) if last.at else _("an unknown time"),
    }


def _moment(at: datetime, zone: str) -> str:
    """`10:42 KST` today, `Mon, 28 Oct 2019 10:42 KST` on another day (both in the event's zone)."""
    today = day(utcnow(), zone) == day(at, zone)
    return clock(at, zone, named=True) if today else f"{day(at, zone)} {clock(at, zone, named=True)}"


@blueprint.errorhandler(Stale)
def stale(error: Stale):
    """409: the sentence naming the last change, and a way back to the meeting as it is now."""
    last: LastChange = error.last
    message = stale_text(last)
    if request.accept_mimetypes.best == "application/json" or request.is_json:
        return jsonify(error=message, meeting=last.meeting_id, cancelled=last.cancelled), 409
    return render_template("organizer/stale.html", last=last, message=message), 409
