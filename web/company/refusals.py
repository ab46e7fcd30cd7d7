"""A company's refused edits in its language, and the change it wanted, for a request to the organizer."""

from __future__ import annotations

import json

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, TextAreaField

from models import ChangeRequest
from schedules.errors import Problem, Refused
from web.fields import CleanForm, Fits
from web.i18n import clock, day

PROBLEMS = {
    "breaks_meeting": _l(
        "Your published meeting with %(partner)s on %(when)s at table %(table)s (%(session)s) "
        "needs it as it is."
    ),
    "below_published": _l("You have %(count)s published meetings: the limit cannot be lower now."),
    "change_request_empty": _l("Say what you would like changed."),
    "change_request_long": _l("At most %(limit)s characters."),
    "change_request_bad": _l("This change cannot be sent."),
}

CHANGE_FIELDS = {
    "present": _l("Half-days present"),
    "seminars": _l("Seminars attended"),
    "max_meetings": _l("Most meetings wanted"),
    "languages": _l("Languages spoken"),
    "contact": _l("Contact person"),
    "request": _l("Request"),
    "sectors": _l("What the company does"),
    "interests": _l("Sectors it seeks partners in"),
}


def change_field(name: str) -> str:
    return str(CHANGE_FIELDS.get(name, name))


def problem_text(problem: Problem) -> str:
    values = dict(problem.values)
    if "start" in values:
        values["when"] = (
            f"{day(values['start'], values['zone'])} {clock(values['start'], values['zone'], named=True)}"
        )
    message = PROBLEMS.get(problem.code)
    return str(message) % values if message is not None else problem.code


def show_on_form(form, error: Refused) -> None:
    """Each reason next to its field when the form has it, else above the form."""
    for problem in error.problems:
        text = problem_text(problem)
        field = getattr(form, problem.field, None) if problem.field else None
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, text]
        else:
            form.form_errors.append(text)


class ChangeRequestForm(CleanForm):
    """What the company asks the organizer to change; `change` carries the refused edit as JSON."""

    message = TextAreaField(
        _l("What would you like changed, and why?"), validators=[Fits(ChangeRequest.message)]
    )
    change = HiddenField()

    def wanted(self) -> dict:
        """The refused edit the form carries (an unreadable one counts as none)."""
        try:
            value = json.loads(self.change.data or "{}")
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    @classmethod
    def carrying(cls, change: dict) -> ChangeRequestForm:
        form = cls(formdata=None)
        form.change.data = json.dumps(change, ensure_ascii=False)
        return form
