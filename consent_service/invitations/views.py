"""Invitees' page: the accept link of an invitation email."""

from __future__ import annotations

from flask import Blueprint

bp = Blueprint("invitations", __name__, template_folder="templates")
