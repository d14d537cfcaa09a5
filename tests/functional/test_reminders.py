"""`flask reminders run` over the real clock, and the links its emails carry."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlsplit

from sqlalchemy import select

from consent_service.db import session, utcnow
from consent_service.onboarding.models import RETURNED, SUBMITTED
from consent_service.outbox.models import OutboxMessage
from tests.unit.reminders.factories import access_request, event, invitation
from tests.unit.review.factories import sign_in, staff_member


def link_in(message: OutboxMessage) -> str:
    return next(word for word in message.body_text.split() if word.startswith("http"))


def test_the_command_prints_counts_and_sends_nothing_twice(runner):
    now = utcnow()
    staff_member("helpdesk")
    returned = access_request(RETURNED, submissions=1, created_at=now - timedelta(days=6))
    event(returned, "returned", now - timedelta(days=4))
    access_request(SUBMITTED, submissions=1, waiting_since=now - timedelta(days=5))
    invitation(created_at=now - timedelta(days=6))
    first = runner.invoke(args=["reminders", "run"])
    assert first.exit_code == 0, first.output
    assert first.output.strip() == (
        "reminders: returned 1, sponsor 0, reviewer 1, invitation 1 (total 3)")
    again = runner.invoke(args=["reminders", "run"])
    assert again.output.strip() == (
        "reminders: returned 0, sponsor 0, reviewer 0, invitation 0 (total 0)")


def test_reminder_links_open_the_request_and_the_staff_pages(client, runner):
    now = utcnow()
    member = staff_member("helpdesk")
    returned = access_request(RETURNED, submissions=1, created_at=now - timedelta(days=6))
    event(returned, "returned", now - timedelta(days=4))
    waiting = access_request(SUBMITTED, submissions=1, waiting_since=now - timedelta(days=5))
    runner.invoke(args=["reminders", "run"])
    messages = {m.kind: m for m in session().scalars(select(OutboxMessage))}
    applicant = client.get(urlsplit(link_in(messages["reminder_returned"])).path)
    assert applicant.status_code in (200, 302, 303)
    sign_in(client, member)
    path = urlsplit(link_in(messages["reminder_reviewer"])).path
    assert waiting.id in path
    assert client.get(path).status_code == 200
