"""Staff mail pages: caught test mail (list and message) and failed emails with Retry."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from flask import current_app
from sqlalchemy import select

from consent_service.audit import AuditEvent
from consent_service.outbox import services
from consent_service.outbox.catcher import SaveToDirectory, default_dir
from consent_service.outbox.models import FAILED, QUEUED, SENT, OutboxMessage
from consent_service.outbox.transport import OutgoingEmail, build_message
from tests.conftest import csrf_token
from tests.unit.review.factories import sign_in, staff_member

CONTEXT = {"hospital_name": "Hôpital Necker", "signing_url": "https://x.example/c/T",
           "expires_at": datetime(2026, 12, 9, 12, 0, tzinfo=UTC)}


def catch(subject: str = "Your consent form", to: str = "patient@example.org",
          text: str = "Open https://x.example/c/T. <b>Thanks</b> & bye\nLine two",
          html: str = "<p>Hello</p>") -> str:
    """Save a message the way the catcher does; return its file name."""
    email = OutgoingEmail(id=str(uuid.uuid4()), to=to, language="fr", subject=subject,
                          text=text, html=html)
    message = build_message(email, sender="noreply@example.org", to=to, domain="example.org")
    path = SaveToDirectory(default_dir(current_app)).save(
        "noreply@example.org", [to], message.as_bytes())
    return path.name


def failed_message(db, *, status: str = FAILED) -> OutboxMessage:
    message = services.queue_email(db, kind="consent_signing_link", to="patient@example.org",
                                   language="fr", context=CONTEXT)
    message.status, message.attempts, message.last_error = status, 12, "RCPT: SMTP 550"
    db.commit()
    return message


@pytest.fixture
def helpdesk(client):
    sign_in(client, staff_member("helpdesk"))
    return client


def test_no_catcher_directory_says_no_caught_mail(helpdesk):
    page = helpdesk.get("/staff/mail/caught")
    assert page.status_code == 200
    assert "No caught mail." in page.text
    assert "Only mail caught on this computer for testing is shown here." in page.text
    assert page.headers["Cache-Control"] == "no-store"


def test_caught_mail_is_listed_newest_first_and_each_message_shows_escaped_text(helpdesk):
    older = catch(subject="Older message")
    newer = catch(subject="Newer message", to="müller@bücher.example")
    page = helpdesk.get("/staff/mail/caught")
    assert page.status_code == 200
    assert page.text.index("Newer message") < page.text.index("Older message")
    assert f'href="/staff/mail/caught/{older}"' in page.text
    assert "müller@bücher.example" in page.text

    detail = helpdesk.get(f"/staff/mail/caught/{newer}")
    assert detail.status_code == 200
    assert "<h1>Newer message</h1>" in detail.text
    assert "noreply@example.org" in detail.text and "müller@bücher.example" in detail.text
    assert "<dd>fr</dd>" in detail.text
    # Only the URL becomes a link (without the full stop after it); the rest stays text.
    assert '<a href="https://x.example/c/T">https://x.example/c/T</a>.' in detail.text
    assert "&lt;b&gt;Thanks&lt;/b&gt; &amp; bye<br>" in detail.text
    assert "<b>Thanks</b>" not in detail.text and "<p>Hello</p>" not in detail.text
    assert "The HTML version is not shown here." in detail.text


def test_a_link_with_markup_in_it_cannot_break_out_of_its_attribute(helpdesk):
    name = catch(text='See https://x.example/"onmouseover=alert(1)// and javascript:alert(1)')
    detail = helpdesk.get(f"/staff/mail/caught/{name}")
    assert '<a href="https://x.example/">https://x.example/</a>&#34;onmouseover' in detail.text
    assert 'href="javascript' not in detail.text


@pytest.mark.parametrize("name", [
    "..%2F..%2Fsecret_keys", "%2E%2E", "..", "20250101T000000000000-abcdef01.eml.part",
    ".20250101T000000000000-abcdef01.eml.part", "20250101T000000000000-ABCDEF01.eml",
    "20250101T000000000000-abcdef01.eml",  # the right shape, but no such file
])
def test_bad_or_unknown_names_are_not_found(helpdesk, name):
    catch()
    assert helpdesk.get(f"/staff/mail/caught/{name}").status_code == 404


def test_failed_emails_are_listed_and_retry_queues_again_with_an_audit_row(db, client):
    member = staff_member("admin")
    sign_in(client, member)
    message = failed_message(db)
    failed_message(db, status=SENT)
    page = client.get("/staff/mail/failed")
    assert page.status_code == 200
    assert page.text.count(">Retry</button>") == 1
    assert "consent_signing_link" in page.text and "RCPT: SMTP 550" in page.text
    assert "<dd>12</dd>" in page.text
    response = client.post(f"/staff/mail/failed/{message.id}/retry",
                           data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 303
    assert response.location == "/staff/mail/failed?retried=1"
    db.expire_all()
    assert message.status == QUEUED and message.attempts == 0
    [event] = db.scalars(select(AuditEvent).where(AuditEvent.action == "outbox.retried"))
    assert (event.subject_type, event.subject_id) == ("outbox_message", message.id)
    assert event.actor == f"staff:{member.id}"
    after = client.get(response.location)
    assert "The email is queued again." in after.text and "No failed emails." in after.text


def test_retrying_a_sent_email_is_refused_with_409_and_no_audit_row(db, helpdesk):
    sent = failed_message(db, status=SENT)
    token = csrf_token(helpdesk.get("/staff/").text)
    response = helpdesk.post(f"/staff/mail/failed/{sent.id}/retry", data={"csrf_token": token})
    assert response.status_code == 409
    assert "Only failed emails can be retried." in response.text
    db.expire_all()
    assert sent.status == SENT
    assert db.scalars(select(AuditEvent).where(AuditEvent.action == "outbox.retried")).all() \
        == []


def test_retrying_an_unknown_email_is_not_found(helpdesk):
    token = csrf_token(helpdesk.get("/staff/").text)
    for message_id in (uuid.uuid4(), "not-an-id"):
        response = helpdesk.post(f"/staff/mail/failed/{message_id}/retry",
                                 data={"csrf_token": token})
        assert response.status_code == 404


def test_retry_without_csrf_token_is_refused(db, helpdesk):
    message = failed_message(db)
    assert helpdesk.post(f"/staff/mail/failed/{message.id}/retry").status_code == 400
    db.expire_all()
    assert message.status == FAILED


def test_anonymous_callers_are_sent_to_sign_in(client):
    for path in ("/staff/mail/caught", "/staff/mail/failed"):
        response = client.get(path)
        assert response.status_code == 302
        assert response.location == f"/staff/login?next={path}"


def test_coordinators_see_caught_mail_but_not_failed_emails(client):
    sign_in(client, staff_member("coordinator"))
    assert client.get("/staff/mail/caught").status_code == 200
    assert client.get("/staff/mail/failed").status_code == 403
