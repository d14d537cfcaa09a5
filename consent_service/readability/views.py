"""Readability for integrators and authors: `POST /api/v1/readability` and the authoring page."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import NoReturn

from flask import Blueprint, Response, abort, current_app, jsonify, render_template, request

from ..api.auth import require_scope
from ..api.models import SCOPES
from ..errors import problem
from ..i18n import _, _l, current_language
from ..limits import api_client_key, limiter
from ..review.auth import staff_required
from . import preload
from .display import highlight
from .errors import (
    AnalyserUnavailable,
    EmptyText,
    NoSentence,
    ReadabilityError,
    TextTooLong,
    UnsupportedLanguage,
)
from .forms import ReadabilityForm
from .scoring import MAX_TEXT_BYTES, score_text
from .thresholds import language_code, supported_languages

bp = Blueprint("readability", __name__, template_folder="templates")
# Load every dictionary when the app is built, so that each worker does it once at start-up
# and no request waits for it (about 1.5 s, mostly CMUdict).
bp.record_once(lambda state: preload())

# JSON may escape a one-byte character as \uXXXX (6 bytes); a form field a byte as %XX (3).
MAX_JSON_BODY = 6 * MAX_TEXT_BYTES + 4096
MAX_FORM_BODY = 3 * MAX_TEXT_BYTES + 4096
LANGUAGE_TAG = re.compile(r"[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{1,8}){0,4}")  # "de", "pt-BR"

METRIC_NAMES = {
    "flesch_reading_ease": _l("Flesch Reading Ease"),
    "flesch_kincaid_grade": _l("Flesch–Kincaid grade"),
    "amstad": _l("Amstad (Flesch for German)"),
    "wiener_sachtextformel": _l("Wiener Sachtextformel (school grade)"),
    "szigriszt_pazos": _l("Szigriszt-Pazos (INFLESZ)"),
    "gulpease": _l("Gulpease index"),
    "kandel_moles": _l("Kandel–Moles (Flesch for French)"),
    "flesch_douma": _l("Flesch–Douma (Flesch for Dutch)"),
    "flesch_martins": _l("Martins (Flesch for Portuguese)"),
    "lix": _l("LIX"),
    "wiio": _l("Wiio (school grade, for Finnish)"),
    "fog_pl": _l("FOG-PL (years of school)"),
    "mistrik": _l("Mistrík"),
    "smog_cro": _l("SMOG-Cro (years of school)"),
    "average_sentence_length": _l("Average sentence length in words"),
    "long_word_share": _l("Share of long words, in %"),
}


def _bad_request(slug: str, title: str, detail: str, field: str) -> Response:
    return problem(400, slug, title, detail, errors={field: detail})


def _supported() -> str:
    return ", ".join(sorted(supported_languages()))


def _api_input() -> tuple[str, str] | Response:
    """Return (text, language code) from the request, or the problem that stops it."""
    if (request.content_length or 0) > MAX_JSON_BODY:
        return _bad_request(
            "text-too-long",
            _("The text is too long"),
            _("Send at most %(limit)d bytes of text.", limit=MAX_TEXT_BYTES),
            "text",
        )
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        return problem(
            400,
            "malformed-json",
            _("The body is not a JSON object"),
            _("Send a JSON object with 'Content-Type: application/json'."),
        )
    unknown = sorted(set(body) - {"text", "language"})
    if unknown:
        return problem(
            400,
            "invalid-request",
            _("Unknown fields"),
            _("Remove these fields: %(fields)s.", fields=", ".join(unknown)),
            errors={name: _("Unknown field.") for name in unknown},
        )
    language, text = body.get("language"), body.get("text")
    if (
        not isinstance(language, str)
        or not LANGUAGE_TAG.fullmatch(language)
        or language_code(language) not in supported_languages()
    ):
        return _bad_request(
            "unsupported-language",
            _("This language is not supported"),
            _("Send 'language' as one of: %(codes)s.", codes=_supported()),
            "language",
        )
    if not isinstance(text, str):
        return _bad_request(
            "invalid-text",
            _("The text is not a string"),
            _("Send 'text' as a JSON string."),
            "text",
        )
    try:
        size = len(text.encode("utf-8"))
    except UnicodeEncodeError:
        return _bad_request(
            "invalid-text",
            _("The text is not valid Unicode"),
            _("Remove the unpaired surrogate escapes from 'text'."),
            "text",
        )
    if size > MAX_TEXT_BYTES:
        return _bad_request(
            "text-too-long",
            _("The text is too long"),
            _("Send at most %(limit)d bytes of text.", limit=MAX_TEXT_BYTES),
            "text",
        )
    return text, language_code(language)


def _error_message(error: ReadabilityError) -> str:
    """Return why a text cannot be scored, in the page's language."""
    if isinstance(error, EmptyText):
        return _("The text is empty.")
    if isinstance(error, NoSentence):
        return _("The text has no words, so there is no sentence to score.")
    if isinstance(error, TextTooLong):
        return _("The text is too long: the limit is %(limit)d KB.", limit=MAX_TEXT_BYTES // 1024)
    if isinstance(error, UnsupportedLanguage):
        return _("Choose one of the languages listed.")
    return _("This text cannot be scored.")


def _analyser_missing(error: AnalyserUnavailable) -> NoReturn:
    """Answer 503: the server lacks an analyser (Voikko), which the text's author cannot fix."""
    current_app.logger.error("%s", error)
    abort(503)


@bp.post("/api/v1/readability")
@limiter.limit(lambda: current_app.config["RATELIMIT_API"], key_func=api_client_key)
@require_scope(*SCOPES)
def api_readability():
    """Score a text against its language's readability thresholds."""
    request.max_content_length = MAX_JSON_BODY  # the app's 64 KiB is too small for 100 KB
    parsed = _api_input()
    if isinstance(parsed, Response):
        return parsed
    text, language = parsed
    try:
        result = score_text(text, language)
    except AnalyserUnavailable as error:
        _analyser_missing(error)
    except ReadabilityError as error:
        slug = "empty-text" if isinstance(error, EmptyText | NoSentence) else "invalid-text"
        return _bad_request(slug, _("This text cannot be scored"), _error_message(error), "text")
    body = asdict(result)
    body["checks"] = [asdict(check) for check in result.checks]
    body["hardest_sentences"] = list(result.hardest_sentences)
    return jsonify(body)


@bp.route("/authoring/readability", methods=["GET", "POST"])
@staff_required()
def authoring():
    """Let a signed-in staff member check a text before it goes into a form."""
    if request.method == "POST":
        request.max_content_length = MAX_FORM_BODY
    form = ReadabilityForm()
    if not form.is_submitted() and current_language() in supported_languages():
        form.language.data = current_language()  # most authors write in the page's language
    status, result, spans, csrf_expired = 200, None, None, False
    if form.is_submitted():
        if form.validate():
            try:
                result = score_text(form.text.data, form.language.data)
                spans = highlight(form.text.data, result)
            except AnalyserUnavailable as error:
                _analyser_missing(error)
            except ReadabilityError as error:
                form.text.errors.append(_error_message(error))
                status = 422
        else:
            csrf_expired = "csrf_token" in form.errors
            status = 400 if csrf_expired else 422
    return render_template(
        "readability/authoring.html",
        form=form,
        result=result,
        spans=spans,
        csrf_expired=csrf_expired,
        metric_names=METRIC_NAMES,
    ), status
