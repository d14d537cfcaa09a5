"""Absolute links for emails, API answers and the command line."""

from __future__ import annotations

from flask import current_app


def public_url(endpoint: str, **values) -> str:
    """Return PUBLIC_URL joined with the path of endpoint, with or without a request."""
    adapter = current_app.url_map.bind("localhost")
    return current_app.config["PUBLIC_URL"].rstrip("/") + adapter.build(endpoint, values)
