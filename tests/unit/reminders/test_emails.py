"""Reminder emails: links kept whole, names escaped in HTML only.

Their snapshots in English and German are checked with every other email's by
tests/unit/outbox/test_emails.py, from the examples in tests/email_examples.py; regenerate
them with UPDATE_SNAPSHOTS=1 pytest tests/unit/outbox/test_emails.py, then review the diff.
"""

from __future__ import annotations

from consent_service.outbox.services import render_email
from tests.email_examples import EXAMPLES


def test_returned_reminder_escapes_nothing_it_should_not_and_keeps_the_link_whole(app):
    subject, text, html = render_email("reminder_returned", "en", EXAMPLES["reminder_returned"])
    assert subject == "Reminder: your access request is waiting for your changes"
    assert EXAMPLES["reminder_returned"]["request_url"] in text
    assert f'href="{EXAMPLES["reminder_returned"]["request_url"]}"' in html


def test_names_are_escaped_in_html_and_kept_in_text(app):
    context = {**EXAMPLES["reminder_sponsor"], "applicant_name": "Ann <b>O'Neil</b>"}
    subject, text, html = render_email("reminder_sponsor", "en", context)
    assert "Ann <b>O'Neil</b> asked" in text
    assert "<b>O" not in html and "&lt;b&gt;O" in html
