"""The authoring page: staff only, a verdict with highlighted text, CSRF checked."""

from __future__ import annotations

import pytest

from tests.conftest import csrf_token
from tests.unit.review.factories import sign_in, staff_member

URL = "/authoring/readability"


@pytest.fixture
def client(client):
    """A client signed in as staff: any role may use the page."""
    sign_in(client, staff_member("coordinator"))
    return client


def _post(client, **data):
    page = client.get(URL)
    return client.post(URL, data={"csrf_token": csrf_token(page.text), **data})


def test_the_page_shows_a_form_with_every_language_named_in_itself(client):
    page = client.get(URL)
    assert page.status_code == 200
    assert '<label for="text">' in page.text and '<label for="language">' in page.text
    assert '<option value="de" lang="de">Deutsch</option>' in page.text
    assert '<option value="el" lang="el">Ελληνικά</option>' in page.text
    assert page.text.count("<option ") == 25


def test_a_plain_text_passes(client):
    page = _post(client, text="Your doctor wants advice. You decide.", language="en")
    assert page.status_code == 200
    assert "Passes: this text is easy enough to read." in page.text
    assert "Flesch Reading Ease" in page.text and "at least 60" in page.text


def test_a_hard_text_fails_with_its_hardest_sentence_and_long_words_marked(client):
    text = "We meet. Administrative authorities necessitate comprehensive documentation."
    page = _post(client, text=text, language="en")
    assert "Does not pass: make this text easier to read." in page.text
    assert "<mark>" in page.text
    assert "Hard sentence 1:" in page.text  # said to screen readers, not by colour alone
    assert "<b>Administrative</b>" in page.text
    assert "<b>We</b>" not in page.text
    assert "7 words" in page.text and "2 sentences" in page.text
    assert "Reading time: about 1 minute" in page.text


def test_user_text_is_escaped_in_the_highlight(client):
    text = "<script>alert(1)</script> Administrative <b>documentation</b> is necessary."
    page = _post(client, text=text, language="en")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;" in page.text
    assert "<b>documentation</b>" in page.text  # ours, around escaped text
    assert "&lt;b&gt;" in page.text


def test_a_missing_csrf_token_is_a_400_that_keeps_the_text(client):
    page = client.post(URL, data={"text": "Keep this text.", "language": "en"})
    assert page.status_code == 400
    assert "Keep this text." in page.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "", "language": "en"}, "Paste or type the text to check."),
        ({"text": "   ", "language": "en"}, "The text is empty."),
        ({"text": "12 345.", "language": "en"}, "The text has no words"),
        ({"text": "Go.", "language": "tlh"}, "Choose one of the languages listed."),
        ({"text": "x" * 102_401, "language": "en"}, "The text is too long"),
    ],
)
def test_bad_input_is_explained_next_to_its_field(client, data, message):
    page = _post(client, **data)
    assert page.status_code == 422
    assert message in page.text
    assert 'aria-describedby="' in page.text and 'aria-invalid="true"' in page.text


def test_a_greek_text_is_scored_with_the_fallback(client):
    page = _post(client, text="Ο γιατρός σας ζητά συμβουλή. Εσείς αποφασίζετε.", language="el")
    assert page.status_code == 200
    assert "LIX" in page.text and "Share of long words" in page.text


def test_the_page_is_for_signed_in_staff_only(app):
    anonymous = app.test_client()
    assert anonymous.get(URL).location == "/staff/login?next=/authoring/readability"
    response = anonymous.post(URL, data={"text": "Go.", "language": "en"})
    assert response.status_code == 303 and response.location.startswith("/staff/login?")
