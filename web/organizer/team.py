"""The event's team page: its owners, co-organizers and desk; owners invite, change roles and remove.

Aborts: 403 for a co-organizer's change (owners only), 404 for someone not in
the team; 422 re-shows the page with the refusal (the last owner stays).
"""

from __future__ import annotations

from flask import current_app, flash, g, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from schedules.errors import NotFound, Refused
from schedules.organizer import team
from web.database import get_db
from web.organizer import blueprint
from web.organizer.access import for_owners
from web.organizer.common import show_refusal
from web.organizer.forms import ActionForm, TeamInviteForm, TeamRoleForm


def _team_page(event_id: int, invite: TeamInviteForm | None = None, status: int = 200):
    members = team.members(get_db(), event_id)
    return render_template(
        "organizer/team.html",
        members=members,
        invite=invite or TeamInviteForm(role="co-organizer"),
        role_forms={m.account_id: TeamRoleForm(role=m.role, prefix=f"m{m.account_id}") for m in members},
        action=ActionForm(),
        may_change=g.event_role == "owner",
    ), status


@blueprint.get("/events/<int:event_id>/team")
def team_page(event_id: int):
    """Who organizes the event; owners also see the invitation form and the buttons to change the team."""
    return _team_page(event_id)


@blueprint.post("/events/<int:event_id>/team")
@for_owners
def invite_member(event_id: int):
    """Invite someone by e-mail with a role; 422 naming the field when refused."""
    form = TeamInviteForm()
    if form.validate_on_submit():
        try:
            account = team.invite_member(
                get_db(),
                event_id,
                form.email.data,
                form.role.data,
                current_app.config["MATCHWEEK_SETTINGS"].link_base,
                str(get_locale()),
            )
        except Refused as error:
            show_refusal(error, form)
        else:
            flash(_("Invitation sent to %(email)s.", email=account.email))
            return redirect(url_for("organizer.team_page", event_id=event_id))
    return _team_page(event_id, form, 422)


@blueprint.post("/events/<int:event_id>/team/<int:account_id>/role")
@for_owners
def change_member_role(event_id: int, account_id: int):
    """Give a member another role; 404 for someone outside the team, 422 when it would leave no owner."""
    form = TeamRoleForm(prefix=f"m{account_id}")
    if not form.validate_on_submit():
        return _team_page(event_id, status=422)
    return _change(event_id, lambda: team.change_role(get_db(), event_id, account_id, form.role.data))


@blueprint.post("/events/<int:event_id>/team/<int:account_id>/remove")
@for_owners
def remove_member(event_id: int, account_id: int):
    """Take a member off the team (their account stays); 422 for the last owner."""
    if not ActionForm().validate_on_submit():
        return _team_page(event_id, status=422)
    return _change(event_id, lambda: team.remove_member(get_db(), event_id, account_id))


def _change(event_id: int, change):
    try:
        change()
    except NotFound:
        return _team_page(event_id, status=404)
    except Refused as error:
        show_refusal(error)
        return _team_page(event_id, status=422)
    flash(_("Saved."))
    return redirect(url_for("organizer.team_page", event_id=event_id))
