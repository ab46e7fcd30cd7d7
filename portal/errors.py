"""Refusals the web shows next to a form field, and 'not yours or not there'."""

from __future__ import annotations


class FieldError(ValueError):
    """An operation was refused; `field` names the form field at fault.

    `message` is an English catalog message id with `%(name)s` placeholders
    filled from `params`, so the web shows it in the user's language.
    """

    def __init__(self, field: str, message: str, **params):
        super().__init__(message % params if params else message)
        self.field = field
        self.message = message
        self.params = params


class NotFound(LookupError):
    """No such record for this company: it does not exist or belongs to someone else (both give 404)."""
