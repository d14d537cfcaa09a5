"""Reviewers' forms: a decision on a request, extending and revoking access; shape only."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectChoice, SelectMultipleField, TextAreaField
from wtforms.validators import InputRequired, Length
from wtforms.widgets import CheckboxInput, ListWidget

from ..i18n import _l
from ..onboarding.labels import FIELD_LABELS, REASON_LABELS
from .decisions import APPROVE, MAX_MESSAGE, MAX_REVOKE_REASON, REJECT, RETURN

DECISION_LABELS = {
    APPROVE: _l("Approve: give access"),
    RETURN: _l("Return for changes: the applicant fixes the marked answers"),
    REJECT: _l("Reject: no access"),
}


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


class CheckboxesField(SelectMultipleField):
    """Several choices, one checkbox each."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class DecisionForm(FlaskForm):
    """Approve, return or reject, with reason codes, fields to fix, and a message."""

    decision = RadioField(
        _l("Your decision"), choices=_choices(DECISION_LABELS),
        validators=[InputRequired(message=_l("Choose approve, return or reject."))])
    reason_codes = CheckboxesField(_l("Reasons"), choices=_choices(REASON_LABELS))
    fields = CheckboxesField(_l("Answers to fix"), choices=_choices(FIELD_LABELS))
    message = TextAreaField(
        _l("Message to the applicant"),
        validators=[Length(max=MAX_MESSAGE, message=_l(
            "Write at most %(max)d characters.", max=MAX_MESSAGE))],
        render_kw={"rows": 6, "cols": 30, "maxlength": MAX_MESSAGE})

    def validate(self, extra_validators=None) -> bool:
        """Check the fields, then what the chosen decision needs."""
        valid = super().validate(extra_validators)
        decision = self.decision.data
        if decision in (RETURN, REJECT):
            if not self.reason_codes.data:
                self.reason_codes.errors = [*self.reason_codes.errors, _l(
                    "Choose at least one reason. The applicant sees it.")]
                valid = False
            if not (self.message.data or "").strip():
                self.message.errors = [*self.message.errors, _l(
                    "Write a message that tells the applicant what to do.")]
                valid = False
        if decision == RETURN and not self.fields.data:
            self.fields.errors = [*self.fields.errors, _l(
                "Mark at least one answer that the applicant must change.")]
            valid = False
        return valid


class ExtendForm(FlaskForm):
    """The Extend button: a POST with a CSRF token."""


class RevokeForm(FlaskForm):
    """Why access ends, and a confirmation that it should."""

    reason = TextAreaField(
        _l("Reason"),
        validators=[InputRequired(message=_l("Write why access ends.")),
                    Length(max=MAX_REVOKE_REASON, message=_l(
                        "Write at most %(max)d characters.", max=MAX_REVOKE_REASON))],
        render_kw={"rows": 3, "cols": 30, "maxlength": MAX_REVOKE_REASON})
    confirm = BooleanField(
        _l("Yes, end this person's access now"),
        validators=[InputRequired(message=_l("Tick the box to confirm."))])
