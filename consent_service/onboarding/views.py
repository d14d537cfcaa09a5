"""Applicants' pages: email first, the wizard, pre-checks, summary, status; sponsors' page."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("onboarding", __name__, template_folder="templates")
