"""Staff report pages: the onboarding funnel."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("reports", __name__, template_folder="templates")
