"""The whole journey on a phone 360 px wide, by touch: read, check, sign, receipt, manage."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.browser.helpers import (
    assert_no_horizontal_scroll,
    console_problems,
    label,
    open_all_details,
)

pytestmark = pytest.mark.browser


def test_patient_signs_changes_and_withdraws_on_a_360px_phone(mobile_page, live_server):
    page = mobile_page
    link = live_server.new_request()
    text = link.text
    problems = console_problems(page)

    # The signing link: the key information, then every folded part opened one after another.
    response = page.goto(link.url)
    assert response.status == 200
    assert page.evaluate("() => window.innerWidth") == 360
    assert page.locator("h1").inner_text() == text.title
    assert page.locator("main details > summary").count() == len(text.sections)
    open_all_details(page)
    assert page.locator("main details[open]").count() == len(text.sections)
    assert page.locator(".details-body").first.is_visible()
    assert_no_horizontal_scroll(page)

    # The quiz, answered by touching the labels.
    for question in text.questions:
        label(page, link.option_label(question.key, question.answer)).click()
        checked = page.locator(f'input[name="q_{question.key}"]:checked')
        assert checked.get_attribute("value") == question.answer
    page.get_by_role("button", name="Check my answers").click()
    page.wait_for_url(re.compile(r"/check$"))
    assert page.locator("h1").inner_text() == "Your decision"
    assert_no_horizontal_scroll(page)

    # Sign as the patient: yes to the panel, no to the registries and to research contact.
    label(page, text.choice("care")["yes"]).click()
    label(page, text.choice("registry")["no"]).click()
    label(page, text.choice("research_contact")["no"]).click()
    label(page, text.data["signer"]["patient"]).click()
    assert not page.locator("#child_name").is_visible()
    assert not page.locator("#relationship").is_visible()
    page.get_by_label("Full name of the person signing").fill("Maria Rossi")
    label(page, text.data["signer"]["confirmation"]).click()
    assert page.locator("#confirm").is_checked()
    assert_no_horizontal_scroll(page)
    page.get_by_role("button", name="Send my decision").click()
    page.wait_for_url(re.compile(r"/receipt$"))

    # The receipt.
    consent = live_server.consent_of(link)
    assert consent["decision"] == "given" and consent["signer_role"] == "patient"
    assert consent["choices"] == {"care": True, "registry": False, "research_contact": False}
    assert page.locator("h1").inner_text() == "Thank you. Your consent is recorded."
    assert page.locator("dd.receipt-id").inner_text() == consent["receipt_id"]
    assert_no_horizontal_scroll(page)

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download a PDF copy").click()
    download = download_info.value
    assert download.failure() is None
    assert download.suggested_filename == f"consent-{consent['receipt_id']}.pdf"
    pdf = PdfReader(io.BytesIO(download.path().read_bytes()))
    pdf_text = " ".join(p.extract_text() for p in pdf.pages)
    assert consent["receipt_id"] in pdf_text and "Maria Rossi" in pdf_text

    # The personal manage link: say yes to the registries.
    page.locator(".link-box a").click()
    page.wait_for_url(re.compile(r"/m/[^/]+$"))
    assert page.locator(".status").inner_text() == "Status: your consent is active."
    assert_no_horizontal_scroll(page)
    registry = page.get_by_role("group", name=text.choice("registry")["label"])
    assert registry.get_by_label("No", exact=True).is_checked()
    label(registry, "Yes").click()
    page.get_by_role("button", name="Save my choices").click()
    page.wait_for_url(re.compile(r"\?saved=1$"))
    assert page.get_by_role("status").inner_text() == "Your changes are saved."
    assert text.choice("registry")["yes"] in page.locator(".choices-summary").inner_text()
    assert_no_horizontal_scroll(page)
    consent = live_server.consent_of(link)
    assert consent["choices"] == {"care": True, "registry": True, "research_contact": False}
    assert consent["events"] == ["signed", "changed"]

    # Withdraw, with the one confirmation.
    page.get_by_role("link", name="Withdraw my consent").click()
    page.wait_for_url(re.compile(r"/withdraw$"))
    assert page.locator("h1").inner_text() == "Withdraw your consent?"
    assert live_server.consent_of(link)["withdrawn_at"] is None  # asking is not withdrawing
    assert_no_horizontal_scroll(page)
    page.get_by_role("button", name="Yes, withdraw my consent").click()
    page.wait_for_url(re.compile(r"/m/[^/]+$"))
    assert page.locator(".status").inner_text().startswith("You withdrew your consent on ")
    assert page.get_by_role("button", name="Give consent again").is_visible()
    assert_no_horizontal_scroll(page)
    assert live_server.consent_of(link)["withdrawn_at"] is not None

    # The QR page of the same request fits the phone too.
    page.goto(link.qr_url)
    assert page.locator(".qr svg").bounding_box()["width"] <= 360
    assert_no_horizontal_scroll(page)
    assert problems == []
