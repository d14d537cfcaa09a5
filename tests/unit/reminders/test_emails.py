"""Reminder emails: snapshots in English and German, like every other email.

Regenerate after changing a template or when translations land:
UPDATE_SNAPSHOTS=1 pytest tests/unit/reminders/test_emails.py, then review the diff.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from consent_service.outbox.services import render_email
from tests.conftest import ROOT

SNAPSHOTS = ROOT / "tests" / "snapshots" / "email"
PARTS = ("subject.txt", "body.txt", "body.html")
LANGUAGES = ("en", "de")
EXAMPLES = {
    "reminder_returned": {
        "days": 3,
        "request_url": "https://consent.example.org/access/r/eyJyZXF1ZXN0IjoiMSJ9.Zm9v.YmFy",
    },
    "reminder_sponsor": {
        "applicant_name": "Anna Bianchi",
        "network_name": "ERN on Rare and Complex Connective Tissue Diseases",
        "sponsor_url": "https://consent.example.org/access/sponsor/eyJyIjoiMSJ9.Zm9v.YmFy",
    },
    "reminder_reviewer": {
        "network_code": "ReCONNET",
        "days": 4,
        "review_url": "https://consent.example.org/staff/requests/0b6f1c3e",
    },
    "reminder_invitation": {
        "name": "Jan Novák",
        "network_name": "ERN on Rare and Complex Connective Tissue Diseases",
        "expires_at": datetime(2026, 12, 9, 14, 30, tzinfo=UTC),
        "accept_url": "https://consent.example.org/invitations/eyJpIjoiMSJ9.Zm9v.YmFy",
    },
}


@pytest.fixture
def app_config(tmp_path):
    """Compile the catalogs from their .po files, so a stale .mo cannot change a snapshot."""
    directory = tmp_path / "translations"
    for language in LANGUAGES[1:]:
        source = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
        target = directory / language / "LC_MESSAGES" / "messages.mo"
        target.parent.mkdir(parents=True)
        with source.open("rb") as po, target.open("wb") as mo:
            write_mo(mo, read_po(po, locale=language))
    return {"BABEL_TRANSLATION_DIRECTORIES": str(directory)}


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", sorted(EXAMPLES))
def test_reminder_email_matches_its_snapshot(app, kind, language):
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


def test_returned_reminder_escapes_nothing_it_should_not_and_keeps_the_link_whole(app):
    subject, text, html = render_email("reminder_returned", "en", EXAMPLES["reminder_returned"])
    assert subject == "Reminder: your access request is waiting for your changes"
    assert EXAMPLES["reminder_returned"]["request_url"] in text
    assert f'href="{EXAMPLES["reminder_returned"]["request_url"]}"' in html


def test_names_are_escaped_in_html_and_kept_in_text(app):
    context = {**EXAMPLES["reminder_sponsor"], "applicant_name": "Ann <b>O'Neil</b>"}
    subject, text, html = render_email("reminder_sponsor", "en", context)
    assert "Ann <b>O'Neil</b> asked" in text
    assert "<b>O" not in html and "&lt;b&gt;O" in html
