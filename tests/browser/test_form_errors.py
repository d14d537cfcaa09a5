"""Errors and hints reach the patient: the error summary leads to each field, hints describe."""

from __future__ import annotations

import re

import pytest

from tests.browser.helpers import pass_quiz, press, submit_decision

pytestmark = pytest.mark.browser


def test_error_summary_follows_the_page_and_each_link_focuses_its_field(
        desktop_page, live_server):
    page = desktop_page
    link = live_server.new_request()
    pass_quiz(page, link)
    submit_decision(page)

    links = page.locator(".error-summary a")
    targets = [href[1:] for href in links.evaluate_all("as => as.map(a => a.getAttribute('href'))")]
    assert targets == ["care-0", "registry-0", "research_contact-0", "signer_role-0",
                       "signer_name", "confirm"]
    in_page_order = page.evaluate("""(ids) => ids.every((id, i) => i === 0 ||
        document.getElementById(ids[i - 1]).compareDocumentPosition(document.getElementById(id))
        & Node.DOCUMENT_POSITION_FOLLOWING)""", targets)
    assert in_page_order, targets
    assert links.first.inner_text() == (
        f"{link.text.choice('care')['label']}: Choose yes or no.")

    for index, target in enumerate(targets):
        links.nth(index).focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(rf"#{target}$"))
        assert page.evaluate("() => document.activeElement.id") == target
        # From the field, Tab goes on through the form, not back to the top of the page.
        info = press(page, "Tab")
        assert info is not None and "error-summary" not in info["describe"]


def test_hints_and_errors_describe_their_fields(desktop_page, live_server):
    from playwright.sync_api import expect

    page = desktop_page
    link = live_server.new_request()
    pass_quiz(page, link)
    for key in ("care", "registry", "research_contact"):
        choice = link.text.choice(key)
        expect(page.get_by_role("group", name=choice["label"])).to_have_accessible_description(
            choice["explanation"])
    expect(page.get_by_role("textbox", name="Full name of the person signing")
           ).to_have_accessible_description("Type your full name, in any alphabet.")

    submit_decision(page)
    care = page.get_by_role("group", name=link.text.choice("care")["label"])
    expect(care).to_have_accessible_description(re.compile(r"Error: Choose yes or no\.$"))
    expect(care).to_have_accessible_description(
        re.compile("^" + re.escape(link.text.choice("care")["explanation"])))
    expect(page.get_by_role("checkbox")).to_have_accessible_description(
        "Error: Tick the box to confirm.")
