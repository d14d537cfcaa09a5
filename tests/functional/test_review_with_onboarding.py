"""Reviewers and applicants together: requests made through the onboarding services."""

from __future__ import annotations

from datetime import timedelta

from consent_service.db import session, utcnow
from consent_service.onboarding import models, services
from consent_service.onboarding.links import onboarding_token
from tests import factories
from tests.conftest import csrf_token
from tests.onboarding_factories import guest_submitted_request, submitted_request
from tests.unit.review.factories import sign_in, staff_member


def decide(client, request, data):
    token = csrf_token(client.get("/staff/").text)
    return client.post(f"/staff/requests/{request.id}/decision",
                       data={**data, "csrf_token": token})


def verify(client, token):
    headers = {"Authorization": f"Bearer {factories.api_key('onboarding:verify')}"}
    return client.post("/api/v1/onboarding-tokens/verify", headers=headers,
                       json={"token": token}).json


def test_returned_fixed_resubmitted_approved_and_verified(client, db):
    request = submitted_request()
    sign_in(client, staff_member("coordinator"))
    assert decide(client, request, {
        "decision": "return", "reason_codes": ["registration_number"],
        "fields": ["registration_number"], "message": "Please add the region code."}
    ).status_code == 303
    db.refresh(request)
    assert request.status == models.RETURNED
    now = utcnow()
    services.save(session(), request, now=now, registration_number="PD-VE-12345")
    services.submit(session(), request, now=now)
    assert request.status == models.RESUBMITTED
    page = client.get("/staff/requests").text
    assert request.name in page and "Sent again, waiting for a decision" in page
    timeline = client.get(f"/staff/requests/{request.id}").text
    assert timeline.index("Returned for changes") < timeline.index("Sent again for review")
    assert decide(client, request, {"decision": "approve"}).status_code == 303
    db.refresh(request)
    body = verify(client, onboarding_token(request.professional))
    assert body["valid"] is True and body["professional"]["role"] == "member"
    assert body["professional"]["hospital"] == request.hospital.code


def test_a_guest_is_approved_once_the_sponsor_confirms(client, db):
    request = guest_submitted_request()
    sign_in(client, staff_member("helpdesk"))
    page = client.get(f"/staff/requests/{request.id}").text
    assert "Waiting for the sponsor" in page and "Hospital not in the directory" in page
    refused = decide(client, request, {"decision": "approve"})
    assert refused.status_code == 409 and "The sponsor has not confirmed" in refused.text
    services.confirm_sponsor(session(), request, agree=True, now=utcnow())
    assert "Sponsor confirmed" in client.get(f"/staff/requests/{request.id}").text
    assert decide(client, request, {"decision": "approve"}).status_code == 303
    db.refresh(request)
    professional = request.professional
    assert professional.role == models.GUEST and professional.hospital is None
    assert professional.expires_at - professional.approved_at == timedelta(days=90)
    body = verify(client, onboarding_token(professional))
    assert body["valid"] is True and body["professional"]["hospital"] is None
    assert body["professional"]["hospital_name"] == "Privatklinik Berg, Uppsala"
