"""Reviewers' services without HTTP: queue, decisions, extending and revoking access."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from consent_service.audit import AuditEvent
from consent_service.onboarding import models
from consent_service.onboarding.errors import IllegalTransition, InvalidDecision, SponsorPending
from consent_service.outbox.models import OutboxMessage
from consent_service.review import decisions
from tests.unit.review.factories import staff_member
from tests.unit.review.request_factories import access_request, approved

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
REASONS = ["registration_number"]


@pytest.fixture
def reviewer(app):
    return staff_member("helpdesk")


def decide(db, request, reviewer, decision, *, reason_codes=(), fields=(), message="",
           now=NOW):
    return decisions.decide(db, request, reviewer=reviewer, decision=decision,
                            reason_codes=list(reason_codes), fields=list(fields),
                            message=message, now=now)


def audit_rows(db, action):
    return db.scalars(select(AuditEvent).where(AuditEvent.action == action)).all()


def emails(db, kind):
    return db.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)).all()


def test_queue_lists_waiting_requests_longest_wait_first_with_their_wait(db, reviewer):
    newer = access_request(waiting_since=NOW - timedelta(days=1))
    older = access_request(waiting_since=NOW - timedelta(days=5, hours=3),
                           status=models.RESUBMITTED)
    access_request(status=models.RETURNED)
    access_request(status=models.EMAIL_VERIFIED)
    entries = decisions.queue(db, staff=reviewer, now=NOW)
    assert [entry.request for entry in entries] == [older, newer]
    assert [entry.waiting_days for entry in entries] == [5, 1]
    assert entries[0].sponsor == decisions.SPONSOR_NOT_NEEDED


def test_coordinators_queue_holds_their_network_only(db):
    own = access_request(network_code="ReCONNET")
    access_request(network_code="ERKNet")
    coordinator = staff_member("coordinator", network_code="ReCONNET")
    assert [entry.request for entry in decisions.queue(db, staff=coordinator, now=NOW)] == [own]
    assert len(decisions.queue(db, staff=staff_member("admin"), now=NOW)) == 2


def test_approving_a_member_admits_them_without_end_date(db, reviewer):
    request = access_request()
    event = decide(db, request, reviewer, "approve")
    assert request.status == models.APPROVED and request.decided_at == NOW
    professional = request.professional
    assert professional.role == models.MEMBER and professional.expires_at is None
    assert professional.approved_at == NOW and professional.network.code == "ReCONNET"
    assert professional.hospital_name == request.hospital_label
    assert (event.kind, event.actor) == ("approved", f"staff:{reviewer.id}")
    [row] = audit_rows(db, "access_request.approved")
    assert json.loads(row.data)["professional"] == professional.id
    [mail] = emails(db, "access_approved")
    assert mail.recipient == request.email and "ReCONNET" in mail.subject


def test_approving_a_guest_gives_90_days(db, reviewer):
    request = access_request(role=models.GUEST, sponsor_confirmed=True)
    decide(db, request, reviewer, "approve")
    assert request.professional.expires_at == NOW + timedelta(days=90)


def test_a_guest_cannot_be_approved_before_the_sponsor_confirms(db, reviewer):
    request = access_request(role=models.GUEST)
    with pytest.raises(SponsorPending):
        decide(db, request, reviewer, "approve")
    assert request.status == models.SUBMITTED and request.professional is None


def test_returning_flags_fields_and_keeps_the_request_open(db, reviewer):
    request = access_request()
    event = decide(db, request, reviewer, "return", reason_codes=REASONS,
                   fields=["registration_number", "name"], message="  Please check it.  ")
    assert request.status == models.RETURNED and request.decided_at is None
    assert request.flagged_fields == ["registration_number", "name"]
    assert (event.kind, event.reason_codes, event.message) == (
        "returned", REASONS, "Please check it.")
    [row] = audit_rows(db, "access_request.returned")
    assert json.loads(row.data) == {"fields": "registration_number,name",
                                    "professional": None, "reason_codes": "registration_number"}
    assert "Please check it." not in row.data  # ids and codes only
    [mail] = emails(db, "access_returned")
    assert "Please check it." in mail.body_text


def test_rejecting_records_reasons_and_message(db, reviewer):
    request = access_request()
    event = decide(db, request, reviewer, "reject", reason_codes=["country_not_eligible", "other"],
                   message="Sorry.")
    assert request.status == models.REJECTED and request.decided_at == NOW
    assert event.reason_codes == ["country_not_eligible", "other"] and event.fields == []
    assert len(emails(db, "access_rejected")) == 1


@pytest.mark.parametrize("decision, kwargs", [
    ("return", {"fields": ["name"], "message": "Fix it."}),  # no reason code
    ("return", {"reason_codes": REASONS, "message": "Fix it."}),  # no field
    ("return", {"reason_codes": REASONS, "fields": ["name"], "message": "   "}),
    ("reject", {"message": "No."}),
    ("reject", {"reason_codes": REASONS}),
    ("reject", {"reason_codes": ["not_a_code"], "message": "No."}),
    ("return", {"reason_codes": REASONS, "fields": ["not_a_field"], "message": "x"}),
    ("reject", {"reason_codes": REASONS, "message": "x" * 2001}),
    ("maybe", {}),
])
def test_incomplete_decisions_are_refused_and_change_nothing(db, reviewer, decision, kwargs):
    request = access_request()
    with pytest.raises(InvalidDecision):
        decide(db, request, reviewer, decision, **kwargs)
    assert request.status == models.SUBMITTED and request.events == []


@pytest.mark.parametrize("status", [models.DRAFT, models.EMAIL_VERIFIED, models.RETURNED,
                                    models.APPROVED, models.REJECTED])
@pytest.mark.parametrize("decision", decisions.DECISIONS)
def test_only_waiting_requests_can_be_decided(db, reviewer, status, decision):
    request = access_request(status=status)
    with pytest.raises(IllegalTransition) as error:
        decide(db, request, reviewer, decision, reason_codes=REASONS, fields=["name"],
               message="x")
    assert error.value.status == status


def test_a_coordinator_cannot_decide_another_networks_request(db):
    request = access_request(network_code="ERKNet")
    with pytest.raises(decisions.OtherNetwork):
        decide(db, request, staff_member("coordinator", network_code="ReCONNET"), "approve")
    assert request.status == models.SUBMITTED


def test_extending_a_guest_counts_from_the_later_of_now_and_the_end(db, reviewer):
    professional = approved(reviewer, role=models.GUEST, now=NOW)
    assert decisions.extend(db, professional, staff=reviewer, now=NOW + timedelta(days=10)) \
        == NOW + timedelta(days=180)
    late = NOW + timedelta(days=400)
    assert decisions.extend(db, professional, staff=reviewer, now=late) == late + timedelta(90)
    assert [e.kind for e in professional.request.events][-2:] == ["extended", "extended"]
    assert len(audit_rows(db, "professional.extended")) == 2


def test_members_cannot_be_extended(db, reviewer):
    professional = approved(reviewer, now=NOW)
    with pytest.raises(decisions.NotExtendable):
        decisions.extend(db, professional, staff=reviewer, now=NOW)


def test_revoking_ends_access_once_and_keeps_the_reason_off_the_audit(db, reviewer):
    professional = approved(reviewer, now=NOW)
    later = NOW + timedelta(days=3)
    decisions.revoke(db, professional, staff=reviewer, reason="Left the hospital.", now=later)
    assert professional.revoked_at == later and not professional.active_at(later)
    assert professional.request.events[-1].message == "Left the hospital."
    [row] = audit_rows(db, "professional.revoked")
    assert "Left" not in row.data
    with pytest.raises(IllegalTransition):
        decisions.revoke(db, professional, staff=reviewer, reason="again", now=later)
    with pytest.raises(IllegalTransition):
        decisions.extend(db, professional, staff=reviewer, now=later)


def test_revoking_needs_a_reason(db, reviewer):
    professional = approved(reviewer, now=NOW)
    with pytest.raises(InvalidDecision):
        decisions.revoke(db, professional, staff=reviewer, reason=" ", now=NOW)
    assert professional.revoked_at is None


def test_coordinators_manage_access_of_their_own_network_only(db, reviewer):
    professional = approved(reviewer, role=models.GUEST, network_code="ERKNet", now=NOW)
    other = staff_member("coordinator", network_code="ReCONNET")
    with pytest.raises(decisions.OtherNetwork):
        decisions.extend(db, professional, staff=other, now=NOW)
    with pytest.raises(decisions.OtherNetwork):
        decisions.revoke(db, professional, staff=other, reason="x", now=NOW)
    own = staff_member("coordinator", network_code="ERKNet")
    decisions.extend(db, professional, staff=own, now=NOW)
    assert decisions.professionals(db, staff=other) == []
    assert decisions.professionals(db, staff=own) == [professional]


def test_the_professional_is_told_of_an_extension_and_of_the_end_of_access(db, reviewer):
    professional = approved(reviewer, role=models.GUEST, now=NOW, language="de")
    decisions.extend(db, professional, staff=reviewer, now=NOW + timedelta(days=10))
    decisions.revoke(db, professional, staff=reviewer, reason="Left the hospital.",
                     now=NOW + timedelta(days=20))
    sent = db.scalars(select(OutboxMessage).where(OutboxMessage.kind == "access_changed")
                      .order_by(OutboxMessage.created_at)).all()
    assert [m.recipient for m in sent] == [professional.email] * 2
    assert [m.language for m in sent] == ["de", "de"]
    assert "29. August 2026" in sent[0].body_text  # the old end (31 May) + 90 days
    assert "Left the hospital." in sent[1].body_text
    assert "/join/r/" in sent[1].body_text
