"""JSON API: onboarding-token verification for panel services."""

from __future__ import annotations
