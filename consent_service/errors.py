"""Error answers: translated pages for people, RFC 9457 problem+json for the API."""

from __future__ import annotations

import logging
import traceback

from flask import Flask, Response, json, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from .i18n import _

PROBLEM_BASE = "https://consent-service.invalid/problems/"
log = logging.getLogger(__name__)


def wants_problem_json() -> bool:
    """Return True for API paths, whose clients expect JSON."""
    return request.path.startswith("/api/")


def problem(status: int, slug: str, title: str, detail: str | None = None,
            headers: dict | None = None, **extra) -> Response:
    """Build an application/problem+json response."""
    body = {"type": PROBLEM_BASE + slug, "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = Response(json.dumps(body), status=status,
                        mimetype="application/problem+json", headers=headers)
    return response


def _titles() -> dict[int, tuple[str, str]]:
    # Built per call so that each title is translated into the page's language.
    return {
        400: (_("The request could not be understood"),
              _("Something in what was sent is missing or not valid.")),
        401: (_("Sign-in needed"), _("Send a valid API key.")),
        403: (_("Not allowed"), _("You do not have permission to do this.")),
        404: (_("Page not found"),
              _("Check that the address is complete. Links in emails sometimes break over two "
                "lines.")),
        405: (_("Not allowed here"), _("This address does not accept that kind of request.")),
        409: (_("Not possible now"), _("This cannot be done in the current state.")),
        410: (_("No longer available"), _("This link has expired.")),
        413: (_("Too much data"), _("What was sent is larger than this service accepts.")),
        422: (_("Check what you entered"), _("Some of what was sent is not valid.")),
        429: (_("Too many attempts"), _("Please wait a minute, then try again.")),
        500: (_("Something went wrong on our side"),
              _("Nothing you did caused this. Please try again in a few minutes.")),
        503: (_("Service not ready"), _("Please try again in a few minutes.")),
    }


SLUGS = {400: "bad-request", 401: "unauthorized", 403: "forbidden", 404: "not-found",
         405: "method-not-allowed", 409: "conflict", 410: "gone", 413: "too-large",
         422: "invalid", 429: "too-many-requests", 500: "internal", 503: "unavailable"}


def handle_http_error(error: HTTPException):
    """Answer an HTTP error as a page or as problem+json."""
    if error.response is not None:
        return error.response
    code = error.code or 500
    title, default_detail = _titles().get(code, (error.name, error.description))
    # Our own abort() calls pass a translated description; Werkzeug's defaults are English.
    custom = error.description and error.description != type(error).description
    detail = error.description if custom else default_detail
    headers = {}
    if code == 405 and getattr(error, "valid_methods", None):
        headers["Allow"] = ", ".join(error.valid_methods)
    if code == 429:
        headers["Retry-After"] = "60"
    if code == 401:
        headers["WWW-Authenticate"] = "Bearer"
    if wants_problem_json():
        return problem(code, SLUGS.get(code, str(code)), title, detail, headers=headers)
    return render_template("errors/error.html", code=code, title=title, detail=detail), code, \
        headers


def handle_unexpected(error: Exception):
    """Log an unexpected error by type and stack only, and answer 500."""
    # Exception messages can carry SQL parameters or form input (personal data): leave them out.
    stack = "".join(traceback.format_tb(error.__traceback__))
    log.error("unhandled %s on %s %s\n%s", type(error).__name__, request.method,
              request.url_rule.rule if request.url_rule else "?", stack)
    return handle_http_error(InternalServerError())


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
