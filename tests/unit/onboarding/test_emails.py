"""Applicants' and sponsors' emails: snapshots in English and German, like the outbox's own.

Regenerate after changing a template or when translations land:
UPDATE_SNAPSHOTS=1 pytest tests/unit/onboarding/test_emails.py, then review the diff.
"""

from __future__ import annotations

import os

import pytest

from consent_service.outbox.services import render_email
from tests.unit.outbox.test_emails import (  # noqa: F401  (app_config is a fixture)
    LANGUAGES,
    PARTS,
    SNAPSHOTS,
    app_config,
)

LINK = "https://consent.example.org/join/{}/eyJyZXF1ZXN0IjoiMTIzIn0.Zm9v.YmFy"
EXAMPLES = {
    "access_verify": {"verify_url": LINK.format("verify"), "verifying": True, "hours": 24,
                      "days": 1},
    "access_submitted": {"name": "Zoë Παπαδοπούλου", "network": "ReCONNET",
                         "request_url": LINK.format("r")},
    "access_sponsor_request": {
        "sponsor_name": "Maria Rossi", "applicant_name": "Jonas Berg",
        "hospital": "Privatklinik Berg, Uppsala", "network": "ERKNet",
        "sponsor_url": LINK.format("sponsor")},
}
# The same kind also carries the link back to a request that is past its draft.
VARIANTS = {"access_verify": {"verify_url": LINK.format("r"), "verifying": False, "hours": 720,
                              "days": 30}}


def check_snapshot(kind: str, folder_name: str, language: str, context: dict) -> None:
    rendered = dict(zip(PARTS, render_email(kind, language, context), strict=True))
    folder = SNAPSHOTS / folder_name / language
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        folder.mkdir(parents=True, exist_ok=True)
        for part, text in rendered.items():
            (folder / part).write_text(text, encoding="utf-8")
    for part, text in rendered.items():
        path = folder / part
        assert path.exists(), f"{path} missing: run with UPDATE_SNAPSHOTS=1"
        assert text == path.read_text(encoding="utf-8"), (
            f"{folder_name}/{language}/{part} changed: if intended, run with "
            "UPDATE_SNAPSHOTS=1 and review the diff")


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_email_matches_its_snapshot(app, kind, language):
    check_snapshot(kind, kind, language, EXAMPLES[kind])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", sorted(VARIANTS))
def test_link_back_variant_matches_its_snapshot(app, kind, language):
    # Stored beside the kinds (not inside a kind's folder, which must hold one language each).
    check_snapshot(kind, f"{kind}.link_back", language, VARIANTS[kind])


def test_no_email_leaks_an_unrendered_placeholder(app):
    for kind, context in EXAMPLES.items():
        for part in render_email(kind, "en", context):
            assert "%(" not in part and "{{" not in part, (kind, part)
