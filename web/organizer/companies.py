"""Companies and requests: lists with search and filters, one company's week, spreadsheet import and export."""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from models import RequestAnswer
from schedules.errors import Refused
from schedules.organizer import listing, request_files
from schedules.organizer.company_files import export_companies, import_companies
from schedules.organizer.feeds import change_feed, company_feeds
from schedules.organizer.invitations import InvitationStatus, invitation_statuses, invite_uninvited
from schedules.organizer.review import company_week
from web.database import get_db
from web.downloads import send_exported
from web.messages import problem_text, reason_text
from web.organizer import blueprint
from web.organizer.common import show_refusal
from web.organizer.forms import ActionForm, ImportForm


def _page() -> int:
    return request.args.get("page", 1, type=int) or 1


@blueprint.get("/events/<int:event_id>/companies")
def companies(event_id: int):
    """Companies with search (name or id) and filters (country, sector, with or without meetings)."""
    wanted = listing.CompanyFilter(
        text=request.args.get("q", "").strip(),
        country=request.args.get("country", "").strip().upper(),
        sector=request.args.get("sector", "").strip(),
        meetings=request.args.get("meetings", ""),
    )
    page = listing.list_companies(get_db(), event_id, wanted, _page())
    return render_template(
        "organizer/companies.html",
        page=page,
        wanted=wanted,
        import_form=ImportForm(),
        countries=sorted({c.country for c in g.event.companies}),
        sectors=g.event.sectors,
        invitations=invitation_statuses(get_db(), event_id),
        action=ActionForm(),
    )


@blueprint.get("/events/<int:event_id>/companies/<int:company_id>")
def company(event_id: int, company_id: int):
    """One company's meetings and requests, met or not and why. Aborts 404 for another event's company."""
    db = get_db()
    return render_template(
        "organizer/company.html",
        week=company_week(db, event_id, company_id),
        reason_text=reason_text,
        tokens=company_feeds(db, event_id, company_id),
        action=ActionForm(),
        invitation=invitation_statuses(db, event_id).get(company_id, InvitationStatus.NOT_INVITED),
    )


@blueprint.post("/events/<int:event_id>/companies/<int:company_id>/feeds/<any(renew, revoke):change>")
def company_feed(event_id: int, company_id: int, change: str):
    """Renew or stop a calendar address of the company or one of its contacts. Aborts 404 for others'."""
    contact = request.form.get("contact", "")
    if not ActionForm().validate_on_submit() or (contact and not contact.isdigit()):
        abort(400)
    change_feed(get_db(), event_id, company_id, int(contact) if contact else None, renew=change == "renew")
    flash(
        _("A new calendar address is ready; the old one no longer works.")
        if change == "renew"
        else _("The calendar address is stopped.")
    )
    return redirect(url_for("organizer.company", event_id=event_id, company_id=company_id) + "#calendars")


@blueprint.get("/events/<int:event_id>/companies.<any(csv, xlsx):kind>")
def export(event_id: int, kind: str):
    return send_exported(export_companies(get_db(), event_id, kind))


@blueprint.post("/events/<int:event_id>/companies/import")
def import_file(event_id: int):
    """Add or update companies from a CSV or XLSX file; a file with any bad cell saves nothing."""
    form = ImportForm()
    if form.validate_on_submit():
        upload = form.file.data
        try:
            base = current_app.config["MATCHWEEK_SETTINGS"].link_base
            result = import_companies(
                get_db(),
                event_id,
                upload.filename or "",
                upload.read(),
                then=lambda db, imported_to: invite_uninvited(db, imported_to, base),
            )
        except Refused as error:
            show_refusal(error, form)
        else:
            flash(
                _(
                    "Imported: %(added)s companies added, %(updated)s updated.",
                    added=result.added,
                    updated=result.updated,
                )
            )
            return redirect(url_for("organizer.companies", event_id=event_id))
    page = listing.list_companies(get_db(), event_id, listing.CompanyFilter(), 1)
    return render_template(
        "organizer/companies.html",
        page=page,
        wanted=listing.CompanyFilter(),
        import_form=form,
        import_errors=_taken_off(form),
        countries=sorted({c.country for c in g.event.companies}),
        sectors=g.event.sectors,
        invitations=invitation_statuses(get_db(), event_id),
        action=ActionForm(),
    ), 422


def _taken_off(form: ImportForm) -> list[str]:
    """Every reason the import was refused, taken off the form to be listed at the top of the page (a long
    list under the file field at the bottom of the page went unseen)."""
    errors = [*form.form_errors, *form.file.errors]
    form.form_errors, form.file.errors = [], []
    return errors


@blueprint.get("/events/<int:event_id>/requests")
def requests(event_id: int):
    """Requests with search (either company) and filters (priority, met or not, country, the receiver's answer)."""
    priority = request.args.get("priority", "")
    if priority and priority not in ("1", "2", "3"):
        abort(400)
    wanted = listing.RequestFilter(
        text=request.args.get("q", "").strip(),
        priority=int(priority) if priority else None,
        status=request.args.get("status", ""),
        country=request.args.get("country", "").strip().upper(),
        answer=request.args.get("answer", "") if request.args.get("answer") in tuple(RequestAnswer) else "",
    )
    return _requests_page(event_id, wanted, ImportForm())


def _requests_page(
    event_id: int,
    wanted: listing.RequestFilter,
    import_form: ImportForm,
    import_errors: list[str] | None = None,
    status: int = 200,
):
    return render_template(
        "organizer/requests.html",
        page=listing.list_requests(get_db(), event_id, wanted, _page()),
        wanted=wanted,
        countries=sorted({c.country for c in g.event.companies}),
        reason_text=reason_text,
        import_form=import_form,
        import_errors=import_errors or [],
    ), status


@blueprint.get("/events/<int:event_id>/requests.<any(csv, xlsx):kind>")
def export_requests(event_id: int, kind: str):
    return send_exported(request_files.export_requests(get_db(), event_id, kind))


@blueprint.post("/events/<int:event_id>/requests/import")
def import_requests(event_id: int):
    """Add or update requests from a CSV or XLSX file; a file with any bad cell saves nothing, and every
    mistake is listed at the top of the page."""
    form = ImportForm()
    if not form.validate_on_submit():
        errors = [error for field_errors in form.errors.values() for error in field_errors]
        return _requests_page(event_id, listing.RequestFilter(), form, [str(e) for e in errors], 422)
    upload = form.file.data
    try:
        result = request_files.import_requests(get_db(), event_id, upload.filename or "", upload.read())
    except Refused as error:
        errors = [problem_text(problem) for problem in error.problems]
        return _requests_page(event_id, listing.RequestFilter(), form, errors, 422)
    flash(
        _(
            "Imported: %(added)s requests added, %(updated)s updated.",
            added=result.added,
            updated=result.updated,
        )
    )
    return redirect(url_for("organizer.requests", event_id=event_id))
