"""The authoring page's form: a text and its language; shape only, scoring is the view's."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import InputRequired, ValidationError

from ..i18n import SUPPORTED_LANGUAGES, _l
from .scoring import MAX_TEXT_BYTES
from .thresholds import supported_languages


def language_choices() -> list[tuple[str, str]]:
    """Return (code, the language's name in itself) for every scored language."""
    scored = supported_languages()
    return [(code, name) for code, name in SUPPORTED_LANGUAGES.items() if code in scored]


class TextSize:
    """Refuse a text over MAX_TEXT_BYTES of UTF-8."""

    def __call__(self, form, field):
        if len((field.data or "").encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
            raise ValidationError(
                _l("The text is too long: the limit is %(limit)d KB.", limit=MAX_TEXT_BYTES // 1024)
            )


class ReadabilityForm(FlaskForm):
    """Paste a text, pick its language, get its readability verdict."""

    text = TextAreaField(
        _l("Text to check"),
        validators=[InputRequired(message=_l("Paste or type the text to check.")), TextSize()],
        render_kw={"rows": 14, "spellcheck": "true"},
    )
    language = SelectField(
        _l("Language of the text"),
        choices=language_choices,
        default="en",
        invalid_choice_message=_l("Choose one of the languages listed."),
    )
