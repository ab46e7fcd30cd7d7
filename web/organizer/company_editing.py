"""Add or edit one company from the console: the cells of one spreadsheet row, checked as an import row is."""

from __future__ import annotations

from flask import current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import Length

from models import Company
from schedules.errors import Refused
from schedules.lookup import find_row
from schedules.organizer.company_files import CONTACTS, company_cells, save_company
from schedules.organizer.invitations import invite_uninvited
from web.database import get_db
from web.fields import CleanForm
from web.organizer import blueprint
from web.organizer.common import show_refusal


class CompanyForm(CleanForm):
    """One company, field by field as the spreadsheet's columns (lists separated by ';')."""

    id = StringField(_l("Id"), validators=[Length(max=100)])
    name = StringField(_l("Name"), validators=[Length(max=300)])
    name_latin = StringField(_l("Name in Latin letters"), validators=[Length(max=300)])
    country = StringField(_l("Country"), validators=[Length(max=100)])
    languages = StringField(_l("Languages"), validators=[Length(max=100)])
    sectors = StringField(_l("Sectors"), validators=[Length(max=1000)])
    interests = StringField(_l("Sectors sought"), validators=[Length(max=1000)])
    max_meetings = StringField(_l("Meeting limit"), validators=[Length(max=100)])
    seminars = StringField(_l("Seminars attended"), validators=[Length(max=1000)])
    unavailable = StringField(_l("Away (time windows)"), validators=[Length(max=1000)])
    website = StringField(_l("Website"), validators=[Length(max=500)])
    description = TextAreaField(_l("Description"), validators=[Length(max=5000)])
    contact1_name = StringField(_l("Name"), validators=[Length(max=200)])
    contact1_email = StringField(_l("Email"), validators=[Length(max=300)])
    contact1_phone = StringField(_l("Phone"), validators=[Length(max=100)])
    contact1_languages = StringField(_l("Languages"), validators=[Length(max=100)])
    contact2_name = StringField(_l("Name"), validators=[Length(max=200)])
    contact2_email = StringField(_l("Email"), validators=[Length(max=300)])
    contact2_phone = StringField(_l("Phone"), validators=[Length(max=100)])
    contact2_languages = StringField(_l("Languages"), validators=[Length(max=100)])

    def record(self) -> dict[str, str]:
        return {field.name: field.data or "" for field in self if field.name != "csrf_token"}


@blueprint.route("/events/<int:event_id>/companies/new", methods=["GET", "POST"])
def new_company(event_id: int):
    """Add one company; its contacts are invited as an import's are."""
    form = CompanyForm()
    if form.validate_on_submit():
        base = current_app.config["MATCHWEEK_SETTINGS"].link_base
        try:
            company = save_company(
                get_db(),
                event_id,
                form.record(),
                then=lambda db, added_to: invite_uninvited(db, added_to, base),
            )
        except Refused as error:
            show_refusal(error, form)
        else:
            flash(_("%(name)s is added.", name=company.name))
            return redirect(url_for("organizer.company", event_id=event_id, company_id=company.id))
    return _page(form, None)


@blueprint.route("/events/<int:event_id>/companies/<int:company_id>/edit", methods=["GET", "POST"])
def edit_company(event_id: int, company_id: int):
    """Edit one company (its id stays). Aborts 404 for another event's company."""
    db = get_db()
    company = find_row(db, Company, event_id, company_id)
    form = CompanyForm(data=company_cells(company, g.event))
    if form.validate_on_submit():
        try:
            save_company(db, event_id, form.record(), company_id)
        except Refused as error:
            show_refusal(error, form)
        else:
            flash(_("The company is saved."))
            return redirect(url_for("organizer.company", event_id=event_id, company_id=company_id))
    return _page(form, company)


def _page(form: CompanyForm, company: Company | None):
    status = 422 if form.errors else 200
    return render_template(
        "organizer/company_form.html", form=form, company=company, contacts=range(1, CONTACTS + 1)
    ), status
