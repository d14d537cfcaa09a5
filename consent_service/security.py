"""Response headers that keep signing links and pages safe in browsers."""

from __future__ import annotations

from flask import Flask, request

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'")


# Pages with a token in the address or personal data in them: never stored by any cache (error
# pages included: this hook also runs for them).
PRIVATE_PATHS = ("/c/", "/m/", "/api/", "/join", "/staff/", "/authoring/")


def add_headers(response):
    """Set CSP and friends; never let a page with a token in its address be cached or leaked."""
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    # Signing and manage links carry their token in the path: no Referer may repeat it.
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if request.path.startswith(PRIVATE_PATHS):
        response.headers["Cache-Control"] = "no-store"
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def init_app(app: Flask) -> None:
    """Register the header hook."""
    app.after_request(add_headers)
