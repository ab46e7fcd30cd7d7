"""The registration form: the company profile, up to two contact persons, and the email to sign in with (its
password is chosen from the mailed link)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import FieldList, FormField, SelectField
from wtforms.validators import InputRequired

from models import Event
from schedules.codes import ISO_COUNTRIES
from schedules.company.contacts import Person
from web.auth_forms import email_field
from web.company.forms import PersonFields, ProfileFields
from web.fields import CleanForm, options
from web.i18n import country_name

CONTACT_ROWS = 2


def country_choices(event: Event) -> list[tuple[str, str]]:
    """The host country, then the countries the sessions admit (every ISO 3166 country where one admits all)."""
    codes: set[str] = set()
    for session in event.sessions:
        if session.countries is None:
            codes |= ISO_COUNTRIES
        else:
            codes |= set(session.countries)
    codes.discard(event.home_country)
    return [(event.home_country, country_name(event.home_country))] + sorted(
        ((c, country_name(c)) for c in codes), key=lambda choice: choice[1]
    )


class RegistrationForm(CleanForm, ProfileFields):
    country = SelectField(_l("Country"), validators=[InputRequired(_l("Choose the company's country."))])
    contacts = FieldList(FormField(PersonFields), min_entries=CONTACT_ROWS, max_entries=CONTACT_ROWS)
    email = email_field()

    def offer(self, event: Event, language: str) -> None:
        super().offer(event, language)
        self.country.choices = options(country_choices(event))

    def validate(self, extra_validators=None) -> bool:
        ok = super().validate(extra_validators)
        for index, entry in enumerate(self.contacts):
            if index == 0 or not entry.form.is_empty():
                ok = entry.form.require() and ok
        return ok

    def people(self) -> list[Person]:
        return [
            Person(
                e.form.name.data or "",
                e.form.email.data or "",
                e.form.phone.data or "",
                tuple(e.form.languages.data),
            )
            for e in self.contacts
            if not e.form.is_empty()
        ]
