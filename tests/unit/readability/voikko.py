"""Finnish needs Voikko (libvoikko1, voikko-fi, the libvoikko package): tests that score Finnish
skip on a developer machine without it and fail when the environment variable CI is set, the
same policy as the browser tests (tests/browser/conftest.py)."""

from __future__ import annotations

import os

import pytest

from consent_service.readability import AnalyserUnavailable
from consent_service.readability.baseforms import finnish_base_form_syllables


def voikko_missing() -> str | None:
    """Return why Voikko cannot be used here, or None when it can."""
    try:
        finnish_base_form_syllables()
    except AnalyserUnavailable as error:
        return str(error)
    return None


def require_voikko() -> None:
    """Skip without Voikko on a developer machine; fail without it when CI is set."""
    reason = voikko_missing()
    if reason is None:
        return
    if "CI" in os.environ:
        pytest.fail(f"{reason} (CI is set, so the Finnish tests may not skip)", pytrace=False)
    pytest.skip(reason)
