"""Email templates: snapshots of every kind per language, and every sentence in the pot.

Each kind's example context is in tests/email_examples.py (EXAMPLES, plus VARIANTS for a
second context of a kind); the feature modules test their emails' behaviour from the same data.
Regenerate the snapshots after changing a template, an example or when translations land:
UPDATE_SNAPSHOTS=1 pytest tests/unit/outbox/test_emails.py, then review the diff.
"""

from __future__ import annotations

import os

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from consent_service.outbox.services import render_email
from tests.conftest import ROOT
from tests.email_examples import EXAMPLES, VARIANTS

TEMPLATES = ROOT / "consent_service" / "templates" / "email"
SNAPSHOTS = ROOT / "tests" / "snapshots" / "email"
PARTS = ("subject.txt", "body.txt", "body.html")
# German is compiled from its .po as it is now: while translators work on the email's
# sentences its snapshot shows them in English, with German dates and lang="de".
LANGUAGES = ("en", "de")


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


def check_snapshot(kind: str, folder_name: str, language: str, context: dict) -> None:
    """Compare kind rendered in language with SNAPSHOTS/folder_name/language/ (or write it)."""
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
@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_variant_matches_its_snapshot(app, name, language):
    # Stored beside the kinds (not inside a kind's folder, which must hold one language each).
    check_snapshot(name.partition(".")[0], name, language, VARIANTS[name])


def test_every_email_has_an_example_and_all_three_parts():
    # Only templates: the snapshots also hold <kind>.<variant> for VARIANTS.
    kinds = sorted(p.name for p in TEMPLATES.iterdir() if p.is_dir())
    assert kinds == sorted(EXAMPLES)
    assert {name.partition(".")[0] for name in VARIANTS} <= set(EXAMPLES)
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
