"""The company's agenda on screen, printable, as PDF and as a calendar file, and its feed addresses."""

from __future__ import annotations

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from models import Company
from schedules.company import agenda as week
from schedules.company import feeds
from schedules.company.late import waiting_requests
from schedules.errors import NotFound, Refused
from web.auth import current_company_id
from web.check_in_links import check_in_url
from web.company import blueprint
from web.database import get_db
from web.downloads import send_exported
from web.i18n import labels
from web.messages import flash_refusal
from web.printing import stylesheet_url


@blueprint.get("/agenda")
def agenda():
    """The week: seminars attended, and once published the meetings with time, partner, table, interpreter."""
    db = get_db()
    company_id = current_company_id()
    return render_template(
        "company/agenda.html",
        agenda=week.agenda(db, company_id),
        tokens=feeds.feed_tokens(db, company_id),
        waiting=waiting_requests(db, company_id),
    )


@blueprint.get("/agenda/print")
def agenda_print():
    page = week.agenda_html(get_db(), current_company_id(), labels(), stylesheet=stylesheet_url())
    return Response(page.content, content_type=page.content_type)


@blueprint.get("/agenda.pdf")
def agenda_pdf():
    db = get_db()
    company = db.get(Company, current_company_id())
    return send_exported(week.agenda_pdf(db, company.id, labels(), check_in=check_in_url(company)))


@blueprint.get("/agenda.ics")
def agenda_ics():
    return send_exported(week.company_calendar_file(get_db(), current_company_id(), labels()).file)


def _contact_id() -> int | None:
    value = request.form.get("contact", "")
    if value and not value.isdigit():
        abort(400)
    return int(value) if value else None


@blueprint.post("/feeds/reminder")
def set_reminder():
    """The reminder the company's calendars carry before each meeting: none, 10 or 30 minutes."""
    value = request.form.get("reminder", "")
    try:
        feeds.set_reminder(get_db(), current_company_id(), int(value) if value.isdigit() else None)
    except Refused as error:
        flash_refusal(error)
    else:
        flash(_("Your calendars now remind you as chosen."))
    return redirect(url_for("company.agenda") + "#calendars")


@blueprint.post("/feeds/renew")
def renew_feed():
    """A new feed address for the company or one of its contacts. Aborts 404 for anyone else's contact."""
    try:
        feeds.renew_feed(get_db(), current_company_id(), _contact_id())
    except NotFound:
        abort(404)
    flash(_("A new calendar address is ready; the old one no longer works."))
    return redirect(url_for("company.agenda") + "#calendars")


@blueprint.post("/feeds/revoke")
def revoke_feed():
    """Stop a feed address. Aborts 404 for anyone else's contact."""
    try:
        feeds.revoke_feed(get_db(), current_company_id(), _contact_id())
    except NotFound:
        abort(404)
    flash(_("The calendar address is stopped."))
    return redirect(url_for("company.agenda") + "#calendars")
