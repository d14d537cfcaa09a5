"""Staff pages on people with access: the list, extending guests, revoking access."""

from __future__ import annotations

from datetime import timedelta

import pytest

from consent_service.db import utcnow
from consent_service.onboarding import models
from consent_service.onboarding.links import onboarding_token
from tests import factories
from tests.conftest import csrf_token
from tests.unit.review.factories import sign_in, staff_member
from tests.unit.review.request_factories import approved

REVOKE = {"reason": "She left the hospital in May.", "confirm": "y"}


@pytest.fixture
def coordinator(client):
    member = staff_member("coordinator", network_code="ReCONNET")
    sign_in(client, member)
    return member


def post(client, path, data=None, *, csrf: bool = True):
    body = dict(data or {})
    if csrf:
        body["csrf_token"] = csrf_token(client.get("/staff/").text)
    return client.post(path, data=body)


def test_list_shows_role_network_end_of_access_and_revocation(client, coordinator):
    now = utcnow()
    guest = approved(coordinator, role=models.GUEST, now=now - timedelta(days=100))
    member = approved(coordinator, now=now)
    page = client.get("/staff/professionals")
    assert page.status_code == 200
    text = page.text
    assert text.index(member.name) < text.index(guest.name)  # newest first
    assert "Guest of a panel" in text and "Member of a panel" in text
    assert "No end date" in text and "Ended on" in text  # the guest's 90 days are over
    assert text.count("Extend by 90 days") == 1  # guests only
    assert text.count("Revoke access of") == 2


def test_coordinator_sees_and_manages_only_their_network(client, coordinator):
    other = approved(staff_member("admin"), role=models.GUEST, network_code="ERKNet")
    assert other.name not in client.get("/staff/professionals").text
    assert post(client, f"/staff/professionals/{other.id}/extend").status_code == 403
    assert post(client, f"/staff/professionals/{other.id}/revoke", REVOKE).status_code == 403
    assert other.revoked_at is None


@pytest.mark.parametrize("role", ["admin", "helpdesk"])
def test_admin_and_helpdesk_see_every_network(client, role):
    other = approved(staff_member("admin"), network_code="ERKNet")
    sign_in(client, staff_member(role))
    assert other.name in client.get("/staff/professionals").text


def test_extending_a_guest_adds_90_days_to_the_end(client, db, coordinator):
    guest = approved(coordinator, role=models.GUEST, now=utcnow() - timedelta(days=10))
    before = guest.expires_at
    response = post(client, f"/staff/professionals/{guest.id}/extend")
    assert response.status_code == 303
    assert response.location == f"/staff/professionals?done=extended#p-{guest.id}"
    assert "Guest access extended by 90 days." in client.get(response.location).text
    db.refresh(guest)
    assert guest.expires_at == before + timedelta(days=90)
    assert guest.request.events[-1].kind == "extended"


def test_extending_an_expired_guest_counts_from_now(client, db, coordinator):
    guest = approved(coordinator, role=models.GUEST, now=utcnow() - timedelta(days=200))
    before = guest.expires_at
    assert post(client, f"/staff/professionals/{guest.id}/extend").status_code == 303
    db.refresh(guest)
    assert guest.expires_at > before + timedelta(days=90 + 100)
    assert guest.active_at(utcnow())


def test_members_cannot_be_extended(client, coordinator):
    member = approved(coordinator)
    response = post(client, f"/staff/professionals/{member.id}/extend")
    assert response.status_code == 409
    assert "Only a guest&#39;s access can be extended" in response.text


def test_extend_without_csrf_is_400(client, coordinator):
    guest = approved(coordinator, role=models.GUEST)
    assert post(client, f"/staff/professionals/{guest.id}/extend", csrf=False).status_code == 400


def test_revoking_ends_access_and_verify_says_so_at_once(client, db, coordinator):
    person = approved(coordinator)
    key = factories.api_key("onboarding:verify")
    token = onboarding_token(person)
    headers = {"Authorization": f"Bearer {key}"}
    before = client.post("/api/v1/onboarding-tokens/verify", headers=headers,
                         json={"token": token}).json
    assert before["valid"] is True
    response = post(client, f"/staff/professionals/{person.id}/revoke", REVOKE)
    assert response.status_code == 303
    assert "Access revoked. Panel services see it at once." in client.get(response.location).text
    after = client.post("/api/v1/onboarding-tokens/verify", headers=headers,
                        json={"token": token}).json
    assert after["valid"] is False and after["reason"] == "revoked"
    assert after["professional"]["revoked_at"]
    db.refresh(person)
    assert person.request.events[-1].message == REVOKE["reason"]
    again = post(client, f"/staff/professionals/{person.id}/revoke", REVOKE)
    assert again.status_code == 409 and "already revoked" in again.text
    assert post(client, f"/staff/professionals/{person.id}/extend").status_code == 409


@pytest.mark.parametrize("data, field, error", [
    ({"reason": "Left."}, "confirm", "Tick the box to confirm."),
    ({"confirm": "y"}, "reason", "Write why access ends."),
    ({"reason": "x" * 501, "confirm": "y"}, "reason", "Write at most 500 characters."),
])
def test_revoking_needs_a_reason_and_a_confirmation(client, db, coordinator, data, field,
                                                    error):
    person = approved(coordinator)
    response = post(client, f"/staff/professionals/{person.id}/revoke", data)
    assert response.status_code == 422
    assert f'id="{field}-{person.id}-error"' in response.text and error in response.text
    assert f'href="#{field}-{person.id}"' in response.text
    assert "<details open>" in response.text
    if len(data.get("reason", "")) < 100:
        assert data.get("reason", "") in response.text
    db.refresh(person)
    assert person.revoked_at is None


def test_revoke_without_csrf_is_400_and_keeps_the_reason(client, coordinator):
    person = approved(coordinator)
    response = post(client, f"/staff/professionals/{person.id}/revoke", REVOKE, csrf=False)
    assert response.status_code == 400 and REVOKE["reason"] in response.text


@pytest.mark.parametrize("action", ["extend", "revoke"])
def test_unknown_professional_is_404(client, coordinator, action):
    path = f"/staff/professionals/00000000-0000-4000-8000-000000000000/{action}"
    assert post(client, path, REVOKE).status_code == 404


@pytest.mark.parametrize("action", ["extend", "revoke"])
def test_a_post_without_csrf_is_400_even_for_an_unknown_person(client, coordinator, action):
    path = f"/staff/professionals/00000000-0000-4000-8000-000000000000/{action}"
    assert post(client, path, REVOKE, csrf=False).status_code == 400
