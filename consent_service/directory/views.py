"""Staff pages of the directory: networks, hospitals, domains and memberships."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("directory", __name__, template_folder="templates")
