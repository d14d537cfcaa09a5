"""JSON API: invitations sent on behalf of panel services."""

from __future__ import annotations
