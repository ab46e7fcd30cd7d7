"""Withdraw a company (after a confirmation) or restore it, and the companies' change requests."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from models import Company
from schedules.errors import Refused
from schedules.lookup import find_row
from schedules.organizer import change_requests, withdrawal
from web.company.refusals import change_field
from web.database import get_db
from web.meeting_lines import row_line
from web.organizer import blueprint
from web.organizer.common import show_refusal
from web.organizer.confirmation import ask, confirmed
from web.organizer.forms import ActionForm


def _company_page(event_id: int, company_id: int):
    return redirect(url_for("organizer.company", event_id=event_id, company_id=company_id))


@blueprint.post("/events/<int:event_id>/companies/<int:company_id>/withdraw")
def withdraw(event_id: int, company_id: int):
    """Withdraw the company: its meetings are cancelled, its data stays. Asks first, listing the meetings.
    Aborts 404 for another event's company."""
    db = get_db()
    if not ActionForm().validate_on_submit():
        return _company_page(event_id, company_id)
    company = find_row(db, Company, event_id, company_id)
    if not confirmed():
        return ask(
            _("Withdraw %(name)s?", name=company.name),
            [
                _(
                    "Its %(count)s meetings are cancelled (calendars show them cancelled) and its requests leave the "
                    "schedule. Its data stays: you can restore it, without the cancelled meetings.",
                    count=len(withdrawal.meetings_of(db, company)),
                )
            ],
            _("Withdraw the company"),
            url_for("organizer.company", event_id=event_id, company_id=company_id),
            items=[row_line(m, g.event.timezone) for m in withdrawal.meetings_of(db, company)],
        )
    try:
        done = withdrawal.withdraw_company(db, event_id, company_id)
    except Refused as error:
        show_refusal(error)
    else:
        flash(
            _(
                "%(name)s is withdrawn: %(count)s meetings cancelled, %(told)s partners to tell.",
                name=done.company.name,
                count=len(done.cancelled),
                told=len(done.told),
            )
        )
    return _company_page(event_id, company_id)


@blueprint.post("/events/<int:event_id>/companies/<int:company_id>/restore")
def restore(event_id: int, company_id: int):
    """Bring a withdrawn company back; its cancelled meetings stay cancelled."""
    if ActionForm().validate_on_submit():
        try:
            withdrawal.restore_company(get_db(), event_id, company_id)
        except Refused as error:
            show_refusal(error)
        else:
            flash(
                _(
                    "The company is restored. Its cancelled meetings stay cancelled; the next repair may place it."
                )
            )
    return _company_page(event_id, company_id)


@blueprint.get("/events/<int:event_id>/change-requests")
def change_requests_page(event_id: int):
    """The companies' requests for changes they could not make themselves, open ones first."""
    return render_template(
        "organizer/change_requests.html",
        rows=change_requests.event_change_requests(get_db(), event_id),
        action=ActionForm(),
        change_field=change_field,
    )


@blueprint.post("/events/<int:event_id>/change-requests/<int:request_id>/handled")
def change_request_handled(event_id: int, request_id: int):
    """Mark a change request handled (`handled=0` opens it again). Aborts 404 for another event's request."""
    form = ActionForm()
    if form.validate_on_submit():
        change_requests.mark_handled(get_db(), event_id, request_id, request.form.get("handled", "1") != "0")
        flash(_("Saved."))
    return redirect(url_for("organizer.change_requests_page", event_id=event_id))
