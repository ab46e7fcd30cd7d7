"""The console's front: the events, a new event, an event's dashboard, settings and state."""

from __future__ import annotations

from functools import partial

from flask import current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models import EventState
from schedules.errors import Refused
from schedules.organizer import dashboard as figures
from schedules.organizer import team
from schedules.organizer.publication_mail import queue_agenda_mails
from schedules.organizer.publishing import set_state
from schedules.organizer.setup import create_event, list_events, update_event
from schedules.timegrid import to_local
from web.database import get_db
from web.messages import reason_text
from web.organizer import blueprint
from web.organizer.access import for_any_organizer
from web.organizer.common import show_refusal
from web.organizer.confirmation import ask, confirmed
from web.organizer.forms import EventSettingsForm, NewEventForm, StateForm


@blueprint.get("/")
@for_any_organizer
def home():
    """The events the organizer belongs to (every event for a site administrator), each with their role."""
    db = get_db()
    visible = team.visible_event_ids(db, current_user.id)
    return render_template(
        "organizer/home.html",
        events=list_events(db, visible),
        roles={} if visible is None else team.roles_of(db, current_user.id),
        may_create=team.may_create_events(db, current_user.id),
    )


@blueprint.route("/events/new", methods=["GET", "POST"])
def new_event():
    """A new event, owned by its creator. 403 for a desk-only account (see `web.organizer.access`)."""
    form = NewEventForm()
    if form.validate_on_submit():
        try:
            event = create_event(get_db(), form.new_values(), owner_id=current_user.id)
        except Refused as error:
            show_refusal(error, form)
        else:
            flash(_("The event is created. Add its sessions, seminars and interpreters."))
            return redirect(url_for("organizer.setup", event_id=event.id))
    return render_template("organizer/event_form.html", form=form, creating=True), 422 if form.errors else 200


@blueprint.get("/events/<int:event_id>/")
def dashboard(event_id: int):
    """The event's figures with charts. Aborts 404 for an unknown event."""
    return render_template(
        "organizer/dashboard.html",
        figures=figures.dashboard(get_db(), event_id),
        reason_text=reason_text,
        state_form=StateForm(state=g.event.state),
    )


@blueprint.route("/events/<int:event_id>/settings", methods=["GET", "POST"])
def settings(event_id: int):
    form = EventSettingsForm(obj=g.event)
    if not form.is_submitted():
        form.scheduled_pairs.data = "suggestions" if g.event.suggestions else "requested"
        if g.event.requests_close_at is not None:
            form.requests_deadline.data = to_local(g.event.requests_close_at, g.event.timezone)
    if form.validate_on_submit():
        try:
            update_event(get_db(), event_id, form.values(g.event.timezone, g.event.home_country))
        except Refused as error:
            show_refusal(error, form)
        else:
            flash(_("Saved."))
            return redirect(url_for("organizer.settings", event_id=event_id))
    return render_template(
        "organizer/event_form.html", form=form, creating=False, state_form=StateForm(state=g.event.state)
    ), 422 if form.errors else 200


@blueprint.post("/events/<int:event_id>/state")
def change_state(event_id: int):
    """Draft, open for registration, or published; publishing is refused while a rule is broken."""
    form = StateForm()
    if form.validate_on_submit():
        if form.state.data == "published" and not g.event.published and not confirmed():
            return ask(
                _("Publish the schedule?"),
                [
                    _(
                        "Every company then sees its agenda and calendar. After publication, changes go through "
                        "Repair and keep the published meetings."
                    )
                ],
                _("Publish the schedule"),
                url_for("organizer.dashboard", event_id=event_id),
                fields={"state": "published"},
            )
        try:
            base = current_app.config["MATCHWEEK_SETTINGS"].link_base
            set_state(get_db(), event_id, form.state.data, announce=partial(queue_agenda_mails, base=base))
        except Refused as error:
            show_refusal(error)
            return redirect(url_for("organizer.dashboard", event_id=event_id))
        flash(
            _(
                "The schedule is published: companies now see their agendas, and their contacts get them by mail."
            )
            if form.state.data == EventState.PUBLISHED
            else _("The event's state is changed.")
        )
    return redirect(url_for("organizer.dashboard", event_id=event_id))
