"""Every onboarding, review and admin page, shown in another language, holds no English sentence.

A sentence left out of gettext, or a lazy string turned into text at import time, shows up here
as English on a German, Polish or Greek page.
"""

from __future__ import annotations

import html
import re

import pytest
from babel.messages.pofile import read_po

from consent_service.onboarding.links import sponsor_url
from tests import onboarding_factories as onboarding
from tests.conftest import ROOT
from tests.functional.journey import path_of
from tests.unit.review.factories import sign_in, staff_member

LANGUAGES = ("de", "pl", "el")
TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)


def english_sentences(language: str) -> set[str]:
    """Return the catalog's sentences (three words or more) whose translation differs."""
    path = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    return {message.id for message in catalog
            if isinstance(message.id, str) and message.string and message.string != message.id
            and "%(" not in message.id and len(message.id.split()) >= 3}


def visible_text(page: str) -> str:
    return " ".join(html.unescape(TAGS.sub(" ", page)).split())


def assert_translated(client, path: str, language: str, sentences: set[str]) -> None:
    joiner = "&" if "?" in path else "?"
    response = client.get(f"{path}{joiner}lang={language}")
    assert response.status_code == 200, (path, response.status_code)
    text = visible_text(response.text)
    left = sorted(sentence for sentence in sentences if " ".join(sentence.split()) in text)
    assert not left, f"{path} in {language} still shows English: {left}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_applicant_pages_are_translated(client, language):
    sentences = english_sentences(language)
    assert_translated(client, "/join", language, sentences)
    onboarding.open_as_applicant(client, onboarding.filled_request())
    for step in ("about", "workplace", "network", "why", "checks", "summary"):
        assert_translated(client, f"/join/step/{step}", language, sentences)
    returned = onboarding.mark_returned(onboarding.submitted_request())
    onboarding.open_as_applicant(client, returned)
    assert_translated(client, "/join/request/edit", language, sentences)
    assert_translated(client, "/join/request/status", language, sentences)
    approved = onboarding.mark_approved(onboarding.submitted_request())
    onboarding.open_as_applicant(client, approved)
    assert_translated(client, "/join/request/status", language, sentences)


@pytest.mark.parametrize("language", LANGUAGES)
def test_sponsor_page_is_translated(client, language):
    guest = onboarding.guest_submitted_request()
    assert_translated(client, path_of(sponsor_url(guest)), language, english_sentences(language))


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_pages_are_translated(client, language):
    sentences = english_sentences(language)
    waiting = onboarding.submitted_request()
    onboarding.mark_approved(onboarding.submitted_request())
    sign_in(client, staff_member("admin"))
    for path in ("/staff/", "/staff/requests", f"/staff/requests/{waiting.id}",
                 "/staff/professionals", "/staff/directory", "/staff/directory/networks/ReCONNET",
                 f"/staff/directory/hospitals/{waiting.hospital_id}",
                 "/staff/directory/hospitals/new", "/staff/reports/funnel",
                 "/staff/admin/staff", "/staff/admin/clients", "/staff/mail/caught"):
        assert_translated(client, path, language, sentences)


def test_the_check_finds_english_where_there_is_english(client):
    """The same check on the English page fails: it can see an untranslated sentence."""
    with pytest.raises(AssertionError, match="still shows English"):
        assert_translated(client, "/join", "en", english_sentences("de"))


def test_a_state_no_is_not_a_consent_answer_no(client):
    """Irish has a different "No" for "not revoked" than for "I do not agree" on the form."""
    onboarding.mark_approved(onboarding.submitted_request())
    sign_in(client, staff_member("admin"))
    page = visible_text(client.get("/staff/professionals?lang=ga").text)
    assert "Níl" in page and "Ní aontaím" not in page
