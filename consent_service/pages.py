"""Pages that belong to no feature: the start page."""

from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)


@bp.get("/")
def index():
    """Explain what this service is and where patients' links come from."""
    return render_template("index.html")
