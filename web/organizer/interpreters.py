"""Interpreters' agendas: the list, one interpreter's week, its PDF and the calendar address to send them."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from schedules.organizer import interpreters
from web.database import get_db
from web.downloads import send_exported
from web.i18n import labels
from web.organizer import blueprint
from web.organizer.forms import ActionForm


@blueprint.get("/events/<int:event_id>/interpreters")
def interpreter_list(event_id: int):
    """Every interpreter of the event with how many meetings they interpret."""
    return render_template(
        "organizer/interpreters.html", lines=interpreters.interpreter_list(get_db(), event_id)
    )


@blueprint.get("/events/<int:event_id>/interpreters/<int:interpreter_id>")
def interpreter_agenda(event_id: int, interpreter_id: int):
    """One interpreter's meetings day by day, with the PDF and the calendar address. Aborts 404 for another
    event's interpreter."""
    return render_template(
        "organizer/interpreter.html",
        agenda=interpreters.interpreter_agenda(get_db(), event_id, interpreter_id, labels()),
        action=ActionForm(),
    )


@blueprint.get("/events/<int:event_id>/interpreters/<int:interpreter_id>/agenda.pdf")
def interpreter_pdf(event_id: int, interpreter_id: int):
    return send_exported(interpreters.interpreter_pdf(get_db(), event_id, interpreter_id, labels()))


@blueprint.post("/events/<int:event_id>/interpreters/<int:interpreter_id>/feed/<any(renew, revoke):change>")
def interpreter_feed(event_id: int, interpreter_id: int, change: str):
    """Make a new calendar address for the interpreter (the old one stops working) or stop it."""
    if not ActionForm().validate_on_submit():
        abort(400)
    interpreters.change_feed(get_db(), event_id, interpreter_id, renew=change == "renew")
    flash(
        _("A new calendar address is ready; the old one no longer works.")
        if change == "renew"
        else _("The calendar address is stopped.")
    )
    return redirect(
        url_for("organizer.interpreter_agenda", event_id=event_id, interpreter_id=interpreter_id)
        + "#calendar"
    )
