"""Staff sign-in forms: shape only; the services decide whether the credentials are right."""

from __future__ import annotations

import re

from flask_wtf import FlaskForm
from wtforms import HiddenField, PasswordField, StringField
from wtforms.validators import InputRequired, ValidationError

from ..i18n import _l
from .services import is_email, normalise_email

_CODE = re.compile(r"[0-9]{6}")


def _email_shape(form, field):
    if not is_email(normalise_email(field.data or "")):
        raise ValidationError(_l("Enter an email address like name@example.org."))


def _code_shape(form, field):
    field.data = "".join((field.data or "").split())  # apps show "123 456"
    if not _CODE.fullmatch(field.data):
        raise ValidationError(_l("Enter the 6 digits that your authenticator app shows."))


class LoginForm(FlaskForm):
    """Email address and password."""

    # type="text", not "email": browsers refuse some Unicode addresses that we accept.
    email = StringField(
        _l("Email address"),
        validators=[InputRequired(message=_l("Enter your email address.")), _email_shape],
        render_kw={"autocomplete": "username", "spellcheck": "false",
                   "autocapitalize": "none", "inputmode": "email"},
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(message=_l("Enter your password."))],
        render_kw={"autocomplete": "current-password"},
    )
    next = HiddenField()


class CodeForm(FlaskForm):
    """A 6-digit TOTP code, at sign-in or to confirm set-up."""

    code = StringField(
        _l("Code from your authenticator app"),
        validators=[InputRequired(message=_l("Enter the code.")), _code_shape],
        render_kw={"autocomplete": "one-time-code", "inputmode": "numeric",
                   "spellcheck": "false", "maxlength": "12"},
    )


class SignOutForm(FlaskForm):
    """The sign-out button: a POST with a CSRF token, so no other site can sign staff out."""
