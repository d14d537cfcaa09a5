"""Consent web forms: the comprehension check, the signature and later changes."""

from __future__ import annotations

import unicodedata
from datetime import date

from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, HiddenField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Optional, ValidationError

from ..i18n import _l
from .formfiles import CHOICE_KEYS, SIGNER_ROLES, FormText

MAX_NAME_LENGTH = 150
# WTForms ships no catalog for several EU languages (da, ga, hr, lt, lv, mt, sl): every message
# a patient can see is ours, so it is in our catalogs.
INVALID_CHOICE = _l("Choose one of the options shown.")
CHOOSE_YES_NO = _l("Choose yes or no.")
INVALID_DATE = _l("Enter the date as year-month-day, for example 2015-03-27.")
# Joiners are part of correct spelling in several scripts (Persian, Indic); other format
# characters (bidi overrides, zero-width spaces) only hide what a name really says.
_ALLOWED_FORMAT_CHARS = {"\u200c", "\u200d"}


def clean_name(value: str | None) -> str:
    """Return the name in NFC with outer spaces removed and inner runs collapsed."""
    return " ".join(unicodedata.normalize("NFC", value or "").split())


class PersonName:
    """A typed full name in any script: not empty, not too long, no control characters."""

    def __call__(self, form, field):
        raw = field.data or ""
        for char in raw:
            category = unicodedata.category(char)
            if category in ("Cc", "Zl", "Zp") and char not in " \t" or (
                category == "Cf" and char not in _ALLOWED_FORMAT_CHARS
            ):
                raise ValidationError(_l("Remove the invisible or control characters."))
        field.data = clean_name(raw)
        if not field.data:
            raise ValidationError(_l("Type the full name."))
        if len(field.data) > MAX_NAME_LENGTH:
            raise ValidationError(
                _l("Use at most %(count)d characters.", count=MAX_NAME_LENGTH)
            )
        if not any(unicodedata.category(c).startswith("L") for c in field.data):
            raise ValidationError(_l("A name needs at least one letter."))


def check_short_text(field, missing_message) -> None:
    """Check a short free text such as a relationship: present, visible, at most 100 chars."""
    raw = field.data or ""
    if any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in raw):
        raise ValidationError(_l("Remove the invisible or control characters."))
    field.data = clean_name(raw)
    if not field.data:
        raise ValidationError(missing_message)
    if len(field.data) > 100:
        raise ValidationError(_l("Use at most %(count)d characters.", count=100))


class Radio(RadioField):
    """A radio group whose invalid-choice message is ours, hence translated in every language."""

    def __init__(self, label=None, validators=None, **kwargs):
        kwargs.setdefault("invalid_choice_message", INVALID_CHOICE)
        super().__init__(label, validators, **kwargs)


def _yes_no():
    return [SelectChoice("yes", _l("Yes")), SelectChoice("no", _l("No"))]


def quiz_form(text: FormText, formdata=None) -> FlaskForm:
    """Build the comprehension check for text: one radio group per question, none chosen."""

    class QuizForm(FlaskForm):
        pass

    for question in text.questions:
        setattr(QuizForm, f"q_{question.key}", Radio(
            question.text, choices=[SelectChoice(key, label) for key, label in question.options],
            validators=[InputRequired(message=_l("Choose an answer."))],
        ))
    return QuizForm(formdata=formdata)


class _SignBase(FlaskForm):
    signer_role = Radio(
        _l("Who is signing?"), choices=[SelectChoice(role) for role in SIGNER_ROLES],
        validators=[InputRequired(message=_l("Choose who is signing."))],
    )
    signer_name = StringField(_l("Full name of the person signing"), validators=[PersonName()])
    # No Optional() here: it would stop the inline checks that apply to one role only.
    relationship = StringField(_l("Your relationship to the patient"))
    child_name = StringField(_l("Full name of the child"))
    child_birth_date = DateField(
        _l("Child's date of birth"), validators=[Optional()],
        render_kw={"autocomplete": "off"},
        invalid_value_message=INVALID_DATE,
    )
    confirm = BooleanField(validators=[InputRequired(message=_l("Tick the box to confirm."))])

    def validate_relationship(self, field):
        if self.signer_role.data == "representative":
            check_short_text(field, _l("Say how you are related to the patient."))

    def validate_child_name(self, field):
        if self.signer_role.data == "guardian":
            PersonName()(self, field)

    def validate(self, extra_validators=None):
        """Validate, then require a birth date when a guardian signs."""
        valid = super().validate(extra_validators)
        field = self.child_birth_date
        if self.signer_role.data == "guardian" and field.data is None and not field.errors:
            field.errors = [*field.errors, _l("Enter the child's date of birth.")]
            valid = False
        return valid

    def validate_child_birth_date(self, field):
        if self.signer_role.data != "guardian" or field.data is None:
            return
        today = date.today()
        if field.data > today:
            raise ValidationError(_l("The date of birth cannot be in the future."))
        adult_from = date(field.data.year + 18, field.data.month, min(field.data.day, 28))
        if adult_from <= today:
            raise ValidationError(_l(
                "A parent or guardian signs only for a child under 18. An adult signs "
                "for themselves, or their legal representative signs."))



def sign_form(text: FormText, formdata=None) -> FlaskForm:
    """Build the signature form for text, carrying the checked quiz answers along."""

    class SignForm(_SignBase):
        pass

    for key in CHOICE_KEYS:
        choice = text.choice(key)
        setattr(SignForm, key, Radio(
            choice["label"],
            choices=[SelectChoice("yes", choice["yes"]), SelectChoice("no", choice["no"])],
            validators=[InputRequired(message=CHOOSE_YES_NO)],
        ))
    for question in text.questions:
        setattr(SignForm, f"q_{question.key}", HiddenField())
    form = SignForm(formdata=formdata)
    form.signer_role.choices = [SelectChoice(role, text.data["signer"][role])
                                for role in SIGNER_ROLES]
    form.confirm.label.text = text.data["signer"]["confirmation"]
    return form


class ChoicesForm(FlaskForm):
    """Change the optional choices of a consent."""

    registry = Radio(_l("Databases and registries"), choices=_yes_no(),
                     validators=[InputRequired(message=CHOOSE_YES_NO)])
    research_contact = Radio(_l("Contact about research"), choices=_yes_no(),
                             validators=[InputRequired(message=CHOOSE_YES_NO)])


class ConfirmForm(FlaskForm):
    """A single confirmation, for withdrawal and re-consent."""

    confirm = HiddenField(default="yes")
