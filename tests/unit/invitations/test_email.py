"""The invitation email: snapshots in English and German, the quoted message kept plain.

Regenerate the snapshots after changing a template or when translations land:
UPDATE_SNAPSHOTS=1 pytest tests/unit/invitations/test_email.py, then review the diff.
(The same example belongs in EXAMPLES of tests/unit/outbox/test_emails.py, which compares
every kind; this file keeps the kind tested until it is added there.)
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from consent_service.outbox.services import render_email
from tests.conftest import ROOT

SNAPSHOTS = ROOT / "tests" / "snapshots" / "email" / "invitation"
PARTS = ("subject.txt", "body.txt", "body.html")
LANGUAGES = ("en", "de")
EXAMPLE = {
    "invitee_name": "Anna Müller",
    "network_code": "ReCONNET",
    "network_name": "European Reference Network on rare and complex connective tissue and "
                    "musculoskeletal diseases",
    "role": "member",
    "message": "Dear Anna,\nwe would be glad to have you on our paediatric panel.\n– Marco",
    "accept_url": "https://consent.example.org/join/invitation/eyJpIjoiMTIzIn0.Zm9v.YmFy",
    "expires_at": datetime(2026, 12, 9, 14, 30, tzinfo=UTC),
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
def test_invitation_email_matches_its_snapshot(app, language):
    rendered = dict(zip(PARTS, render_email("invitation", language, EXAMPLE), strict=True))
    folder = SNAPSHOTS / language
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        folder.mkdir(parents=True, exist_ok=True)
        for part, text in rendered.items():
            (folder / part).write_text(text, encoding="utf-8")
    for part, text in rendered.items():
        path = folder / part
        assert path.exists(), f"{path} missing: run with UPDATE_SNAPSHOTS=1"
        assert text == path.read_text(encoding="utf-8"), (
            f"invitation/{language}/{part} changed: if intended, run with UPDATE_SNAPSHOTS=1 "
            "and review the diff")


def test_message_is_quoted_as_plain_text_and_the_role_explained(app):
    context = {**EXAMPLE, "role": "guest", "invitee_name": "",
               "message": '<a href="https://evil.example">click</a>\nsecond line'}
    subject, text, html = render_email("invitation", "en", context)
    assert subject == "You are invited to the panels of ReCONNET"
    assert text.startswith("Hello,\n")
    assert '> <a href="https://evil.example">click</a>\n> second line\n' in text
    assert "&lt;a href=&#34;https://evil.example&#34;&gt;click&lt;/a&gt;<br>second line" in html
    assert 'href="https://evil.example"' not in html
    assert "as a guest" in text and "for 90 days" in html
    assert "as a member" not in text


def test_without_a_message_no_quote_is_shown(app):
    _subject, text, html = render_email("invitation", "en", {**EXAMPLE, "message": ""})
    assert "message:" not in text and "<blockquote" not in html
    assert "as a member" in text
