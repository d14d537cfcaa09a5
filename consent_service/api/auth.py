"""Bearer-key authentication and scope checks for the JSON API."""

from __future__ import annotations

from functools import wraps

from flask import abort, g, request

from ..db import session
from ..i18n import _
from .services import find_client


def require_scope(*scopes: str):
    """Allow the view only to a client holding one of scopes."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            header = request.headers.get("Authorization", "")
            scheme, _sep, key = header.partition(" ")
            client = None
            if scheme.lower() == "bearer" and key.strip() and len(key) < 200:
                client = find_client(session(), key.strip())
            if client is None:
                abort(401, _("Send a valid API key as 'Authorization: Bearer <key>'."))
            if not set(scopes) & set(client.scopes):
                abort(403, _("This API key lacks the scope %(scope)s.", scope=" or ".join(scopes)))
            g.api_client = client
            return view(*args, **kwargs)

        return wrapped

    return decorator
