"""The whole journey by keyboard alone, as a parent signing for a child, with visible focus."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.browser.helpers import (
    child_birth_date,
    choose_radio,
    console_problems,
    date_field_order,
    focused,
    press,
    tab_to,
    type_date,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def keyboard_page(new_context):
    context = new_context(viewport={"width": 1024, "height": 768})
    order = date_field_order(context)
    page = context.new_page()
    return page, order


def test_guardian_completes_the_journey_with_the_keyboard_only(keyboard_page, live_server):
    page, date_order = keyboard_page
    link = live_server.new_request()
    text = link.text
    problems = console_problems(page)
    page.goto(link.url)

    # The skip link is the first stop and leads into the main content.
    info = press(page, "Tab", "a.skip-link")
    assert info["matches"], info
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"

    # Folded topics open with Enter and with Space.
    tab_to(page, "#section-why > summary")
    press(page, "Enter")
    tab_to(page, "main details:not([open]) > summary")
    press(page, "Space")
    assert page.locator("main details[open]").count() == 2

    # The quiz, with Space and the arrow keys inside each radio group.
    for question in text.questions:
        choose_radio(page, f"q_{question.key}", question.answer)
    tab_to(page, 'button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/check$"))
    assert page.locator("h1").inner_text() == "Your decision"

    # The decision, signed by a parent: the child's fields appear once that role is chosen.
    choose_radio(page, "care", "yes")
    choose_radio(page, "registry", "no")
    choose_radio(page, "research_contact", "yes")
    assert page.locator("#child_name").is_hidden()
    assert page.locator("#child_birth_date").is_hidden()
    choose_radio(page, "signer_role", "guardian")
    assert page.locator("#child_name").is_visible()
    assert page.locator("#child_birth_date").is_visible()
    assert page.locator("#relationship").is_hidden()
    tab_to(page, "#signer_name")
    page.keyboard.type("Maria Rossi")
    tab_to(page, "#child_name")
    page.keyboard.type("Luca Rossi")
    tab_to(page, "#child_birth_date")
    birth_date = child_birth_date()
    type_date(page, birth_date, date_order)
    assert page.input_value("#child_birth_date") == birth_date.isoformat()
    tab_to(page, "#confirm")
    press(page, "Space")
    assert page.locator("#confirm").is_checked()
    # Back with Shift+Tab through the child's fields, which are in the tab order now.
    tab_to(page, "#child_name", backwards=True)
    assert page.input_value("#child_name") == "Luca Rossi"
    tab_to(page, 'button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/receipt$"))

    consent = live_server.consent_of(link)
    assert consent["signer_role"] == "guardian" and consent["signer_name"] == "Maria Rossi"
    assert consent["child_name"] == "Luca Rossi" and consent["child_birth_date"] == birth_date
    assert consent["choices"] == {"care": True, "registry": False, "research_contact": True}
    assert page.locator("dd.receipt-id").inner_text() == consent["receipt_id"]

    # The PDF copy, then back with Shift+Tab to the personal link.
    tab_to(page, "a[download]")
    with page.expect_download() as download_info:
        page.keyboard.press("Enter")
    download = download_info.value
    assert download.suggested_filename == f"consent-{consent['receipt_id']}.pdf"
    pdf_text = " ".join(p.extract_text() for p in
                        PdfReader(io.BytesIO(download.path().read_bytes())).pages)
    assert "Luca Rossi" in pdf_text and consent["receipt_id"] in pdf_text
    tab_to(page, ".link-box a", backwards=True)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/m/[^/?]+$"))

    # Manage: the registry choice moves from no to yes with the arrow keys.
    choose_radio(page, "registry", "yes")
    tab_to(page, 'button[type="submit"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"\?saved=1$"))
    assert page.get_by_role("status").inner_text() == "Your changes are saved."
    consent = live_server.consent_of(link)
    assert consent["choices"] == {"care": True, "registry": True, "research_contact": True}

    # Withdraw: past "No, go back" and back with Shift+Tab to the confirmation.
    tab_to(page, 'a[href$="/withdraw"]')
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/withdraw$"))
    tab_to(page, "a.button-secondary")
    info = tab_to(page, "button.button-danger", backwards=True)
    assert "Yes, withdraw my consent" in info["describe"]
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/m/[^/?]+$"))
    assert page.locator(".status").inner_text().startswith("You withdrew your consent on ")
    assert live_server.consent_of(link)["withdrawn_at"] is not None
    assert focused(page) is None  # a fresh page: nothing focused until the next Tab
    assert problems == []
