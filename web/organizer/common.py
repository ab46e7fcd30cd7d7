"""What the console's views share: refusals shown on forms, downloads, and the event in every page."""

from __future__ import annotations

from urllib.parse import quote

from flask import Response, abort, current_app, flash, g, render_template
from flask_babel import gettext as _
from werkzeug.exceptions import Conflict as HTTPConflict
from werkzeug.exceptions import NotFound as HTTPNotFound

from schedules.exported import ExportedFile
from schedules.services.errors import Conflict, NotFound, Refused
from schedules.services.lookup import find_event
from web.database import get_db
from web.organizer import blueprint
from web.organizer.messages import problem_text


@blueprint.url_value_preprocessor
def load_event(endpoint, values) -> None:
    """Every page under /events/<event_id>/ has its event as `g.event`; an unknown one is a 404."""
    if values and "event_id" in values:
        try:
            g.event = find_event(get_db(), values["event_id"])
        except NotFound:
            abort(404)


@blueprint.errorhandler(NotFound)
def not_found(_error: NotFound):
    """A row of another event, or none: the same 404 page as any unknown address."""
    return render_template("error.html", error=HTTPNotFound()), 404


@blueprint.errorhandler(Conflict)
def conflict(_error: Conflict):
    """Someone changed the same meeting or slot at the same moment: 409, nothing saved."""
    page = HTTPConflict(_("Someone else changed this at the same moment. Nothing was saved: reload and try again."))
    return render_template("error.html", error=page), 409


@blueprint.app_template_global()
def console_event():
    return g.get("event")


@blueprint.app_template_global()
def has_endpoint(name: str) -> bool:
    """Whether a page exists in this build (Repair comes with another part of the console)."""
    return name in current_app.view_functions


def show_refusal(error: Refused, form=None) -> None:
    """Each reason next to its field when the form has it, else above the form (or as a message)."""
    for problem in error.problems:
        text = problem_text(problem)
        field = getattr(form, problem.field, None) if form is not None and problem.field else None
        if field is not None:
            field.errors = [*field.errors, text]
        elif form is not None:
            form.form_errors.append(text)
        else:
            flash(text, "error")


def send_file(file: ExportedFile, download: bool = True) -> Response:
    disposition = "attachment" if download else "inline"
    return Response(
        file.content, content_type=file.content_type,
        headers={"Content-Disposition": f"{disposition}; filename*=UTF-8''{quote(file.filename)}"},
    )
