"""axe-core finds no WCAG 2.1 A or AA violation on any page of the patient's journey."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from consent_service.db import utcnow
from tests.browser.helpers import (
    assert_no_axe_violations,
    axe_results,
    heading,
    label,
    open_all_details,
    pass_quiz,
    submit_decision,
)

pytestmark = pytest.mark.browser


# Each page prepares one state of one page, the way a patient reaches it.

def reading(page, live):
    link = live.new_request()
    assert page.goto(link.url).status == 200
    open_all_details(page)
    assert page.locator("main details[open]").count() == len(link.text.sections)


def quiz_wrong(page, live):
    """One answer wrong, one left out, the others right."""
    link = live.new_request()
    page.goto(link.url)
    wrong, missing, *others = link.text.questions
    wrong_option = next(key for key, _ in wrong.options if key != wrong.answer)
    page.check(f'input[name="q_{wrong.key}"][value="{wrong_option}"]')
    for question in others:
        page.check(f'input[name="q_{question.key}"][value="{question.answer}"]')
    page.get_by_role("button", name="Check my answers").click()
    page.wait_for_url(re.compile(r"/check$"))
    assert page.locator(".passage").count() == 2
    assert page.locator(".field-error").count() == 1


def sign(page, live):
    pass_quiz(page, live.new_request())
    open_all_details(page)


def sign_guardian(page, live):
    pass_quiz(page, link := live.new_request())
    label(page, link.text.data["signer"]["guardian"]).click()
    assert page.locator("#child_birth_date").is_visible()


def sign_representative(page, live):
    pass_quiz(page, link := live.new_request())
    label(page, link.text.data["signer"]["representative"]).click()
    assert page.locator("#relationship").is_visible()


def sign_errors(page, live):
    """The decision sent with nothing chosen or typed."""
    pass_quiz(page, live.new_request())
    submit_decision(page)
    assert page.locator(".field-error").count() >= 5


def sign_errors_guardian(page, live):
    """A parent who forgot the child's name and date of birth."""
    pass_quiz(page, link := live.new_request())
    label(page, link.text.data["signer"]["guardian"]).click()
    page.get_by_label("Full name of the person signing").fill("Maria Rossi")
    submit_decision(page)
    assert page.locator("#child_name-error").is_visible()
    assert page.locator("#child_birth_date-error").is_visible()


def receipt(page, live):
    link = live.new_request()
    live.sign_directly(link, registry=True)
    page.goto(link.url + "/receipt")
    assert heading(page) == "Thank you. Your consent is recorded."


def receipt_declined(page, live):
    link = live.new_request()
    live.sign_directly(link, care=False)
    page.goto(link.url + "/receipt")
    assert heading(page) == "Your decision is recorded: you said no"


def qr(page, live):
    link = live.new_request()
    page.goto(link.qr_url)
    assert page.locator(".qr svg").is_visible()


def manage(page, live):
    link = live.new_request()
    page.goto(live.sign_directly(link, research_contact=True))
    assert page.locator(".status-active").is_visible()


def manage_saved(page, live):
    link = live.new_request()
    page.goto(live.sign_directly(link))
    registry = page.get_by_role("group", name=link.text.choice("registry")["label"])
    label(registry, "Yes").click()
    page.get_by_role("button", name="Save my choices").click()
    page.wait_for_url(re.compile(r"saved=1$"))


def manage_declined(page, live):
    link = live.new_request()
    page.goto(live.sign_directly(link, care=False))
    assert page.get_by_role("button", name="I changed my mind: read the form again").is_visible()


def withdraw(page, live):
    link = live.new_request()
    page.goto(live.sign_directly(link) + "/withdraw")
    assert heading(page) == "Withdraw your consent?"


def withdrawn(page, live):
    link = live.new_request()
    page.goto(live.sign_directly(link) + "/withdraw")
    page.get_by_role("button", name="Yes, withdraw my consent").click()
    page.wait_for_url(re.compile(r"/m/[^/]+$"))
    assert page.locator(".status-withdrawn").is_visible()


def expired(page, live):
    link = live.new_request(now=utcnow() - timedelta(days=2), max_age=60)
    assert page.goto(link.url).status == 410
    assert heading(page) == "This link has expired"


def invalid_link(page, live):
    assert page.goto(live.url("/c/garbage")).status == 404
    assert heading(page) == "This link does not work"


def invalid_manage_link(page, live):
    assert page.goto(live.url("/m/garbage")).status == 404
    assert heading(page) == "This link does not work"


def not_found(page, live):
    assert page.goto(live.url("/no-such-page")).status == 404
    assert heading(page) == "Page not found"


def start_page(page, live):
    assert page.goto(live.url("/")).status == 200


PAGES = [reading, quiz_wrong, sign, sign_guardian, sign_representative, sign_errors,
         sign_errors_guardian, receipt, receipt_declined, qr, manage, manage_saved,
         manage_declined, withdraw, withdrawn, expired, invalid_link, invalid_manage_link,
         not_found, start_page]


@pytest.mark.parametrize("reach", PAGES, ids=[reach.__name__ for reach in PAGES])
def test_page_has_no_axe_violations(axe_page, axe_script, live_server, reach):
    reach(axe_page, live_server)
    assert_no_axe_violations(axe_page, axe_script)


def test_axe_reports_a_planted_violation(axe_page, axe_script, live_server):
    """The check above can fail: an unlabelled field and faint text are reported."""
    axe_page.goto(live_server.url("/"))
    axe_page.evaluate("""() => {
        const main = document.querySelector('main');
        main.insertAdjacentHTML('beforeend',
            '<input type="text" name="planted"><p style="color:#ccc">Faint text</p>');
    }""")
    found = {rule["id"] for rule in axe_results(axe_page, axe_script)["violations"]}
    assert {"label", "color-contrast"} <= found
