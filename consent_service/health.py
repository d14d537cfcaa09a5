"""Liveness and readiness probes."""

from __future__ import annotations

from flask import Blueprint
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from .db import session
from .errors import problem
from .i18n import _

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """Answer while the process serves requests."""
    return {"status": "ok"}


@bp.get("/readyz")
def readyz():
    """Answer 200 only when the database answers."""
    try:
        session().execute(text("SELECT 1"))
    except SQLAlchemyError:
        return problem(503, "unavailable", _("Database unreachable"))
    return {"status": "ready"}
