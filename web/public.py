"""Public pages: the event programme and company registration."""

from __future__ import annotations

import functools
import logging
from pathlib import Path

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import get_locale

from models import Event
from schedules.company import registration
from schedules.company.programme import programme_of, public_events
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
    """The events open or published, each with its days, place and state, or a note that none is open yet."""
    return render_template("public/events.html", events=public_events(get_db()))


ICONS = {"favicon.svg": "image/svg+xml", "favicon.png": "image/png"}
ICON_MAX_AGE = 7 * 24 * 3600


@functools.cache
def _icon(name: str) -> bytes:
    return (Path(current_app.static_folder) / name).read_bytes()


@blueprint.get("/<any('favicon.svg', 'favicon.png', 'favicon.ico'):name>")
def favicon(name: str):
    """The site's icon, cached for a week; `/favicon.ico`, which browsers ask for unprompted, is the PNG."""
    file = "favicon.png" if name == "favicon.ico" else name
    response = Response(_icon(file), mimetype=ICONS[file])
    response.cache_control.public = True
    response.cache_control.max_age = ICON_MAX_AGE
    return response


@blueprint.get("/events/<int:event_id>")
def programme(event_id: int):
    """An event's days, seminars, sessions, countries and sectors. Aborts 404 for an unknown event or a draft."""
    try:
        found = programme_of(get_db(), event_id)
    except NotFound:
        abort(404)
    return render_template("home.html", programme=found, language=str(get_locale()))


@blueprint.route("/events/<int:event_id>/register", methods=["GET", "POST"])
@registration_limits
def register(event_id: int):
    """Register a company; its person chooses a password from the mailed link. The answer is the same whether
    or not the email has an account. Aborts 404 for an unknown event or a draft; once published, says it is
    closed (unless the event takes late registrations)."""
    db = get_db()
    try:
        event = find_event(db, event_id)
    except NotFound:
        abort(404)
    if not event.public:
        abort(404)
    if not registration.registration_open(event):
        return render_template("public/closed.html", event=event), 409
    form = RegistrationForm()
    form.offer(event, str(get_locale()))
    if not form.is_submitted():
        form.present.data = [choice.value for choice in form.present.choices]
        form.language.data = "en" if str(get_locale()) == "en" else "ko"
    if form.is_submitted() and _checked(form, event):
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


def _checked(form: RegistrationForm, event: Event) -> bool:
    """The form's checks and the registration's own, all run, each reason shown at its field in one answer
    (a field the form already faults keeps its one message)."""
    valid = form.validate()
    problems = [
        problem
        for problem in registration.registration_problems(
            get_db(), event, form.profile(form.country.data or ""), form.email.data or ""
        )
        if not (problem.field in form and form[problem.field].errors)
    ]
    if problems:
        attach_error(form, Refused(problems))
    return valid and not problems
