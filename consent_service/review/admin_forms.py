"""Administrators' forms: a new staff account, a new API client, and action buttons; shape only.

Whether an email address is taken is the service's question (it needs the database).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

from flask_wtf import FlaskForm
from wtforms import SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, InputRequired, ValidationError

from ..api.models import SCOPES
from ..api.services import MAX_NAME as MAX_CLIENT_NAME
from ..i18n import _l
from .decision_forms import CheckboxesField
from .forms import _email_shape
from .models import ROLES

MAX_STAFF_NAME = 150  # staff_members.name
# The scope's code stays as it is in every language: it is what integrators configure.
SCOPE_LABELS = {
    "consent:request": _l("%(scope)s: ask patients for consent and follow the request",
                          scope="consent:request"),
    "consent:verify": _l("%(scope)s: check consent tokens and read consents",
                         scope="consent:verify"),
    "onboarding:verify": _l("%(scope)s: check the access tokens of professionals",
                            scope="onboarding:verify"),
    "panel:invite": _l("%(scope)s: invite people to a panel by email", scope="panel:invite"),
}


def _clean(value: str | None) -> str:
    """Trim, collapse inner spaces and NFC-normalise, as the services store names."""
    return " ".join(unicodedata.normalize("NFC", value).split()) if isinstance(value, str) \
        else ""


def _plain_name(limit: int):
    def check(form, field) -> None:
        if any(unicodedata.category(char).startswith("C") for char in field.data):
            raise ValidationError(_l("Remove the line breaks and other control characters."))
        if len(field.data) > limit:
            raise ValidationError(_l("Write at most %(limit)d characters.", limit=limit))
    return check


def _at_least_one(form, field) -> None:
    # Not InputRequired: it would mark every checkbox as required.
    if not field.data:
        raise ValidationError(_l("Choose at least one."))


class StaffForm(FlaskForm):
    """A new staff account: the server makes the password; staff_form() fills the choices."""

    # type="text", not "email": browsers refuse some Unicode addresses that we accept.
    email = StringField(
        _l("Email address"), filters=[lambda value: value.strip() if value else value],
        validators=[InputRequired(message=_l("Enter the email address.")), _email_shape],
        render_kw={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "none",
                   "inputmode": "email", "maxlength": "254"})
    name = StringField(
        _l("Name"), filters=[_clean],
        validators=[DataRequired(message=_l("Enter the name.")), _plain_name(MAX_STAFF_NAME)],
        render_kw={"autocomplete": "off", "maxlength": str(MAX_STAFF_NAME)})
    role = SelectField(_l("Role"), validators=[DataRequired(message=_l("Choose a role."))],
                       invalid_choice_message=_l("Choose a role from the list."))
    network = SelectField(_l("Network"),
                          invalid_choice_message=_l("Choose a network from the list."))

    def validate(self, extra_validators=None) -> bool:
        """Check the fields, then that only a coordinator, and every coordinator, has a network."""
        valid = super().validate(extra_validators)
        if self.role.errors or self.network.errors:
            return valid
        if self.role.data == "coordinator" and not self.network.data:
            self.network.errors = [_l("Choose the network of this coordinator.")]
            return False
        if self.role.data != "coordinator" and self.network.data:
            self.network.errors = [_l("Only coordinators have a network. Choose no network.")]
            return False
        return valid


def staff_form(network_codes: Iterable[str], role_labels: Mapping[str, str],
               **kwargs) -> StaffForm:
    """Build the form with the roles and the directory's networks as choices."""
    form = StaffForm(**kwargs)
    form.role.choices = [SelectChoice("", _l("Choose a role")),
                         *(SelectChoice(role, role_labels[role]) for role in ROLES)]
    form.network.choices = [SelectChoice("", _l("No network")),
                            *(SelectChoice(code, code) for code in network_codes)]
    return form


class ClientForm(FlaskForm):
    """A new API client: a name and its scopes."""

    name = StringField(
        _l("Name of the panel system"), filters=[_clean],
        validators=[DataRequired(message=_l("Enter the name.")), _plain_name(MAX_CLIENT_NAME)],
        render_kw={"autocomplete": "off", "maxlength": str(MAX_CLIENT_NAME)})
    scopes = CheckboxesField(
        _l("What it may do"), choices=[SelectChoice(scope, SCOPE_LABELS[scope])
                                       for scope in SCOPES],
        validators=[_at_least_one], invalid_choice_message=_l("Choose only from the list."))


class ActionForm(FlaskForm):
    """An action button (disable, unlock, reset, revoke): a POST with a CSRF token."""
