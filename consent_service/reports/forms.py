"""The funnel page's filter: network, first and last day (a GET form, so no CSRF token)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import DateField, SelectField
from wtforms.validators import Optional, ValidationError

from ..i18n import _, _l

INVALID_DATE = _l("Enter the date as year-month-day, for example 2025-03-27.")


class FunnelFilterForm(FlaskForm):
    """Which requests to count; the view gives the network choices ("" is every network)."""

    class Meta:
        csrf = False

    network = SelectField(_l("Network"), choices=[], validate_choice=False)
    since = DateField(_l("Requests started from"), validators=[Optional()],
                      invalid_value_message=INVALID_DATE)
    until = DateField(_l("Requests started until"), validators=[Optional()],
                      invalid_value_message=INVALID_DATE)

    def validate_network(self, field):
        if field.data and field.data not in {value for value, _label in field.choices}:
            raise ValidationError(_("No network has the code %(code)s.", code=field.data))

    def validate_until(self, field):
        if field.data and self.since.data and field.data < self.since.data:
            raise ValidationError(_("The last day must not be before the first day."))
