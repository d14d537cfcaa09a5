"""Pages reached by a signed link: load what the link names, or stop with a page saying why."""

from __future__ import annotations

from flask import abort, current_app, render_template

from . import tokens
from .db import session


def stop(template: str, code: int, **context) -> None:
    """End the request with template rendered, answering code."""
    abort(current_app.make_response((render_template(template, **context), code)))


def load_linked(purpose: str, token: str, model: type, key: str, *, invalid_page: str,
                expired_page: str | None = None):
    """Return the row a link of purpose names (payload[key] is its id) and the payload.

    An expired link stops with expired_page (410) when there is one; any other bad link, or one
    whose row no longer exists, stops with invalid_page (404).
    """
    try:
        payload = tokens.token_service(purpose).loads(token)
    except tokens.TokenExpired:
        stop(expired_page or invalid_page, 410 if expired_page else 404)
    except tokens.TokenError:
        stop(invalid_page, 404)
    row = session().get(model, str(payload.get(key)))
    if row is None:
        stop(invalid_page, 404)
    return row, payload
