"""Form fields shared by the registration, profile and contact forms, and domain refusals shown on them."""

from __future__ import annotations

from flask_wtf import FlaskForm
from sqlalchemy.orm import InstrumentedAttribute
from wtforms import FieldList, FormField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice, SelectFieldBase
from wtforms.validators import StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from schedules.cleaning import column_flaw, text_flaw, website_flaw
from schedules.errors import Refused
from web.messages import flaw_text, problem_text


class CheckboxesField(SelectMultipleField):
    """Several choices shown as checkboxes; an empty submission is an empty list."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class CleanText:
    """Refuses control characters (and, but in a text area, line breaks) in a text or a choice's values:
    added to every such field of a `Cleaned` form, first, so its reason is the one shown."""

    def __init__(self, multi_line: bool):
        self.multi_line = multi_line

    def __call__(self, form, field) -> None:
        values = field.data if isinstance(field.data, list | tuple) else [field.data]
        for value in values:
            flaw = text_flaw(value, multi_line=self.multi_line) if isinstance(value, str) else None
            if flaw is not None:
                raise StopValidation(flaw_text(flaw))


class Fits:
    """The value fits the model column it is stored in (its `String(n)`): the limit is the column's."""

    def __init__(self, column: InstrumentedAttribute):
        self.column = column

    def __call__(self, form, field) -> None:
        flaw = column_flaw(field.data, self.column, multi_line=True)
        if flaw is not None:
            raise ValidationError(flaw_text(flaw))


class Website:
    """An http or https address that fits `Company.website` (no `javascript:` or `data:`); silent when an
    earlier validator already refused the address, so one reason shows."""

    def __call__(self, form, field) -> None:
        flaw = None if field.errors else website_flaw(field.data)
        if flaw is not None:
            raise ValidationError(flaw_text(flaw))


class Cleaned:
    """Mixed into every form: each text field and each free choice is checked by `CleanText` before its
    own validators, so a form cannot forget the cleaning (see `schedules.cleaning`)."""

    class Meta:
        def bind_field(self, form, unbound_field, options):
            field = super().bind_field(form, unbound_field, options)
            if isinstance(field, StringField | SelectFieldBase):
                field.validators = [CleanText(isinstance(field, TextAreaField)), *field.validators]
            return field


class CleanForm(Cleaned, FlaskForm):
    """A `FlaskForm` (CSRF included) whose text is cleaned: the base of every form posted to the app."""


def _fields(form):
    for field in form:
        if isinstance(field, FieldList):
            for entry in field:
                yield from _fields(entry.form) if isinstance(entry, FormField) else (entry,)
        else:
            yield field


def attach_error(form, error: Refused) -> None:
    """Show each reason of a refusal next to its field, in the user's language (above the form if none fits)."""
    fields = list(_fields(form))
    for problem in error.problems:
        message = problem_text(problem)
        exact = [f for f in fields if f.name == problem.field]
        suffixed = [f for f in fields if problem.field and f.name.endswith(f"-{problem.field}")][:1]
        for field in exact or suffixed:
            field.errors = [*field.errors, message]
            break
        else:
            form.form_errors.append(message)


def status(form) -> int:
    """422 when any field (nested ones too) or the form itself shows an error, else 200."""
    return 422 if form.form_errors or any(field.errors for field in _fields(form)) else 200


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as the choices WTForms wants."""
    return [SelectChoice(value, label) for value, label in pairs]
