"""Email templates: snapshots per language, and every sentence in translations/messages.pot.

Regenerate the snapshots after changing a template or when translations land:
UPDATE_SNAPSHOTS=1 pytest tests/unit/outbox/test_emails.py, then review the diff.
"""

from __future__ import annotations

import os
from datetime import UTC, datetime

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from consent_service.outbox.services import render_email
from tests.conftest import ROOT

TEMPLATES = ROOT / "consent_service" / "templates" / "email"
SNAPSHOTS = ROOT / "tests" / "snapshots" / "email"
PARTS = ("subject.txt", "body.txt", "body.html")
# German is compiled from its .po as it is now: while translators work on the email's
# sentences its snapshot shows them in English, with German dates and lang="de".
LANGUAGES = ("en", "de")
EXAMPLES = {
    "consent_signing_link": {
        "hospital_name": "Azienda Ospedale – Università Padova",
        "signing_url": "https://consent.example.org/c/eyJyIjoiMTIzIn0.Zm9v.YmFy",
        "expires_at": datetime(2026, 12, 9, 14, 30, tzinfo=UTC),
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
def test_email_matches_its_snapshot(app, kind, language):
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


def test_every_email_has_an_example_and_all_three_parts():
    kinds = sorted(p.name for p in TEMPLATES.iterdir() if p.is_dir())
    assert kinds == sorted(EXAMPLES)
    for kind in kinds:
        assert sorted(p.name for p in (TEMPLATES / kind).iterdir()) == sorted(PARTS)


def test_sentences_of_text_templates_are_in_the_pot():
    # babel.cfg extracts *.html only: each sentence of a .txt part must also be in its
    # body.html (or babel.cfg gain a .txt line) to reach translators.
    with (ROOT / "translations" / "messages.pot").open("rb") as handle:
        in_pot = {m.id for m in read_po(handle) if m.id}
    for path in TEMPLATES.glob("*/*.txt"):
        found = {message for _line, message, _comments, _context in
                 extract_from_file("jinja2", str(path))}
        assert found, f"{path} has no translatable sentence"
        assert found <= in_pot, f"{path}: run `make extract`; missing {found - in_pot}"
