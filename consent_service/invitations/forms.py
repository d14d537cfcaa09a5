"""Invitee's form: the one answer an invitation does not hold, the country of work."""

from __future__ import annotations

from babel import Locale
from flask_wtf import FlaskForm
from wtforms import SelectField
from wtforms.validators import InputRequired

from ..directory.countries import EU_EEA
from ..directory.normalise import search_text
from ..i18n import _, _l

OUTSIDE = "outside"  # the one option standing for every country outside the EU/EEA


def country_choices(language: str) -> list[tuple[str, str]]:
    """Return a placeholder, the EU/EEA countries named in language, then 'another country'."""
    names = Locale.parse(language).territories
    # Accents folded, so that Österreich sorts with the O's (close to each language's order).
    countries = sorted(((code, names.get(code, code)) for code in EU_EEA),
                       key=lambda item: search_text(item[1]))
    return [("", _("Choose a country")), *countries,
            (OUTSIDE, _("A country outside the EU and EEA"))]


class CountryForm(FlaskForm):
    """Which country the invitee works in; choices are named in the page's language."""

    country = SelectField(
        _l("Which country do you work in?"),
        validators=[InputRequired(message=_l("Choose the country you work in."))],
        # WTForms ships no catalog for several EU languages: this message is ours.
        invalid_choice_message=_l("Choose one of the options shown."),
    )

    def __init__(self, *args, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = country_choices(language)
