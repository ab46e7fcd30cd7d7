"""Public pages: the event programme and company registration."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_user
from sqlalchemy import select

from models import Event
from schedules.company import registration
from schedules.company.programme import programme_of
from schedules.errors import NotFound, Refused
from schedules.lookup import find_event
from web.auth import signed_in
from web.database import get_db
from web.fields import attach_error, status
from web.public_forms import RegistrationForm

blueprint = Blueprint("public", __name__)


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
def register(event_id: int):
    """Register a company and sign it in. Aborts 404 for an unknown event; once published, says it is closed."""
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
                form.password.data,
                language=str(get_locale()),
            )
        except Refused as error:
            attach_error(form, error)
        else:
            login_user(signed_in(account))
            flash(_("Welcome! Your company is registered. Now find partners and ask to meet them."))
            return redirect(url_for("company.partners"))
    return render_template("public/register.html", form=form, event=event), status(form)
