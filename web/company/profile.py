"""Profile and contact persons of the signed-in company."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from schedules.company import contacts, profile
from schedules.company.contacts import Person
from schedules.company.guard import BreaksPublished
from schedules.errors import NotFound, Refused
from web.auth import current_company_id
from web.company import blueprint
from web.company.forms import PersonForm, ProfileForm
from web.company.refusals import ChangeRequestForm, show_on_form
from web.database import get_db
from web.fields import attach_error, status
from web.i18n import language_name
from web.messages import flash_refusal


@blueprint.get("/")
def home():
    """The agenda once the schedule is published, the partner list before, the profile while a draft."""
    event = profile.company_of(get_db(), current_company_id()).event
    page = (
        "company.agenda"
        if event.published
        else "company.partners"
        if event.public
        else "company.edit_profile"
    )
    return redirect(url_for(page))


@blueprint.route("/profile", methods=["GET", "POST"])
def edit_profile():
    """The company's profile, with its contact persons listed for editing."""
    db = get_db()
    company = profile.company_of(db, current_company_id())
    form = ProfileForm()
    form.offer(company.event, str(get_locale()))
    asking = None
    if not form.is_submitted():
        form.show(profile.profile_of(company))
    elif form.validate():
        try:
            profile.update_profile(db, company.id, form.profile(company.country))
        except BreaksPublished as error:
            show_on_form(form, error)
            asking = ChangeRequestForm.carrying(_wanted(form, profile.profile_of(company)))
        except Refused as error:
            attach_error(form, error)
        else:
            flash(_("The profile is saved."))
            return redirect(url_for("company.edit_profile"))
    return render_template("company/profile.html", form=form, company=company, asking=asking), status(form)


def _wanted(form: ProfileForm, current: profile.Profile) -> dict[str, str]:
    """The refused edit as the company chose it (labels, not codes), field by field where it differs."""
    wanted = form.profile(current.country)
    changed: dict[str, str] = {}
    for name in ("present", "seminars", "sectors", "interests"):
        if set(getattr(wanted, name)) != set(getattr(current, name)):
            chosen = {str(v) for v in getattr(wanted, name)}
            labels = [
                str(choice.label) for choice in getattr(form, name).choices if str(choice.value) in chosen
            ]
            changed[name] = ", ".join(labels) or "–"
    if wanted.max_meetings != current.max_meetings:
        changed["max_meetings"] = str(wanted.max_meetings) if wanted.max_meetings is not None else "–"
    return changed


def _refused_contact(error: Refused, change: dict[str, str]):
    """The profile page with the refusal and the offer to ask the organizer instead (422)."""
    db = get_db()
    company = profile.company_of(db, current_company_id())
    form = ProfileForm(formdata=None)
    form.offer(company.event, str(get_locale()))
    form.show(profile.profile_of(company))
    show_on_form(form, error)
    return render_template(
        "company/profile.html",
        form=form,
        company=company,
        asking=ChangeRequestForm.carrying(change),
    ), 422


def _languages(person: Person) -> str:
    return f"{person.name}: {', '.join(language_name(code) for code in person.languages)}"


def _person(form: PersonForm) -> Person:
    return Person(
        form.name.data or "", form.email.data or "", form.phone.data or "", tuple(form.languages.data)
    )


@blueprint.route("/contacts/new", methods=["GET", "POST"])
def add_contact():
    form = PersonForm()
    if form.validate_on_submit():
        try:
            contacts.add_contact(get_db(), current_company_id(), _person(form))
        except BreaksPublished as error:
            return _refused_contact(error, {"contact": _languages(_person(form))})
        except Refused as error:
            attach_error(form, error)
        else:
            flash(_("The contact person is added."))
            return redirect(url_for("company.edit_profile"))
    return render_template("company/contact.html", form=form, contact=None), status(form)


@blueprint.route("/contacts/<int:contact_id>", methods=["GET", "POST"])
def edit_contact(contact_id: int):
    """Edit one of the company's contact persons. Aborts 404 for anyone else's."""
    db = get_db()
    try:
        contact = contacts.contact_of(db, current_company_id(), contact_id)
    except NotFound:
        abort(404)
    form = PersonForm()
    if not form.is_submitted():
        person = contacts.person_of(contact)
        form.name.data, form.email.data, form.phone.data = person.name, person.email, person.phone
        form.languages.data = list(person.languages)
    elif form.validate():
        try:
            contacts.update_contact(db, current_company_id(), contact_id, _person(form))
        except BreaksPublished as error:
            return _refused_contact(error, {"contact": _languages(_person(form))})
        except Refused as error:
            attach_error(form, error)
        else:
            flash(_("The contact person is saved."))
            return redirect(url_for("company.edit_profile"))
    return render_template("company/contact.html", form=form, contact=contact), status(form)


@blueprint.post("/contacts/<int:contact_id>/remove")
def remove_contact(contact_id: int):
    """Remove a contact person. Aborts 404 for anyone else's; the last one stays, with a message."""
    try:
        name = contacts.contact_of(get_db(), current_company_id(), contact_id).name
        contacts.remove_contact(get_db(), current_company_id(), contact_id)
    except NotFound:
        abort(404)
    except BreaksPublished as error:
        return _refused_contact(error, {"contact": _("Remove %(name)s", name=name)})
    except Refused as error:
        flash_refusal(error)
    else:
        flash(_("The contact person is removed."))
    return redirect(url_for("company.edit_profile"))
