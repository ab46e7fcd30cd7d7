"""The console's forms: each checks its own fields and keeps what was typed; the services check the rest."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import available_timezones

from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    FloatField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    SubmitField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    NumberRange,
    Optional,
    Regexp,
    ValidationError,
)

from matcher.domain.instance import Interval, Venue
from models import (
    CO_ORGANIZER,
    DESK,
    OWNER,
    Account,
    ConsultationSession,
    Event,
    EventState,
    Interpreter,
    Seminar,
)
from schedules.organizer.editing import KEEP_INTERPRETER, Placement
from schedules.organizer.setup import EventValues, InterpreterValues, SeminarValues, SessionValues
from web.fields import CleanForm, Fits

KEY = Regexp(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", message=_l("Use letters, digits, '-', '_' or '.'."))
EVENT_KEY = Regexp(r"^[A-Za-z0-9-]*$", message=_l("Use letters, digits and '-'."))
COUNTRY = Regexp(r"^[A-Za-z]{2}$", message=_l("A two-letter country code such as KR."))
_CODES = re.compile(r"[\s,;]+")
_WINDOW = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T](\d{1,2}:\d{2})\s*[-–]\s*(\d{1,2}:\d{2})$")


def required(message=None):
    return DataRequired(message or _l("This field is required."))


def codes(text: str | None) -> tuple[str, ...]:
    return tuple(code for code in _CODES.split(text or "") if code)


class CodesField(StringField):
    """A list of two-letter codes typed as `FR, US`; `upper` for countries, lower case for languages."""

    def __init__(self, label, upper: bool, **kwargs):
        super().__init__(label, **kwargs)
        self.upper = upper

    def pre_validate(self, form) -> None:
        for code in codes(self.data):
            if not re.fullmatch(r"[A-Za-z]{2}", code):
                raise ValidationError(gettext("'%(code)s' is not a two-letter code.", code=code))

    @property
    def values(self) -> tuple[str, ...]:
        return tuple(c.upper() if self.upper else c.lower() for c in codes(self.data))


class EventSettingsForm(CleanForm):
    name = StringField(_l("Name"), validators=[required(), Fits(Event.name)])
    pairing = SelectField(
        _l("Pairing"),
        choices=[
            SelectChoice("home-foreign", _l("a host-country company with a foreign one")),
            SelectChoice("any", _l("any two companies")),
        ],
    )
    default_max_meetings = IntegerField(
        _l("Meetings per company (default limit)"),
        default=8,
        validators=[InputRequired(_l("This field is required.")), NumberRange(0, 1000)],
    )
    venue_name = StringField(_l("Venue"), validators=[Fits(Event.venue_name)])
    venue_address = StringField(_l("Address"), validators=[Fits(Event.venue_address)])
    venue_latitude = FloatField(_l("Latitude"), validators=[Optional(), NumberRange(-90, 90)])
    venue_longitude = FloatField(_l("Longitude"), validators=[Optional(), NumberRange(-180, 180)])
    late_changes = BooleanField(_l("Registrations and requests continue after publication"))
    requests_need_answer = BooleanField(_l("Requests need the receiving company's acceptance"))
    requests_deadline = DateTimeLocalField(
        _l("Requests close at"),
        format=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        validators=[Optional()],
    )
    scheduled_pairs = SelectField(
        _l("Pairs scheduled"),
        choices=[
            SelectChoice("suggestions", _l("requested pairs, and suggestions where sectors fit")),
            SelectChoice("requested", _l("requested pairs only")),
        ],
        default="suggestions",
    )
    submit = SubmitField(_l("Save"))

    def validate(self, extra_validators=None) -> bool:
        """The field checks, then the venue's parts together (empty fields skip their own checks)."""
        valid = super().validate(extra_validators)
        if self.venue_latitude.errors or self.venue_longitude.errors:
            return False
        if (self.venue_latitude.data is None) != (self.venue_longitude.data is None):
            self.venue_longitude.errors.append(_l("Give latitude and longitude together, or neither."))
            valid = False
        located = (self.venue_address.data or "").strip() or self.venue_latitude.data is not None
        if located and not (self.venue_name.data or "").strip():
            self.venue_name.errors.append(_l("Name the venue too."))
            valid = False
        return valid

    def values(self, timezone: str, home_country: str, key: str | None = None) -> EventValues:
        name = (self.venue_name.data or "").strip()
        venue = (
            Venue(
                name,
                (self.venue_address.data or "").strip(),
                self.venue_latitude.data,
                self.venue_longitude.data,
            )
            if name
            else None
        )
        return EventValues(
            name=self.name.data.strip(),
            timezone=timezone,
            home_country=home_country,
            pairing=self.pairing.data,
            default_max_meetings=self.default_max_meetings.data,
            key=key,
            venue=venue,
            late_changes=bool(self.late_changes.data),
            requests_need_answer=bool(self.requests_need_answer.data),
            requests_close=self.requests_deadline.data,
            suggestions=self.scheduled_pairs.data != "requested",
        )


