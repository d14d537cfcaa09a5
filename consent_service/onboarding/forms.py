"""Applicants' and sponsors' forms: shape only; the services decide what the answers mean."""

from __future__ import annotations

import unicodedata

from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, ValidationError

from ..consent.forms import INVALID_CHOICE, PersonName, Radio, clean_name
from ..i18n import _l
from ..review.services import is_email, normalise_email
from .labels import PROFESSION_LABELS, ROLE_LABELS
from .models import CLINICAL_PROFESSIONS, PROFESSIONS, ROLES

MAX_REASON = 2000
OTHER_HOSPITAL = "other"
EMAIL_RENDER = {"autocomplete": "email", "spellcheck": "false", "autocapitalize": "none",
                "inputmode": "email"}


EMAIL_SHAPE = _l("Enter an email address like name@hospital.example.")


def _email_shape(form, field):
    field.data = normalise_email(field.data or "")
    if field.data and not is_email(field.data):
        raise ValidationError(EMAIL_SHAPE)


CONTROL_CHARACTERS = _l("Remove the invisible or control characters.")


def has_control_characters(text: str, allowed: str = "") -> bool:
    """Return True when text holds control or format characters other than allowed ones."""
    return any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") and ch not in allowed
               for ch in text)


def _no_control_characters(form, field):
    if has_control_characters(field.data or "", allowed="\r\n\t\u200c\u200d"):
        raise ValidationError(CONTROL_CHARACTERS)


def _short_text(limit: int):
    def check(form, field):
        if has_control_characters(field.data or "", allowed="\t\u200c\u200d"):
            raise ValidationError(CONTROL_CHARACTERS)
        field.data = clean_name(field.data)
        if len(field.data) > limit:
            raise ValidationError(_l("Use at most %(count)d characters.", count=limit))
    return check


def _professions():
    return [SelectChoice(key, PROFESSION_LABELS[key]) for key in PROFESSIONS]


def _roles():
    return [SelectChoice(key, ROLE_LABELS[key]) for key in ROLES]


class StartForm(FlaskForm):
    """Email address and country of work: what decides everything else."""

    # type="text", not "email": browsers refuse some Unicode addresses that we accept.
    email = StringField(_l("Your work email address"), render_kw=EMAIL_RENDER, validators=[
        InputRequired(message=_l("Enter your email address.")), _email_shape])
    country = SelectField(_l("Country where you work"), validate_choice=False,
                          validators=[InputRequired(message=_l("Choose the country."))])


class ResendForm(FlaskForm):
    """Ask for a new link: by the request in the session, or by address."""

    email = StringField(_l("Your email address"), render_kw=EMAIL_RENDER,
                        validators=[_email_shape])


class AboutForm(FlaskForm):
    """Step 1: who you are."""

    name = StringField(_l("Full name"), validators=[PersonName()],
                       render_kw={"autocomplete": "name"})
    profession = Radio(_l("Profession"), choices=_professions(), validators=[
        InputRequired(message=_l("Choose your profession."))])
    registration_number = StringField(_l("Professional registration number"),
                                      validators=[_short_text(64)],
                                      render_kw={"autocomplete": "off", "spellcheck": "false"})

    def validate_registration_number(self, field):
        if self.profession.data in CLINICAL_PROFESSIONS and not field.data:
            raise ValidationError(_l(
                "Enter your registration number. Doctors, nurses and other clinical staff "
                "need one."))


class WorkplaceForm(FlaskForm):
    """Step 2: the hospital, from the directory, or typed when it is not listed."""

    hospital = Radio(_l("Your hospital"), validate_choice=False, validators=[InputRequired(
        message=_l("Choose your hospital, or choose “My hospital is not listed”."))])
    hospital_other = StringField(_l("Name and city of your hospital"),
                                 validators=[_short_text(200)],
                                 render_kw={"autocomplete": "organization"})

    def validate_hospital_other(self, field):
        if self.hospital.data == OTHER_HOSPITAL and not field.data:
            raise ValidationError(_l("Enter the name and city of your hospital."))


class NetworkForm(FlaskForm):
    """Step 3: the network and the role asked for."""

    network = SelectField(_l("Network"), validate_choice=False, validators=[
        InputRequired(message=_l("Choose a network."))])
    role = Radio(_l("Role"), choices=_roles(), validators=[
        InputRequired(message=_l("Choose member or guest."))])


class WhyForm(FlaskForm):
    """Step 4: why access is needed."""

    reason = TextAreaField(_l("Why do you need access?"), render_kw={
        "rows": "6", "maxlength": str(MAX_REASON)}, validators=[
        InputRequired(message=_l("Tell us why you need access.")), _no_control_characters,
        Length(max=MAX_REASON, message=_l("Use at most %(max)d characters."))])


class ChecksForm(FlaskForm):
    """Step 5: what resolves the pre-checks' findings; only the relevant inputs are shown."""

    become_guest = BooleanField(_l("Ask for guest access, confirmed by a sponsor"))
    sponsor_email = StringField(_l("Your sponsor's work email address"), render_kw=EMAIL_RENDER,
                                validators=[_email_shape])
    sponsor_name = StringField(_l("Your sponsor's full name"), validators=[_short_text(150)],
                               render_kw={"autocomplete": "off"})
    confidentiality = BooleanField(_l(
        "I will keep everything I see about patients confidential. I will not copy, share or "
        "use it for anything other than the panel's work."))


class EditForm(FlaskForm):
    """A returned request: every answer on one page."""

    name = AboutForm.name
    profession = AboutForm.profession
    registration_number = AboutForm.registration_number
    hospital = WorkplaceForm.hospital
    hospital_other = WorkplaceForm.hospital_other
    network = NetworkForm.network
    role = NetworkForm.role
    reason = WhyForm.reason
    sponsor_email = ChecksForm.sponsor_email
    sponsor_name = ChecksForm.sponsor_name
    confidentiality = ChecksForm.confidentiality

    validate_registration_number = AboutForm.validate_registration_number
    validate_hospital_other = WorkplaceForm.validate_hospital_other


class SubmitForm(FlaskForm):
    """The submit button: a POST with a CSRF token."""

    confirm = HiddenField(default="yes")


class SponsorForm(FlaskForm):
    """The sponsor's answer."""

    answer = Radio(_l("Do you confirm this request?"), choices=[
        SelectChoice("yes", _l("Yes, I know this person and confirm the request")),
        SelectChoice("no", _l("No, I do not confirm it"))],
        validators=[InputRequired(message=INVALID_CHOICE)])
