"""After publication: a company asks the organizer for a change, or withdraws itself (after a confirmation)."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from models import Company
from schedules.company.change_requests import own_change_requests, send_change_request
from schedules.company.requests import requests_open as wishes_open
from schedules.errors import Refused
from schedules.organizer.withdrawal import meetings_of, withdraw_company
from web.auth import current_company_id
from web.company import blueprint
from web.company.refusals import ChangeRequestForm, change_field, show_on_form
from web.database import get_db
from web.fields import status
from web.meeting_lines import row_line


@blueprint.app_template_global()
def requests_open(event) -> bool:
    """Whether companies may still send, withdraw and answer requests: before publication (or after it where the
    event lets them) and before the event's request deadline."""
    return wishes_open(event)


@blueprint.route("/change-requests", methods=["GET", "POST"])
def change_requests():
    """Ask the organizer for a change (with the refused edit, when the profile page sends it); lists those sent."""
    db = get_db()
    form = ChangeRequestForm()
    if form.validate_on_submit():
        try:
            send_change_request(db, current_company_id(), form.message.data or "", form.wanted())
        except Refused as error:
            show_on_form(form, error)
        else:
            flash(_("Your request is sent to the organizer."))
            return redirect(url_for("company.change_requests"))
    company = db.get(Company, current_company_id())
    return render_template(
        "company/change_requests.html",
        form=form,
        company=company,
        sent=own_change_requests(db, company.id),
        change_field=change_field,
    ), status(form)


@blueprint.route("/withdraw", methods=["GET", "POST"])
def withdraw():
    """Withdraw the company from its event: a page says what happens; the box must be ticked to go on."""
    db = get_db()
    company = db.get(Company, current_company_id())
    errors = []
    if request.method == "POST":
        if request.form.get("confirm") == "1":
            withdraw_company(db, company.event_id, company.id)
            return redirect(url_for("company.home"))
        errors.append(_("Tick the box to confirm that your company withdraws."))
    lines = [row_line(m, company.event.timezone) for m in meetings_of(db, company)]
    return render_template(
        "company/withdraw.html", company=company, meetings=lines, errors=errors
    ), 422 if errors else 200