class NewEventForm(EventSettingsForm):
    key = StringField(_l("Id (for files and calendars)"), validators=[Optional(), Fits(Event.key), EVENT_KEY])
    timezone = StringField(
        _l("Time zone"), default="Asia/Seoul", validators=[required(), Fits(Event.timezone)]
    )
    home_country = StringField(_l("Host country"), default="KR", validators=[required(), COUNTRY])

    def validate_timezone(self, field) -> None:
        if field.data.strip() not in available_timezones():
            raise ValidationError(_l("Unknown time zone: use a name such as Asia/Seoul."))

    def new_values(self) -> EventValues:
        return self.values(
            self.timezone.data.strip(), self.home_country.data.upper(), (self.key.data or "").strip() or None
        )


class _Timed(CleanForm):
    """A day with a start and an end time, local to the event."""

    day = DateField(_l("Day"), validators=[InputRequired(_l("Enter a date."))])
    start = TimeField(_l("Start"), validators=[InputRequired(_l("Enter a time."))])
    end = TimeField(_l("End"), validators=[InputRequired(_l("Enter a time."))])

    def validate_end(self, field) -> None:
        if self.start.data and field.data and field.data <= self.start.data:
            raise ValidationError(_l("The end must come after the start."))

    def window(self) -> tuple[datetime, datetime]:
        return datetime.combine(self.day.data, self.start.data), datetime.combine(
            self.day.data, self.end.data
        )


class SessionForm(_Timed):
    key = StringField(_l("Id"), validators=[required(), Fits(ConsultationSession.key), KEY])
    title = StringField(_l("Title"), validators=[Fits(ConsultationSession.title)])
    slot_minutes = IntegerField(
        _l("Minutes per meeting"),
        default=30,
        validators=[InputRequired(_l("This field is required.")), NumberRange(5, 480)],
    )
    tables = IntegerField(
        _l("Tables"),
        default=10,
        validators=[InputRequired(_l("This field is required.")), NumberRange(1, 500)],
    )
    countries = CodesField(_l("Countries admitted (empty: all)"), upper=True)
    room = StringField(_l("Hall or room"), validators=[Fits(ConsultationSession.room)])
    submit = SubmitField(_l("Save"))

    def values(self) -> SessionValues:
        start, end = self.window()
        return SessionValues(
            key=self.key.data.strip(),
            title=(self.title.data or "").strip(),
            start=start,
            end=end,
            slot_minutes=self.slot_minutes.data,
            tables=self.tables.data,
            countries=self.countries.values or None,
            room=(self.room.data or "").strip() or None,
        )


class SeminarForm(_Timed):
    key = StringField(_l("Id"), validators=[required(), Fits(Seminar.key), KEY])
    title = StringField(_l("Title"), validators=[Fits(Seminar.title)])
    country = StringField(_l("Partner country (optional)"), validators=[Optional(), COUNTRY])
    room = StringField(_l("Hall or room"), validators=[Fits(Seminar.room)])
    description = TextAreaField(_l("Description"), validators=[Fits(Seminar.description)])
    submit = SubmitField(_l("Save"))

    def values(self) -> SeminarValues:
        start, end = self.window()
        return SeminarValues(
            key=self.key.data.strip(),
            title=(self.title.data or "").strip(),
            start=start,
            end=end,
            country=(self.country.data or "").upper() or None,
            room=(self.room.data or "").strip() or None,
            description=(self.description.data or "").strip() or None,
        )


