"""Applicants' and sponsors' emails: no placeholder left unrendered.

Their snapshots in English and German (and the access_verify link back variant) are checked
with every other email's by tests/unit/outbox/test_emails.py, from the examples in
tests/email_examples.py; regenerate them with
UPDATE_SNAPSHOTS=1 pytest tests/unit/outbox/test_emails.py, then review the diff.
"""

from __future__ import annotations

from consent_service.outbox.services import render_email
from tests.email_examples import EXAMPLES

KINDS = ("access_verify", "access_submitted", "access_sponsor_request")


def test_no_email_leaks_an_unrendered_placeholder(app):
    for kind in KINDS:
        for part in render_email(kind, "en", EXAMPLES[kind]):
            assert "%(" not in part and "{{" not in part, (kind, part)
