"""Public pages: the event programme."""

from __future__ import annotations

from collections import defaultdict
from zoneinfo import ZoneInfo

from flask import Blueprint, abort, render_template
from sqlalchemy import select

from models import Event
from schedules.event_store import load_event
from web.database import get_db

blueprint = Blueprint("public", __name__)


@blueprint.get("/")
def home():
    """The latest event's programme, or a note that none is loaded yet."""
    db = get_db()
    event_id = db.scalar(select(Event.id).order_by(Event.id.desc()).limit(1))
    if event_id is None:
        return render_template("home.html", event=None, days=[])
    return programme(event_id)


@blueprint.get("/events/<int:event_id>")
def programme(event_id: int):
    """An event's days with their seminars and consultation sessions. Aborts 404 for an unknown event."""
    event = get_db().get(Event, event_id)
    if event is None:
        abort(404)
    event = load_event(get_db(), event_id)
    zone = ZoneInfo(event.timezone)
    days: dict = defaultdict(lambda: {"seminars": [], "sessions": []})
    for seminar in event.seminars:
        days[seminar.start_at.astimezone(zone).date()]["seminars"].append(seminar)
    for session in event.sessions:
        days[session.start_at.astimezone(zone).date()]["sessions"].append(session)
    return render_template("home.html", event=event, zone=zone, days=sorted(days.items()))
