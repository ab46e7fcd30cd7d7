"""The company's forms: profile (also the heart of registration), contact person, meeting request, filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    Form,
    HiddenField,
    IntegerField,
    RadioField,
    SearchField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import URL, Email, InputRequired, NumberRange, Optional

from models import Company, Contact, Event
from schedules.company.presence import MORNING, half_days
from schedules.company.profile import MAX_MEETINGS_LIMIT, Profile
from web.fields import CheckboxesField, Cleaned, CleanForm, Fits, Website, options
from web.i18n import LANGUAGE_CODES, country_name, day, language_name


def sector_choices(event: Event, language: str) -> list[tuple[str, str]]:
    return [
        (s.code, (s.name_ko if language == "ko" else s.name_en) or s.name_en or s.name_ko or s.code)
        for s in event.sectors
    ]


def half_day_choices(event: Event) -> list[tuple[str, str]]:
    morning, afternoon = _l("morning"), _l("afternoon")
    return [
        (half.key, f"{day(half.start, event.timezone)} · {morning if half.part == MORNING else afternoon}")
        for half in half_days(event)
    ]


class ProfileFields(Cleaned, Form):
    """What a company says about itself; choices come from its event."""

    name = StringField(_l("Name in Hangul"), validators=[Fits(Company.name)])
    name_latin = StringField(_l("Name in Latin letters"), validators=[Fits(Company.name_latin)])
    sectors = CheckboxesField(_l("What the company does"), validate_choice=False)
    interests = CheckboxesField(_l("Sectors it seeks partners in"), validate_choice=False)
    description = TextAreaField(_l("Description"), validators=[Fits(Company.description)])
    website = URLField(
        _l("Website"),
        validators=[
            Optional(),
            URL(message=_l("Enter a full address, such as https://example.com.")),
            Website(),
        ],
    )
    present = CheckboxesField(_l("Half-days present"))
    seminars = CheckboxesField(_l("Seminars attended"), coerce=int)
    max_meetings = IntegerField(
        _l("Most meetings wanted"),
        validators=[
            Optional(),
            NumberRange(1, MAX_MEETINGS_LIMIT, _l("Between %(min)s and %(max)s meetings.")),
        ],
    )

    language = SelectField(
        _l("Language of the mails we receive"),
        choices=[SelectChoice("ko", "한국어"), SelectChoice("en", "English")],
        default="ko",
    )

    def offer(self, event: Event, language: str) -> None:
        self.sectors.choices = options(sector_choices(event, language))
        self.interests.choices = options(sector_choices(event, language))
        self.present.choices = options(half_day_choices(event))
        self.seminars.choices = options((s.id, s.title) for s in event.seminars)

    def profile(self, country: str) -> Profile:
        return Profile(
            name=self.name.data or "",
            name_latin=self.name_latin.data or "",
            country=country,
            sectors=tuple(self.sectors.data or ()),
            interests=tuple(self.interests.data or ()),
            description=self.description.data or "",
            website=self.website.data or "",
            max_meetings=self.max_meetings.data,
            present=frozenset(self.present.data or ()),
            seminars=tuple(self.seminars.data or ()),
            language=self.language.data or "ko",
        )

    def show(self, profile: Profile) -> None:
        for field in ("name", "name_latin", "description", "website", "max_meetings"):
            getattr(self, field).data = getattr(profile, field)
        self.sectors.data, self.interests.data = list(profile.sectors), list(profile.interests)
        self.present.data, self.seminars.data = sorted(profile.present), list(profile.seminars)
        self.language.data = profile.language


class ProfileForm(CleanForm, ProfileFields):
    pass


def language_choices() -> list[tuple[str, str]]:
    return [(code, language_name(code)) for code in LANGUAGE_CODES]


class PersonFields(Cleaned, Form):
    """A contact person; in registration the second one may stay empty."""

    name = StringField(_l("Name"), validators=[Fits(Contact.name)])
    email = StringField(
        _l("Email"), validators=[Optional(), Email(_l("Enter a valid email address.")), Fits(Contact.email)]
    )
    phone = StringField(_l("Phone"), validators=[Fits(Contact.phone)])
    languages = CheckboxesField(_l("Languages spoken"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.languages.choices = options(language_choices())

    def is_empty(self) -> bool:
        return not any((self.name.data, self.email.data, self.phone.data, self.languages.data))

    def require(self) -> bool:
        """The checks a named person needs beyond the fields' own: a name, an email, a language."""
        ok = True
        for field, message in (
            (self.name, _l("Enter the person's name.")),
            (self.email, _l("Enter an email address.")),
            (self.languages, _l("Choose at least one language the person speaks.")),
        ):
            if not field.data:
                field.errors = [*field.errors, message]
                ok = False
        return ok


class PersonForm(CleanForm, PersonFields):
    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return self.require() and valid


class RequestForm(CleanForm):
    partner = HiddenField(validators=[InputRequired()])
    priority = RadioField(
        _l("Priority"),
        coerce=int,
        default=2,
        choices=options([(3, _l("Must meet")), (2, _l("Want to meet")), (1, _l("Nice to meet"))]),
        validators=[InputRequired(_l("Choose must, want or nice."))],
    )


class PartnerSearch(Cleaned, Form):
    q = SearchField(_l("Search"))
    country = SelectField(_l("Country"), validate_choice=False)
    sector = SelectField(_l("Sector"), validate_choice=False)

    def offer(self, countries: list[str], sectors: list[tuple[str, str]]) -> None:
        self.country.choices = options(
            [("", _l("All countries"))] + [(c, country_name(c)) for c in countries]
        )
        self.sector.choices = options([("", _l("All sectors"))] + sectors)


PRIORITY_NAMES = {3: _l("Must meet"), 2: _l("Want to meet"), 1: _l("Nice to meet")}
