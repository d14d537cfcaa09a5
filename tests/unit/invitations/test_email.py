"""The invitation email: the quoted message kept plain, the role explained.

Its snapshots in English and German are checked with every other email's by
tests/unit/outbox/test_emails.py, from EXAMPLES["invitation"] in tests/email_examples.py;
regenerate them with UPDATE_SNAPSHOTS=1 pytest tests/unit/outbox/test_emails.py, then review
the diff.
"""

from __future__ import annotations

from consent_service.outbox.services import render_email
from tests.email_examples import EXAMPLES

EXAMPLE = EXAMPLES["invitation"]


def test_message_is_quoted_as_plain_text_and_the_role_explained(app):
    context = {**EXAMPLE, "role": "guest", "invitee_name": "",
               "message": '<a href="https://evil.example">click</a>\nsecond line'}
    subject, text, html = render_email("invitation", "en", context)
    assert subject == "You are invited to the panels of ReCONNET"
    assert text.startswith("Hello,\n")
    assert '> <a href="https://evil.example">click</a>\n> second line\n' in text
    assert "&lt;a href=&#34;https://evil.example&#34;&gt;click&lt;/a&gt;<br>second line" in html
    assert 'href="https://evil.example"' not in html
    assert "as a guest" in text and "for 90 days" in html
    assert "as a member" not in text


def test_without_a_message_no_quote_is_shown(app):
    _subject, text, html = render_email("invitation", "en", {**EXAMPLE, "message": ""})
    assert "message:" not in text and "<blockquote" not in html
    assert "as a member" in text
