"""Public pages: the event programme and company registration."""

from __future__ import annotations

import logging

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import get_locale
from sqlalchemy import select

from models import Event
from schedules.company import registration
from schedules.company.programme import programme_of
from schedules.errors import NotFound, Refused
from schedules.lookup import find_event
from web.database import get_db
from web.fields import attach_error, status
from web.public_forms import RegistrationForm
from web.security import registration_limits

blueprint = Blueprint("public", __name__)
log = logging.getLogger(__name__)


@blueprint.get("/")
def home():
    """The latest event's programme, or a note that none is loaded yet."""
    event_id = get_db().scalar(select(Event.id).order_by(Event.id.desc()).limit(1))
    if event_id is None:
        return render_template("home.html", programme=None)
    return programme(event_id)


@blueprint.get("/events/<int:event_id>")
def programme(event_id: int):
    """An event's days, seminars, sessions, countries and sectors. Aborts 404 for an unknown event."""
    try:
        found = programme_of(get_db(), event_id)
    except NotFound:
        abort(404)
    return render_template("home.html", programme=found, language=str(get_locale()))


@blueprint.route("/events/<int:event_id>/register", methods=["GET", "POST"])
@registration_limits
def register(event_id: int):
    """Register a company; its person chooses a password from the mailed link. The answer is the same whether
    or not the email has an account. Aborts 404 for an unknown event; once published, says it is closed."""
    db = get_db()
    try:
        event = find_event(db, event_id)
    except NotFound:
        abort(404)
    if not registration.registration_open(event):
        return render_template("public/closed.html", event=event), 409
    form = RegistrationForm()
    form.offer(event, str(get_locale()))
    if not form.is_submitted():
        form.present.data = [choice.value for choice in form.present.choices]
        form.language.data = "en" if str(get_locale()) == "en" else "ko"
    if form.validate_on_submit():
        try:
            account = registration.register_company(
                db,
                event.id,
                form.profile(form.country.data),
                form.people(),
                form.email.data,
                current_app.config["MATCHWEEK_SETTINGS"].link_base,
                language=str(get_locale()),
            )
        except Refused as error:
            attach_error(form, error)
        else:
            if account is None:
                log.warning("registration with an address that has an account, from %s", request.remote_addr)
            return redirect(url_for("public.registered", event_id=event.id))
    return render_template("public/register.html", form=form, event=event), status(form)


@blueprint.get("/events/<int:event_id>/registered")
def registered(event_id: int):
    """What every registration answers: look in your mailbox. Aborts 404 for an unknown event."""
    try:
        event = find_event(get_db(), event_id)
    except NotFound:
        abort(404)
    return render_template("public/registered.html", event=event)
