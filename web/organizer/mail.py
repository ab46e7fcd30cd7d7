"""The event's mail log (filter by company and state, retry a failed mail) and the invitation buttons."""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from models import MailState
from schedules.mail.log import mail_log, retry_failed
from schedules.organizer.invitations import invite_everyone, resend_invitation
from web.database import get_db
from web.organizer import blueprint
from web.organizer.forms import ActionForm


def _base() -> str:
    return current_app.config["MATCHWEEK_SETTINGS"].link_base


@blueprint.get("/events/<int:event_id>/mail")
def mail(event_id: int):
    """The newest mails of the event; `company` (an id) and `state` (queued, sent, failed) filter them."""
    company = request.args.get("company", "")
    state = request.args.get("state", "")
    if (company and not company.isdigit()) or (state and state not in tuple(MailState)):
        abort(400)
    mails = mail_log(get_db(), event_id, int(company) if company else None, state)
    return render_template(
        "organizer/mail.html",
        mails=mails,
        company=int(company) if company else None,
        state=state,
        companies=g.event.companies,
        action=ActionForm(),
    )


@blueprint.post("/events/<int:event_id>/mail/<int:mail_id>/retry")
def retry(event_id: int, mail_id: int):
    """Send a failed mail again. Aborts 404 for another event's mail, 400 without the form's token."""
    if not ActionForm().validate_on_submit():
        abort(400)
    retry_failed(get_db(), event_id, mail_id)
    flash(_("The mail is queued again."))
    return redirect(url_for("organizer.mail", event_id=event_id, **request.args))


@blueprint.post("/events/<int:event_id>/invitations")
def invite(event_id: int):
    """Invite every company not invited yet: an account and a link for each contact with an e-mail."""
    if not ActionForm().validate_on_submit():
        abort(400)
    invited = invite_everyone(get_db(), event_id, _base())
    flash(
        _(
            "Invitations queued: %(mails)s mails to %(companies)s companies.",
            mails=invited.mails,
            companies=invited.companies,
        )
    )
    return redirect(url_for("organizer.companies", event_id=event_id))


@blueprint.post("/events/<int:event_id>/companies/<int:company_id>/invitation")
def reinvite(event_id: int, company_id: int):
    """Send the company's contacts a new invitation. Aborts 404 for another event's company."""
    if not ActionForm().validate_on_submit():
        abort(400)
    mails = resend_invitation(get_db(), event_id, company_id, _base())
    flash(
        _(
            "Invitations queued: %(mails)s mails to %(companies)s companies.",
            mails=mails,
            companies=1 if mails else 0,
        )
    )
    return redirect(url_for("organizer.companies", event_id=event_id))