class InterpreterForm(CleanForm):
    key = StringField(_l("Id"), validators=[required(), Fits(Interpreter.key), KEY])
    name = StringField(_l("Name"), validators=[required(), Fits(Interpreter.name)])
    languages = CodesField(
        _l("Languages"), upper=False, validators=[required(_l("Enter at least one language."))]
    )
    unavailable = TextAreaField(_l("Away (one window a line: 2019-10-30 15:00-18:00)"))
    submit = SubmitField(_l("Save"))

    def validate_unavailable(self, field) -> None:
        for line in (field.data or "").splitlines():
            if line.strip() and not _WINDOW.match(line.strip()):
                raise ValidationError(
                    gettext("'%(line)s' is not a window like 2019-10-30 15:00-18:00.", line=line.strip())
                )

    def values(self) -> InterpreterValues:
        windows = []
        for line in (self.unavailable.data or "").splitlines():
            match = _WINDOW.match(line.strip())
            if match:
                day, start, end = match.groups()
                windows.append(
                    Interval(
                        datetime.fromisoformat(f"{day}T{start.zfill(5)}"),
                        datetime.fromisoformat(f"{day}T{end.zfill(5)}"),
                    )
                )
        return InterpreterValues(
            key=self.key.data.strip(),
            name=self.name.data.strip(),
            languages=self.languages.values,
            unavailable=tuple(windows),
        )


class ImportForm(CleanForm):
    file = FileField(_l("CSV or XLSX file"), validators=[FileRequired(_l("Choose a file."))])
    submit = SubmitField(_l("Import"))


class SolveForm(CleanForm):
    time_limit = IntegerField(
        _l("Time limit (seconds)"),
        validators=[InputRequired(_l("This field is required.")), NumberRange(1, 3600)],
    )
    seed = IntegerField(_l("Seed"), validators=[Optional(), NumberRange(0, 2**31 - 1)])
    submit = SubmitField(_l("Generate schedule"))


class MoveForm(CleanForm):
    session = IntegerField(validators=[InputRequired()])
    start = HiddenField(validators=[InputRequired()])
    table = IntegerField(
        _l("Table"), validators=[InputRequired(_l("This field is required.")), NumberRange(1, 500)]
    )
    interpreter = SelectField(_l("Interpreter"), default="keep", validate_choice=False)

    def validate_start(self, field) -> None:
        try:
            moment = datetime.fromisoformat(field.data)
        except ValueError:
            raise ValidationError(_l("Not a time.")) from None
        if moment.tzinfo is None:
            raise ValidationError(_l("Not a time."))

    def validate_interpreter(self, field) -> None:
        if field.data not in ("", "keep", "none") and not field.data.isdigit():
            raise ValidationError(_l("Unknown interpreter."))

    def placement(self) -> Placement:
        """Where to put the meeting; "keep" (or nothing) keeps its interpreter, "none" drops it."""
        choice = self.interpreter.data
        interpreter = (
            KEEP_INTERPRETER if choice in ("", "keep") else None if choice == "none" else int(choice)
        )
        return Placement(
            self.session.data, datetime.fromisoformat(self.start.data), self.table.data, interpreter
        )


class SwapForm(CleanForm):
    other = IntegerField(
        _l("Meeting to swap with"), validators=[InputRequired(_l("This field is required."))]
    )


class LockForm(CleanForm):
    locked = HiddenField(validators=[DataRequired()])


class ActionForm(CleanForm):
    """A button that posts nothing but its CSRF token (cancel, delete)."""


class StateForm(CleanForm):
    state = SelectField(
        _l("State"),
        choices=[
            SelectChoice(EventState.DRAFT, _l("Draft")),
            SelectChoice(EventState.OPEN, _l("Open for registration")),
            SelectChoice(EventState.PUBLISHED, _l("Published")),
        ],
    )
    submit = SubmitField(_l("Change"))


TEAM_ROLE_CHOICES = [
    SelectChoice(CO_ORGANIZER, _l("co-organizer")),
    SelectChoice(DESK, _l("check-in desk")),
    SelectChoice(OWNER, _l("owner")),
]


class TeamInviteForm(CleanForm):
    """Add someone to the event's team by e-mail, with a role."""

    email = StringField(
        _l("Email"),
        validators=[
            required(_l("Enter an email address.")),
            Fits(Account.email),
            Regexp(r"^[^@\s]+@[^@\s]+$", message=_l("Enter a valid email address.")),
        ],
    )
    role = SelectField(_l("Role"), choices=TEAM_ROLE_CHOICES)


class TeamRoleForm(CleanForm):
    role = SelectField(_l("Role"), choices=TEAM_ROLE_CHOICES)
