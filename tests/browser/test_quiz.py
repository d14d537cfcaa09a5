"""A wrong quiz answer explains itself in the browser; the right answer then opens signing."""

from __future__ import annotations

import re

import pytest

from tests.browser.helpers import console_problems, label

pytestmark = pytest.mark.browser


def test_wrong_answer_shows_the_passage_then_the_right_answer_opens_signing(
        desktop_page, live_server):
    page = desktop_page
    link = live_server.new_request()
    text = link.text
    problems = console_problems(page)
    page.goto(link.url)
    wrong, *others = text.questions
    wrong_option = next(key for key, _ in wrong.options if key != wrong.answer)
    label(page, link.option_label(wrong.key, wrong_option)).click()
    for question in others:
        label(page, link.option_label(question.key, question.answer)).click()

    with page.expect_response(re.compile(r"/check$")) as checked:
        page.get_by_role("button", name="Check my answers").click()
    assert checked.value.status == 422
    page.wait_for_load_state()

    # The explaining passage appears under the wrong question only; signing stays closed.
    feedback = page.get_by_role("alert")
    assert feedback.inner_text().startswith("One answer is not right yet.")
    passage_section = text.section(wrong.passage)
    passage = page.locator(f"#passage-{wrong.key}")
    assert passage.is_visible()
    assert passage.locator("strong").inner_text() == passage_section["title"]
    first_paragraph = " ".join(passage_section["text"].strip().split("\n\n")[0].split())
    assert first_paragraph in " ".join(passage.inner_text().split())
    assert page.locator(".passage").count() == 1
    wrong_block = page.locator(".question.wrong")
    assert wrong_block.count() == 1 and wrong_block.locator(f"#passage-{wrong.key}").count() == 1
    assert page.locator("form.sign-form").count() == 0
    assert page.locator('form[action$="/sign"]').count() == 0
    assert page.locator("h1").inner_text() == text.title
    # Every answer given is still chosen, the wrong one too, ready to be corrected.
    assert page.locator(f'input[name="q_{wrong.key}"]:checked').get_attribute(
        "value") == wrong_option
    for question in others:
        assert page.locator(f'input[name="q_{question.key}"]:checked').get_attribute(
            "value") == question.answer

    # Correct it: the decision page opens, carrying the answers along.
    label(page, link.option_label(wrong.key, wrong.answer)).click()
    with page.expect_response(re.compile(r"/check$")) as checked:
        page.get_by_role("button", name="Check my answers").click()
    assert checked.value.status == 200
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Your decision"
    assert page.locator("form.sign-form").is_visible()
    assert page.locator(".passage").count() == 0
    for question in text.questions:
        assert page.locator(f'input[type="hidden"][name="q_{question.key}"]').get_attribute(
            "value") == question.answer
    assert live_server.consent_of(link) is None  # nothing is recorded before signing
    assert problems == []
