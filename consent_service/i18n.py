"""Languages: the supported set, the locale selector, and the gettext shortcuts."""

from __future__ import annotations

from flask import Flask, g, request, session
from flask_babel import (
    Babel,
    get_locale,
    ngettext,  # noqa: F401
)
from flask_babel import gettext as _  # noqa: F401  (re-exported for request code)
from flask_babel import lazy_gettext as _l  # noqa: F401  (re-exported for module level)

from .config import data_dir

# Code → the language's name in itself. English is the source language of the UI catalogs.
SUPPORTED_LANGUAGES: dict[str, str] = {
    "en": "English",
}
DEFAULT_LANGUAGE = "en"
RTL_LANGUAGES: frozenset[str] = frozenset()
SESSION_KEY = "lang"


def normalise_language(value: object) -> str | None:
    """Return the supported code for a tag like 'de-AT' or 'pt_BR', else None."""
    if not isinstance(value, str) or not value or len(value) > 35:
        return None
    primary = value.replace("_", "-").split("-", 1)[0].lower()
    return primary if primary in SUPPORTED_LANGUAGES else None


def select_locale() -> str:
    """Pick the page language: explicit choice, saved choice, the request's language, browser."""
    explicit = normalise_language(request.args.get("lang"))
    if explicit:
        session[SESSION_KEY] = explicit
        return explicit
    saved = normalise_language(session.get(SESSION_KEY))
    if saved:
        return saved
    # Views set g.content_language when the page belongs to something with its own language,
    # such as a consent request created for a patient who reads Greek.
    content = normalise_language(g.get("content_language"))
    if content:
        return content
    best = request.accept_languages.best_match(list(SUPPORTED_LANGUAGES))
    return best or DEFAULT_LANGUAGE


def text_direction(language: str) -> str:
    """Return 'rtl' or 'ltr' for the language's script."""
    return "rtl" if language in RTL_LANGUAGES else "ltr"


def page_language() -> dict[str, object]:
    """Give templates the page's language, its direction and the languages on offer."""
    language = str(get_locale() or DEFAULT_LANGUAGE).split("_")[0]
    return {"page_lang": language, "page_dir": text_direction(language),
            "languages": SUPPORTED_LANGUAGES}


def init_app(app: Flask) -> None:
    """Wire Flask-Babel with the catalogs in translations/."""
    Babel(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(data_dir("translations")),
    )
    app.context_processor(page_language)
