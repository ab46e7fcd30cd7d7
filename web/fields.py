"""Form fields shared by the registration, profile and contact forms, and domain refusals shown on them."""

from __future__ import annotations

from wtforms import FieldList, FormField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

from schedules.errors import Refused
from web.messages import problem_text


class CheckboxesField(SelectMultipleField):
    """Several choices shown as checkboxes; an empty submission is an empty list."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


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
