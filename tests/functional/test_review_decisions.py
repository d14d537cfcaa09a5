"""Reviewers' decisions over HTTP: every transition, what each needs, and who may decide."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from consent_service.audit import AuditEvent
from consent_service.onboarding import models
from consent_service.outbox.models import OutboxMessage
from tests.conftest import csrf_token
from tests.unit.review.factories import sign_in, staff_member
from tests.unit.review.request_factories import access_request

RETURN = {"decision": "return", "reason_codes": ["registration_number"],
          "fields": ["registration_number"],
          "message": "Your registration number has a letter missing. Please check it."}
REJECT = {"decision": "reject", "reason_codes": ["country_not_eligible"],
          "message": "Your hospital is in Switzerland, which the networks do not cover."}
APPROVE = {"decision": "approve"}


@pytest.fixture
def reviewer(client):
    member = staff_member("coordinator", network_code="ReCONNET")
    sign_in(client, member)
    return member


def post_decision(client, request, data, *, csrf: bool = True):
    token = csrf_token(client.get("/staff/").text)  # one CSRF token serves the whole session
    body = {**data, "csrf_token": token} if csrf else data
    return client.post(f"/staff/requests/{request.id}/decision", data=body)


def outbox(db, kind):
    return db.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)).all()


def test_approving_admits_the_applicant_and_says_so(client, db, reviewer):
    request = access_request()
    response = post_decision(client, request, APPROVE)
    assert response.status_code == 303
    assert response.location == f"/staff/requests/{request.id}?decided=1"
    page = client.get(response.location)
    assert "Approved. The applicant gets an email saying so." in page.text
    assert "Nothing to decide now" in page.text and "<textarea" not in page.text
    db.refresh(request)
    assert request.status == models.APPROVED and request.professional is not None
    assert request.events[-1].actor == f"staff:{reviewer.id}"
    [mail] = outbox(db, "access_approved")
    assert mail.recipient == request.email and mail.language == "en"


def test_returning_flags_the_answers_and_shows_on_the_timeline(client, db, reviewer):
    request = access_request()
    response = post_decision(client, request, RETURN)
    assert response.status_code == 303
    page = client.get(response.location).text
    assert "Returned. The applicant gets an email with your reasons and message." in page
    assert "Returned for changes" in page and RETURN["message"] in page
    assert f"· {reviewer.name}</p>" in page  # the timeline names the reviewer
    assert "The professional registration number is missing or wrong." in page
    db.refresh(request)
    assert request.status == models.RETURNED
    assert request.flagged_fields == ["registration_number"]
    [mail] = outbox(db, "access_returned")
    assert RETURN["message"] in mail.body_text
    action = db.scalars(select(AuditEvent.action).order_by(AuditEvent.id.desc())).first()
    assert action == "access_request.returned"


def test_rejecting_is_final(client, db, reviewer):
    request = access_request(status=models.RESUBMITTED)
    assert post_decision(client, request, REJECT).status_code == 303
    db.refresh(request)
    assert request.status == models.REJECTED and request.decided_at is not None
    assert len(outbox(db, "access_rejected")) == 1
    again = post_decision(client, request, APPROVE)
    assert again.status_code == 409
    assert "This request is already rejected. A decision cannot be changed." in again.text


def test_approving_an_approved_request_is_409_with_a_clear_message(client, db, reviewer):
    request = access_request()
    post_decision(client, request, APPROVE)
    again = post_decision(client, request, APPROVE)
    assert again.status_code == 409
    assert "This request is already approved. A decision cannot be changed." in again.text
    assert len(outbox(db, "access_approved")) == 1


@pytest.mark.parametrize("status, message", [
    (models.DRAFT, "The applicant has not sent this request yet."),
    (models.EMAIL_VERIFIED, "The applicant has not sent this request yet."),
    (models.RETURNED, "This request is back with the applicant for changes."),
    (models.APPROVED, "This request is already approved."),
    (models.REJECTED, "This request is already rejected."),
])
@pytest.mark.parametrize("data", [APPROVE, RETURN, REJECT], ids=["approve", "return", "reject"])
def test_requests_not_waiting_cannot_be_decided(client, db, reviewer, status, message, data):
    request = access_request(status=status)
    response = post_decision(client, request, data)
    assert response.status_code == 409
    assert message in response.text
    db.refresh(request)
    assert request.status == status and request.events == []


@pytest.mark.parametrize("status", [models.SUBMITTED, models.RESUBMITTED])
@pytest.mark.parametrize("data, outcome", [(APPROVE, models.APPROVED), (RETURN, models.RETURNED),
                                           (REJECT, models.REJECTED)],
                         ids=["approve", "return", "reject"])
def test_waiting_requests_take_every_decision(client, db, reviewer, status, data, outcome):
    request = access_request(status=status)
    assert post_decision(client, request, data).status_code == 303
    db.refresh(request)
    assert request.status == outcome


@pytest.mark.parametrize("data, field, error", [
    ({**RETURN, "reason_codes": []}, "reason_codes", "Choose at least one reason."),
    ({**REJECT, "reason_codes": []}, "reason_codes", "Choose at least one reason."),
    ({**RETURN, "fields": []}, "fields", "Mark at least one answer that the applicant must"),
    ({**RETURN, "message": "  "}, "message", "Write a message that tells the applicant"),
    ({**REJECT, "message": ""}, "message", "Write a message that tells the applicant"),
    ({**REJECT, "message": "x" * 2001}, "message", "Write at most 2000 characters."),
    ({**RETURN, "reason_codes": ["made_up"]}, "reason_codes", "valid choice"),
    ({"decision": "maybe"}, "decision", "valid choice"),
    ({}, "decision", "Choose approve, return or reject."),
])
def test_incomplete_decisions_are_422_and_keep_every_answer(client, db, reviewer, data, field,
                                                            error):
    request = access_request()
    response = post_decision(client, request, data)
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.text and error in response.text
    assert 'class="error-summary"' in response.text and f'href="#{field}' in response.text
    for code in data.get("reason_codes", []):
        if code != "made_up":
            assert re.search(rf'checked id="reason_codes-\d+" name="reason_codes" '
                             rf'type="checkbox" value="{code}"', response.text)
    if data.get("message", "").strip() and len(data["message"]) < 100:
        assert data["message"] in response.text  # the textarea keeps it
    db.refresh(request)
    assert request.status == models.SUBMITTED and request.events == []


def test_return_keeps_the_checked_boxes_when_the_message_is_missing(client, reviewer):
    request = access_request()
    response = post_decision(client, request, {**RETURN, "message": ""})
    assert response.status_code == 422
    assert 'checked id="fields-2" name="fields" type="checkbox" value="registration_number"' \
        in response.text
    assert 'checked id="decision-1"' in response.text


def test_an_expired_form_is_400_and_keeps_the_answers(client, db, reviewer):
    request = access_request()
    response = post_decision(client, request, RETURN, csrf=False)
    assert response.status_code == 400
    assert "For your safety this page timed out." in response.text
    assert RETURN["message"] in response.text
    db.refresh(request)
    assert request.status == models.SUBMITTED


def test_a_guest_is_not_approved_before_the_sponsor_confirms(client, db, reviewer):
    request = access_request(role=models.GUEST)
    response = post_decision(client, request, APPROVE)
    assert response.status_code == 409
    assert "The sponsor has not confirmed this request yet." in response.text
    db.refresh(request)
    assert request.status == models.SUBMITTED


def test_a_coordinator_cannot_decide_another_networks_request(client, db, reviewer):
    request = access_request(network_code="ERKNet")
    response = post_decision(client, request, APPROVE)
    assert response.status_code == 403
    db.refresh(request)
    assert request.status == models.SUBMITTED and outbox(db, "access_approved") == []


@pytest.mark.parametrize("role", ["admin", "helpdesk"])
def test_admin_and_helpdesk_decide_for_every_network(client, db, role):
    sign_in(client, staff_member(role))
    request = access_request(network_code="ERKNet")
    assert post_decision(client, request, APPROVE).status_code == 303


def test_unknown_request_is_404(client, reviewer):
    token = csrf_token(client.get("/staff/").text)
    response = client.post("/staff/requests/00000000-0000-4000-8000-000000000000/decision",
                           data={**APPROVE, "csrf_token": token})
    assert response.status_code == 404


def test_a_post_without_csrf_is_400_even_for_an_unknown_request(client, reviewer):
    response = client.post("/staff/requests/00000000-0000-4000-8000-000000000000/decision",
                           data=APPROVE)
    assert response.status_code == 400
