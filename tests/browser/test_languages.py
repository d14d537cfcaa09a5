"""The whole journey in Greek, Polish and Ukrainian at 360 px, with axe-core on every page."""

from __future__ import annotations

import io
import re

import pytest
from babel.messages.pofile import read_po
from pypdf import PdfReader

from tests.browser.helpers import assert_no_axe_violations, assert_no_horizontal_scroll, label
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

NAMES = {"el": "Ελένη Παπαδοπούλου", "pl": "Małgorzata Wójcik", "uk": "Олена Коваленко"}


def translated(language: str, msgid: str) -> str:
    """Return the UI catalog's translation of msgid, so the test clicks what a reader sees."""
    path = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        message = read_po(handle, locale=language).get(msgid)
    assert message is not None and message.string, f"{language}: no translation of {msgid!r}"
    return message.string


def button(page, language: str, msgid: str):
    return page.get_by_role("button", name=translated(language, msgid), exact=True)


def check_page(page, axe_script, language: str) -> None:
    """Every page: in the language, fits the phone, no accessibility violation."""
    assert page.locator("html").get_attribute("lang") == language
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page, axe_script)


@pytest.mark.parametrize("language", sorted(NAMES))
def test_journey_in_language(new_context, axe_script, live_server, language):
    context = new_context(viewport={"width": 360, "height": 740}, is_mobile=True,
                          has_touch=True, bypass_csp=True, locale=language)
    page = context.new_page()
    link = live_server.new_request(language=language)
    text = link.text
    assert text.language == language

    page.goto(link.url)
    assert page.locator("h1").inner_text() == text.title
    check_page(page, axe_script, language)
    # A wrong answer first: the explaining passage appears, in the form's language.
    first = text.questions[0]
    wrong = next(key for key, _ in first.options if key != first.answer)
    for question in text.questions:
        answer = wrong if question is first else question.answer
        label(page, link.option_label(question.key, answer)).click()
    button(page, language, "Check my answers").click()
    page.wait_for_url(re.compile(r"/check$"))
    passage = page.locator(f"#passage-{first.key}")
    assert passage.is_visible()
    assert text.section(first.passage)["title"] in passage.inner_text()
    check_page(page, axe_script, language)

    label(page, link.option_label(first.key, first.answer)).click()
    button(page, language, "Check my answers").click()
    page.wait_for_url(re.compile(r"/check$"))
    assert page.locator("h1").inner_text() == translated(language, "Your decision")
    check_page(page, axe_script, language)

    label(page, text.choice("care")["yes"]).click()
    label(page, text.choice("registry")["yes"]).click()
    label(page, text.choice("research_contact")["no"]).click()
    label(page, text.data["signer"]["patient"]).click()
    page.locator("#signer_name").fill(NAMES[language])
    label(page, text.data["signer"]["confirmation"]).click()
    button(page, language, "Send my decision").click()
    page.wait_for_url(re.compile(r"/receipt$"))
    check_page(page, axe_script, language)
    consent = live_server.consent_of(link)
    assert consent["signer_name"] == NAMES[language]
    assert consent["choices"] == {"care": True, "registry": True, "research_contact": False}

    with page.expect_download() as download_info:
        page.get_by_role("link", name=translated(language, "Download a PDF copy")).click()
    pdf = PdfReader(io.BytesIO(download_info.value.path().read_bytes()))
    pdf_text = " ".join(p.extract_text() for p in pdf.pages)
    assert NAMES[language] in pdf_text and text.title in pdf_text

    page.locator(".link-box a").click()
    page.wait_for_url(re.compile(r"/m/[^/]+$"))
    check_page(page, axe_script, language)
    page.get_by_role("link", name=translated(language, "Withdraw my consent")).click()
    page.wait_for_url(re.compile(r"/withdraw$"))
    check_page(page, axe_script, language)
    button(page, language, "Yes, withdraw my consent").click()
    page.wait_for_url(re.compile(r"/m/[^/]+$"))
    check_page(page, axe_script, language)
    assert live_server.consent_of(link)["withdrawn_at"] is not None
