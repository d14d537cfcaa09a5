"""Languages: the supported set, the locale selector, and the gettext shortcuts."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from flask import Flask, g, request, session
from flask_babel import (
    Babel,
    get_locale,
    ngettext,  # noqa: F401
)
from flask_babel import gettext as _  # noqa: F401  (re-exported for request code)
from flask_babel import lazy_gettext as _l  # noqa: F401  (re-exported for module level)

from .config import data_dir

# Code → the language's name in itself, in the order of the EU's protocol (by native name).
SUPPORTED_LANGUAGES: dict[str, str] = {
    "bg": "Български",
    "es": "Español",
    "cs": "Čeština",
    "da": "Dansk",
    "de": "Deutsch",
    "et": "Eesti",
    "el": "Ελληνικά",
    "en": "English",
    "fr": "Français",
    "ga": "Gaeilge",
    "hr": "Hrvatski",
    "it": "Italiano",
    "lv": "Latviešu",
    "lt": "Lietuvių",
    "hu": "Magyar",
    "mt": "Malti",
    "nl": "Nederlands",
    "pl": "Polski",
    "pt": "Português",
    "ro": "Română",
    "sk": "Slovenčina",
    "sl": "Slovenščina",
    "fi": "Suomi",
    "sv": "Svenska",
    "uk": "Українська",
}
DEFAULT_LANGUAGE = "en"
RTL_LANGUAGES: frozenset[str] = frozenset()
SESSION_KEY = "lang"
_TAG = re.compile(r"^[A-Za-z]{2,3}([_-][A-Za-z0-9]{1,8})*$")


def normalise_language(value: object) -> str | None:
    """Return the supported code for a tag like 'de-AT' or 'pt_BR', else None."""
    if not isinstance(value, str) or len(value) > 35 or not _TAG.match(value):
        return None
    primary = value.replace("_", "-").split("-", 1)[0].lower()
    return primary if primary in SUPPORTED_LANGUAGES else None


def from_accept_language() -> str | None:
    """Return the browser's most wanted supported language; '*' or nothing known gives None."""
    for value, _quality in request.accept_languages:  # already sorted by quality
        if value == "*":
            return None
        code = normalise_language(value)
        if code:
            return code
    return None


def select_locale() -> str:
    """Pick the page language: explicit choice, saved choice, the request's language, browser."""
    asked = request.args.get("lang")
    if asked is not None:
        explicit = normalise_language(asked)
        if explicit:
            session[SESSION_KEY] = explicit
            return explicit
        # An unknown code shows English with a notice rather than an error page.
        g.unknown_language = True
        return DEFAULT_LANGUAGE
    saved = normalise_language(session.get(SESSION_KEY))
    if saved:
        return saved
    # Views set g.content_language when the page belongs to something with its own language,
    # such as a consent request created for a patient who reads Greek.
    content = normalise_language(g.get("content_language"))
    if content:
        return content
    return from_accept_language() or DEFAULT_LANGUAGE


def current_language() -> str:
    """Return the code of the page's language."""
    return str(get_locale() or DEFAULT_LANGUAGE).split("_")[0]


def text_direction(language: str) -> str:
    """Return 'rtl' or 'ltr' for the language's script."""
    return "rtl" if language in RTL_LANGUAGES else "ltr"


def switch_language_here() -> None:
    """Let the language menu of a page answering a form post reload the same page."""
    g.language_switch_path = request.path


def language_switch_url(code: str) -> str:
    """Return the address of this page in language code (GET pages; forms go back to start)."""
    if request.method == "GET":
        path, args = request.path, {k: v for k, v in request.args.items() if k != "lang"}
    else:
        # A page answering a form post cannot be fetched again: go to where that form began.
        path, args = g.get("language_switch_path", "/"), {}
    return f"{path}?{urlencode({**args, 'lang': code})}"


def page_language() -> dict[str, object]:
    """Give templates the page's language, its direction and the languages on offer."""
    language = current_language()
    return {"page_lang": language, "page_dir": text_direction(language),
            "languages": SUPPORTED_LANGUAGES, "language_switch_url": language_switch_url,
            "unknown_language": g.get("unknown_language", False)}


def init_app(app: Flask) -> None:
    """Wire Flask-Babel with the catalogs in translations/."""
    Babel(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(data_dir("translations")),
    )
    app.context_processor(page_language)
