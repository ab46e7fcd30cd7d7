"""What the console's views share: refusals shown on forms, and the event in every page."""

from __future__ import annotations

from flask import current_app, g

from schedules.errors import NotFound, Refused
from schedules.lookup import find_event
from web.database import get_db
from web.fields import attach_error
from web.messages import flash_refusal
from web.organizer import blueprint


@blueprint.url_value_preprocessor
def load_event(endpoint, values) -> None:
    """Every page under /events/<event_id>/ has its event as `g.event`; an unknown one is a 404 once the
    visitor is known to be an organizer (see `web.organizer.access`), so anonymous visitors learn nothing."""
    if values and "event_id" in values:
        try:
            g.event = find_event(get_db(), values["event_id"])
        except NotFound:
            g.event = None


@blueprint.app_template_global()
def console_event():
    return g.get("event")


@blueprint.app_template_global()
def console_role() -> str | None:
    """The signed-in organizer's role in the page's event (owner for a site administrator)."""
    return g.get("event_role")


@blueprint.app_template_global()
def has_endpoint(name: str) -> bool:
    """Whether a page exists in this build (Repair comes with another part of the console)."""
    return name in current_app.view_functions


def show_refusal(error: Refused, form=None) -> None:
    """Each reason next to its field when the form has it, else above the form (or as a message)."""
    if form is None:
        flash_refusal(error)
    else:
        attach_error(form, error)
