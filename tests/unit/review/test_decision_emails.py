"""Decision emails: a member's approval has no end date.

Their snapshots in English and German are checked with every other email's by
tests/unit/outbox/test_emails.py, from the examples in tests/email_examples.py; regenerate
them with UPDATE_SNAPSHOTS=1 pytest tests/unit/outbox/test_emails.py, then review the diff.
"""

from __future__ import annotations

from consent_service.outbox.services import render_email
from tests.email_examples import EXAMPLES


def test_a_member_approval_has_no_end_date(app):
    _subject, text, _html = render_email(
        "access_approved", "en", {**EXAMPLES["access_approved"], "role": "member",
                                  "expires_at": None, "message": ""})
    assert "You are a member of the network's panels." in text
    assert "ends on" not in text and "message" not in text
