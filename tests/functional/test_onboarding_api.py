"""POST /api/v1/onboarding-tokens/verify: each answer, read afresh from the database."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer

from consent_service.db import session, utcnow
from consent_service.onboarding import models
from consent_service.onboarding.links import onboarding_token
from consent_service.review import decisions
from consent_service.tokens import TokenService
from tests import factories
from tests.conftest import TEST_KEYS
from tests.unit.review.factories import staff_member
from tests.unit.review.request_factories import approved

PATH = "/api/v1/onboarding-tokens/verify"


@pytest.fixture
def headers(app):
    return {"Authorization": f"Bearer {factories.api_key('onboarding:verify')}"}


@pytest.fixture
def reviewer(app):
    return staff_member("helpdesk")


def verify(client, headers, token):
    response = client.post(PATH, headers=headers, json={"token": token})
    assert response.status_code == 200, response.text
    return response.json


def test_a_member_verifies_with_their_details(client, headers, reviewer):
    person = approved(reviewer)
    body = verify(client, headers, onboarding_token(person))
    assert body["valid"] is True and "reason" not in body
    assert body["professional"] == {
        "id": person.id, "name": person.name, "email": person.email,
        "hospital": person.hospital.code, "hospital_name": person.hospital_name,
        "networks": ["ReCONNET"], "role": "member",
        "approved_at": person.approved_at.isoformat(), "expires_at": None, "revoked_at": None}


def test_a_guest_verifies_until_their_access_ends(client, headers, reviewer):
    current = approved(reviewer, role=models.GUEST, now=utcnow() - timedelta(days=89))
    body = verify(client, headers, onboarding_token(current))
    assert body["valid"] is True and body["professional"]["role"] == "guest"
    assert body["professional"]["expires_at"] == current.expires_at.isoformat()
    ended = approved(reviewer, role=models.GUEST, now=utcnow() - timedelta(days=91))
    body = verify(client, headers, onboarding_token(ended))
    assert body["valid"] is False and body["reason"] == "access_expired"
    assert body["professional"]["id"] == ended.id


def test_an_extension_is_visible_at_once(client, headers, reviewer):
    ended = approved(reviewer, role=models.GUEST, now=utcnow() - timedelta(days=91))
    token = onboarding_token(ended)
    assert verify(client, headers, token)["reason"] == "access_expired"
    decisions.extend(session(), ended, staff=reviewer, now=utcnow())
    assert verify(client, headers, token)["valid"] is True


def test_revocation_is_visible_at_once(client, headers, reviewer):
    person = approved(reviewer)
    token = onboarding_token(person)
    decisions.revoke(session(), person, staff=reviewer, reason="Left.", now=utcnow())
    body = verify(client, headers, token)
    assert body["valid"] is False and body["reason"] == "revoked"
    assert body["professional"]["revoked_at"]


def signed_long_ago(payload: dict) -> str:
    class SignedLongAgo(TimestampSigner):
        def get_timestamp(self):  # 91 days ago, past the 90-day maximum age
            return int(time.time()) - 91 * 24 * 3600

    return URLSafeTimedSerializer(TEST_KEYS[-1], salt="onboarding",
                                  signer=SignedLongAgo).dumps(payload)


@pytest.mark.parametrize("make_token, reason", [
    (lambda p: TokenService("consent", tuple(TEST_KEYS), 60).dumps({"p": p.id}),
     "bad_signature"),
    (lambda p: TokenService("onboarding", ("another-key-dddddddddddddddddd",), 60).dumps(
        {"p": p.id}), "bad_signature"),
    (lambda p: onboarding_token(p)[:-6], "bad_signature"),
    (lambda p: signed_long_ago({"p": p.id}), "expired"),
    (lambda p: TokenService("onboarding", tuple(TEST_KEYS), 60).dumps({"p": "no-such-id"}),
     "unknown"),
    (lambda p: TokenService("onboarding", tuple(TEST_KEYS), 60).dumps({"p": 7}), "unknown"),
    (lambda p: TokenService("onboarding", tuple(TEST_KEYS), 60).dumps({"x": p.id}), "unknown"),
    (lambda p: "garbage", "malformed"),
    (lambda p: "", "malformed"),
    (lambda p: 12345, "malformed"),
    (lambda p: None, "malformed"),
])
def test_bad_tokens_are_invalid_with_the_right_reason(client, headers, reviewer, make_token,
                                                     reason):
    person = approved(reviewer)
    assert verify(client, headers, make_token(person)) == {"valid": False, "reason": reason}


@pytest.mark.parametrize("body, field", [({}, "token"), ({"token": "x", "extra": 1}, "extra")])
def test_missing_and_unknown_fields_are_400_problems(client, headers, body, field):
    response = client.post(PATH, headers=headers, json=body)
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert field in response.json["errors"]


@pytest.mark.parametrize("data", [b"{not json", b'["token"]', b""])
def test_malformed_json_is_a_400_problem(client, headers, data):
    response = client.post(PATH, headers=headers, data=data, content_type="application/json")
    assert response.status_code == 400 and response.mimetype == "application/problem+json"


@pytest.mark.parametrize("scopes, status", [((), 401), (("consent:verify",), 403)])
def test_the_onboarding_verify_scope_is_needed(client, app, scopes, status):
    headers = {"Authorization": f"Bearer {factories.api_key(*scopes)}"} if scopes else {}
    response = client.post(PATH, headers=headers, json={"token": "x"})
    assert response.status_code == status
