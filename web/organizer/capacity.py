"""The capacity planner page: bounds on the requests the week can meet, and where a table or an interpreter
would help most, while registration is still open."""

from __future__ import annotations

from flask import render_template

from schedules.organizer.capacity import event_capacity
from web.database import get_db
from web.organizer import blueprint


@blueprint.get("/events/<int:event_id>/capacity")
def capacity(event_id: int):
    """Aborts 404 for an unknown event (as every console page)."""
    return render_template("organizer/capacity.html", plan=event_capacity(get_db(), event_id))
