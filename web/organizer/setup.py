"""Setting up the week: consultation sessions (tables, admitted countries), seminars and interpreters."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from models import ConsultationSession, Interpreter, Seminar
from schedules.errors import NotFound, Refused
from schedules.lookup import find_row
from schedules.organizer import setup as operations
from schedules.timegrid import to_local
from web.database import get_db
from web.organizer import blueprint
from web.organizer.common import show_refusal
from web.organizer.forms import ActionForm, InterpreterForm, SeminarForm, SessionForm

KINDS_PATTERN = "<any(sessions, seminars, interpreters):kind>"


def _timed(row, zone: str) -> dict:
    start, end = to_local(row.start_at, zone), to_local(row.end_at, zone)
    return {"day": start.date(), "start": start.time(), "end": end.time()}


def _session_data(row: ConsultationSession, zone: str) -> dict:
    return {
        **_timed(row, zone),
        "key": row.key,
        "title": row.title,
        "slot_minutes": row.slot_minutes,
        "tables": row.tables,
        "countries": ", ".join(row.countries or ()),
        "room": row.room or "",
    }


def _seminar_data(row: Seminar, zone: str) -> dict:
    return {
        **_timed(row, zone),
        "key": row.key,
        "title": row.title,
        "country": row.country or "",
        "room": row.room or "",
        "description": row.description or "",
    }


def _window_line(start: datetime, end: datetime) -> str:
    return f"{start:%Y-%m-%d %H:%M}-{end:%H:%M}"


def _interpreter_data(row: Interpreter, zone: str) -> dict:
    windows = (_window_line(to_local(w.start_at, zone), to_local(w.end_at, zone)) for w in row.unavailable)
    return {
        "key": row.key,
        "name": row.name,
        "languages": ", ".join(row.languages),
        "unavailable": "\n".join(windows),
    }


@dataclass(frozen=True)
class Kind:
    """One kind of thing the organizer sets up, with its form, its stored rows and its operations."""

    form: type
    model: type
    data: Callable
    save: Callable
    delete: Callable
    title: object  # lazy strings, translated when shown
    saved: object


KINDS = {
    "sessions": Kind(
        SessionForm,
        ConsultationSession,
        _session_data,
        operations.save_session,
        operations.delete_session,
        _l("Consultation session"),
        _l("The session is saved."),
    ),
    "seminars": Kind(
        SeminarForm,
        Seminar,
        _seminar_data,
        operations.save_seminar,
        operations.delete_seminar,
        _l("Seminar"),
        _l("The seminar is saved."),
    ),
    "interpreters": Kind(
        InterpreterForm,
        Interpreter,
        _interpreter_data,
        operations.save_interpreter,
        operations.delete_interpreter,
        _l("Interpreter"),
        _l("The interpreter is saved."),
    ),
}


@blueprint.get("/events/<int:event_id>/setup")
def setup(event_id: int):
    """The week as set up: days with their seminars and sessions, and the interpreters."""
    return render_template(
        "organizer/setup.html", setup=operations.event_setup(get_db(), event_id), delete=ActionForm()
    )


@blueprint.route(f"/events/<int:event_id>/setup/{KINDS_PATTERN}/new", methods=["GET", "POST"])
@blueprint.route(f"/events/<int:event_id>/setup/{KINDS_PATTERN}/<int:row_id>", methods=["GET", "POST"])
def edit_setup(event_id: int, kind: str, row_id: int | None = None):
    """Add or change a session, seminar or interpreter. Aborts 404 for a row of another event."""
    spec = KINDS[kind]
    row = _row(spec, event_id, row_id)
    form = spec.form(data=spec.data(row, g.event.timezone) if row is not None else None)
    if form.validate_on_submit():
        try:
            spec.save(get_db(), event_id, row_id, form.values())
        except Refused as error:
            show_refusal(error, form)
        else:
            flash(str(spec.saved))
            return redirect(url_for("organizer.setup", event_id=event_id))
    return render_template(
        "organizer/setup_form.html",
        form=form,
        kind=kind,
        title=spec.title,
        row=row,
    ), 422 if form.errors or form.form_errors else 200


@blueprint.post(f"/events/<int:event_id>/setup/{KINDS_PATTERN}/<int:row_id>/delete")
def delete_setup(event_id: int, kind: str, row_id: int):
    """Remove a session, seminar or interpreter; refused (with the reason) while the schedule needs it."""
    if ActionForm().validate_on_submit():
        try:
            KINDS[kind].delete(get_db(), event_id, row_id)
        except Refused as error:
            show_refusal(error)
        else:
            flash(_("Removed."))
    return redirect(url_for("organizer.setup", event_id=event_id))


def _row(spec: Kind, event_id: int, row_id: int | None):
    if row_id is None:
        return None
    try:
        return find_row(get_db(), spec.model, event_id, row_id)
    except NotFound:
        abort(404)
