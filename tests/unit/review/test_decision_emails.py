"""Decision emails: snapshots in English and German, like every email (tests/unit/outbox).

Regenerate after changing a template or when translations land:
UPDATE_SNAPSHOTS=1 pytest tests/unit/review/test_decision_emails.py, then review the diff.
The examples belong in tests/unit/outbox/test_emails.py's EXAMPLES; until the lead moves them
there, this module checks them.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest

from consent_service.onboarding.labels import FIELD_LABELS, REASON_LABELS
from consent_service.outbox.services import render_email
from tests.unit.outbox.test_emails import (  # noqa: F401  (app_config is a fixture)
    LANGUAGES,
    PARTS,
    SNAPSHOTS,
    app_config,
)

LINK = "https://consent.example.org/join/r/eyJyZXF1ZXN0IjoiMTIzIn0.Zm9v.YmFy"
MESSAGE = "Your registration number has a letter missing.\nPlease check it & send it again."
EXAMPLES = {
    "access_returned": {
        "name": "Giulia Bianchi", "network": "ReCONNET", "role": "member",
        "reasons": [REASON_LABELS["registration_number"], REASON_LABELS["other"]],
        "fields": [FIELD_LABELS["registration_number"]], "message": MESSAGE,
        "request_url": LINK, "expires_at": None,
    },
    "access_rejected": {
        "name": "Giulia Bianchi", "network": "ReCONNET", "role": "member",
        "reasons": [REASON_LABELS["country_not_eligible"]], "fields": [],
        "message": "Your hospital is in Switzerland, which the networks do not cover.",
        "request_url": LINK, "expires_at": None,
    },
    "access_approved": {
        "name": "Giulia Bianchi", "network": "ReCONNET", "role": "guest", "reasons": [],
        "fields": [], "message": "Welcome! Your sponsor is Dr Verdi.", "request_url": LINK,
        "expires_at": datetime(2026, 5, 31, 9, 0, tzinfo=UTC),
    },
}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_decision_email_matches_its_snapshot(app, kind, language):
    rendered = dict(zip(PARTS, render_email(kind, language, EXAMPLES[kind]), strict=True))
    folder = SNAPSHOTS / kind / language
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        folder.mkdir(parents=True, exist_ok=True)
        for part, text in rendered.items():
            (folder / part).write_text(text, encoding="utf-8")
    for part, text in rendered.items():
        path = folder / part
        assert path.exists(), f"{path} missing: run with UPDATE_SNAPSHOTS=1"
        assert text == path.read_text(encoding="utf-8"), (
            f"{kind}/{language}/{part} changed: if intended, run with UPDATE_SNAPSHOTS=1 "
            "and review the diff")


def test_a_member_approval_has_no_end_date(app):
    _subject, text, _html = render_email(
        "access_approved", "en", {**EXAMPLES["access_approved"], "role": "member",
                                  "expires_at": None, "message": ""})
    assert "You are a member of the network's panels." in text
    assert "ends on" not in text and "message" not in text
