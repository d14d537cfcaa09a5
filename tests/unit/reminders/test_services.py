"""Reminders with a frozen clock: each at its time, never twice, none once things moved on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consent_service.db import session
from consent_service.onboarding.models import APPROVED, REJECTED, RESUBMITTED, RETURNED, SUBMITTED
from consent_service.outbox.models import OutboxMessage
from consent_service.reminders import services
from consent_service.reminders.models import SentReminder
from tests.unit.review.factories import staff_member

from .factories import DAY0, access_request, day, event, invitation

pytestmark = pytest.mark.usefixtures("app")


def run(at):
    return services.run(session(), now=at)


def emails(kind: str) -> list[OutboxMessage]:
    return list(session().scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)
                                  .order_by(OutboxMessage.created_at)))


def returned_request(at=DAY0, **values):
    request = access_request(RETURNED, submissions=1, submitted_at=at - timedelta(days=1),
                             **values)
    return request, event(request, "returned", at, reason_codes=["registration_number"])


# Applicants whose request was returned ------------------------------------------------------

def test_returned_applicant_is_reminded_at_3_and_10_days_then_never_again():
    request, returned = returned_request(language="de", email="arzt@klinik.example")
    counts = [run(day(number)).returned for number in (0, 2, 2.99, 3, 3, 9, 10, 10, 11, 30, 60)]
    assert counts == [0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 0]
    sent = emails("reminder_returned")
    assert [m.recipient for m in sent] == ["arzt@klinik.example"] * 2
    assert [m.language for m in sent] == ["de", "de"]
    assert [m.created_at for m in sent] == [day(3), day(10)]
    assert "vor 3 Tagen" in sent[0].body_text and "vor 10 Tagen" in sent[1].body_text
    assert "http://localhost/" in sent[0].body_text
    occurrences = session().scalars(select(SentReminder.occurrence).where(
        SentReminder.subject_id == request.id).order_by(SentReminder.occurrence))
    assert list(occurrences) == [f"{returned.id}/10d", f"{returned.id}/3d"]


def test_a_late_first_run_sends_only_the_latest_reminder_due():
    returned_request()
    assert run(day(12)).returned == 1
    assert run(day(13)).returned == 0
    [message] = emails("reminder_returned")
    assert "12 days ago" not in message.body_text and "10 days ago" in message.body_text


def test_a_second_return_is_a_new_occurrence():
    request, _first = returned_request()
    run(day(3))
    run(day(10))
    event(request, "resubmitted", day(15))
    event(request, "returned", day(20))
    assert run(day(22)).returned == 0
    assert run(day(23)).returned == 1
    assert run(day(30)).returned == 1
    assert len(emails("reminder_returned")) == 4


@pytest.mark.parametrize("status", [RESUBMITTED, APPROVED, REJECTED])
def test_no_reminder_once_the_applicant_moved_on_or_it_was_decided(status):
    request, _returned = returned_request()
    request.status = status
    session().commit()
    assert run(day(3)).returned == 0
    assert run(day(10)).returned == 0


def test_a_return_left_alone_a_month_is_abandoned_and_not_reminded():
    returned_request(at=day(-40))
    assert run(day(0)).returned == 0


# Sponsors ---------------------------------------------------------------------------------

def sponsored(**values):
    request = access_request(SUBMITTED, role="guest", sponsor_email="member@hospital.example",
                             sponsor_name="Dr Rossi", submissions=1, waiting_since=day(0),
                             submitted_at=day(0), **values)
    event(request, "sponsor_asked", day(0))
    return request


def test_sponsor_is_reminded_once_after_3_days():
    request = sponsored(language="it")
    assert [run(day(n)).sponsor for n in (1, 2.9, 3, 3, 4, 20)] == [0, 0, 1, 0, 0, 0]
    [message] = emails("reminder_sponsor")
    assert message.recipient == "member@hospital.example"
    assert message.language == "it"
    assert request.name in message.subject


@pytest.mark.parametrize("column", ["sponsor_confirmed_at", "sponsor_declined_at"])
def test_sponsor_who_answered_gets_no_reminder(column):
    request = sponsored()
    setattr(request, column, day(1))
    session().commit()
    assert run(day(5)).sponsor == 0


def test_new_sponsor_address_or_new_submission_is_a_new_occurrence():
    request = sponsored()
    assert run(day(3)).sponsor == 1
    request.sponsor_email = "other.member@hospital.example"
    session().commit()
    event(request, "sponsor_asked", day(4))
    assert run(day(6)).sponsor == 0  # asked again on day 4: 3 days from then
    assert run(day(7)).sponsor == 1
    request.submissions = 2
    request.status = RESUBMITTED
    session().commit()
    event(request, "sponsor_asked", day(8))
    assert run(day(11)).sponsor == 1
    assert [m.recipient for m in emails("reminder_sponsor")] == [
        "member@hospital.example", "other.member@hospital.example",
        "other.member@hospital.example"]


def test_no_sponsor_reminder_when_the_request_no_longer_waits():
    request = sponsored()
    request.status = APPROVED
    session().commit()
    assert run(day(5)).sponsor == 0


# Reviewers --------------------------------------------------------------------------------

def test_coordinators_of_the_network_are_reminded_of_requests_waiting_over_3_days():
    coordinator = staff_member("coordinator", network_code="ReCONNET")
    disabled = staff_member("coordinator", network_code="ReCONNET")
    disabled.disabled_at = day(-1)
    staff_member("coordinator", network_code="ERKNet")
    staff_member("helpdesk")
    request = access_request(SUBMITTED, submissions=1, submitted_at=day(0), waiting_since=day(0))
    assert [run(day(n)).reviewer for n in (0, 2.9, 3, 3, 10)] == [0, 0, 1, 0, 0]
    [message] = emails("reminder_reviewer")
    assert message.recipient == coordinator.email
    assert message.language == "en"
    assert "ReCONNET" in message.subject
    assert request.email not in message.body_text and request.name not in message.body_text


def test_every_helpdesk_member_is_reminded_when_the_network_has_no_coordinator():
    first, second = staff_member("helpdesk"), staff_member("helpdesk")
    staff_member("admin")
    access_request(RESUBMITTED, network_code="ERKNet", submissions=2, waiting_since=day(0))
    assert run(day(4)).reviewer == 1
    assert sorted(m.recipient for m in emails("reminder_reviewer")) == sorted(
        [first.email, second.email])


def test_a_new_waiting_period_is_a_new_reminder_and_decided_requests_none():
    staff_member("helpdesk")
    request = access_request(SUBMITTED, submissions=1, waiting_since=day(0))
    decided = access_request(APPROVED, submissions=1, waiting_since=day(0), decided_at=day(1))
    assert run(day(3)).reviewer == 1
    request.status, request.waiting_since = RESUBMITTED, day(8)
    session().commit()
    assert run(day(10)).reviewer == 0
    assert run(day(11)).reviewer == 1
    assert {r.subject_id for r in session().scalars(select(SentReminder))} == {request.id}
    assert decided.id


def test_without_any_reviewer_nothing_is_recorded_so_a_later_run_sends_it():
    request = access_request(SUBMITTED, submissions=1, waiting_since=day(0))
    assert run(day(4)).reviewer == 0
    staff_member("helpdesk")
    assert run(day(5)).reviewer == 1
    assert request.id in {r.subject_id for r in session().scalars(select(SentReminder))}


def test_staff_emails_use_the_configured_default_language(app):
    app.config["DEFAULT_LANGUAGE"] = "de"
    staff_member("helpdesk")
    access_request(SUBMITTED, submissions=1, waiting_since=day(0))
    run(day(4))
    assert [m.language for m in emails("reminder_reviewer")] == ["de"]


# Invitations ------------------------------------------------------------------------------

def test_invitation_not_accepted_is_reminded_once_after_5_days():
    invitation(language="fr", email="invitee@höpital.example")
    assert [run(day(n)).invitation for n in (1, 4.9, 5, 5, 6, 13)] == [0, 0, 1, 0, 0, 0]
    [message] = emails("reminder_invitation")
    assert message.recipient == "invitee@höpital.example"
    assert message.language == "fr"


@pytest.mark.parametrize("values", [
    {"accepted_at": day(2)},
    {"expires_at": day(4)},
    {"email": None},  # erased once the invitation ended
], ids=["accepted", "expired", "erased"])
def test_no_invitation_reminder_when_accepted_expired_or_erased(values):
    invitation(**values)
    assert run(day(6)).invitation == 0


def test_a_run_erases_the_address_of_an_expired_invitation():
    ended = invitation(expires_at=day(4))
    run(day(6))
    session().refresh(ended)
    assert ended.email is None


# Once only --------------------------------------------------------------------------------

def test_two_runs_in_a_row_send_every_reminder_once():
    staff_member("helpdesk")
    returned_request()
    sponsored()
    invitation()
    first, second = run(day(5)), run(day(5))
    assert (first.returned, first.sponsor, first.reviewer, first.invitation) == (1, 1, 1, 1)
    assert first.total == 4 and second.total == 0
    count = session().scalar(select(func.count()).select_from(OutboxMessage))
    assert count == 4


def test_a_reminder_recorded_by_a_concurrent_run_is_skipped_with_its_email():
    # What a run meets when another one committed the same reminder after this run looked.
    session().add(SentReminder(kind="invitation", subject_id="x", occurrence="", sent_at=day(0)))
    session().commit()
    built = []
    sent = services._send_once(session(), kind="invitation", subject_id="x", occurrence="",
                               emails=lambda: built.append(1) or [], now=day(1))
    session().commit()
    assert sent is False and built == []
    assert session().scalar(select(func.count()).select_from(SentReminder)) == 1
    assert session().scalar(select(func.count()).select_from(OutboxMessage)) == 0


def test_an_unusable_language_skips_that_reminder_only():
    invitation(language="xx")
    invitation(language="de")
    assert run(day(5)).invitation == 1
    assert [m.language for m in emails("reminder_invitation")] == ["de"]
