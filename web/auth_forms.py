"""Sign-in, password change and password reset forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, PasswordField, SubmitField
from wtforms.validators import DataRequired, Email, EqualTo, Length, ValidationError

from accounts.passwords import MIN_LENGTH, is_common
from models import Account
from web.fields import CleanForm, Fits


def not_common(_form, field) -> None:
    if field.data and is_common(field.data):
        raise ValidationError(_l("This password is one of the most common ones: choose another."))


def new_password_fields(label=None):
    """The password and its confirmation, checked the same way wherever a password is chosen."""
    password = PasswordField(
        label or _l("Password"),
        validators=[
            DataRequired(_l("Enter a password.")),
            Length(
                min=MIN_LENGTH,
                message=_l("The password needs at least %(count)s characters.", count=MIN_LENGTH),
            ),
            not_common,
        ],
    )
    confirm = PasswordField(
        _l("Password again"),
        validators=[
            DataRequired(_l("Enter the password again.")),
            EqualTo("password", _l("The passwords differ.")),
        ],
    )
    return password, confirm


def email_field():
    return EmailField(
        _l("Email"),
        validators=[
            DataRequired(_l("Enter an email address.")),
            Email(_l("Enter a valid email address.")),
            Fits(Account.email),
        ],
    )


class LoginForm(CleanForm):
    email = email_field()
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter a password."))])
    submit = SubmitField(_l("Sign in"))


class ForgotForm(CleanForm):
    email = email_field()
    submit = SubmitField(_l("Send a reset link"))


class ResetForm(CleanForm):
    password, confirm = new_password_fields()
    submit = SubmitField(_l("Set the new password"))


class ChangePasswordForm(CleanForm):
    current = PasswordField(
        _l("Current password"), validators=[DataRequired(_l("Enter your current password."))]
    )
    password, confirm = new_password_fields(_l("New password"))
    submit = SubmitField(_l("Change the password"))
