"""The invitations API: create, every bad input, and the status from queued to accepted."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from consent_service.api.services import find_client
from consent_service.invitations import services
from consent_service.invitations.models import Invitation
from consent_service.outbox.models import OutboxMessage
from consent_service.outbox.services import deliver_due
from tests import factories
from tests.functional.test_outbox_smtp import SMTPServer
from tests.unit.invitations import factories as invitation_factories

URL = "/api/v1/invitations"
VALID = {"panel_ref": "PANEL-ReCONNET-7", "email": "anna@klinik.example", "name": "Anna Müller",
         "network": "ReCONNET", "role": "member", "language": "de",
         "message": "Dear Anna,\nwe would be glad to have you on our panel."}


def auth(key):
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def key(app):
    return factories.api_key("panel:invite")


@pytest.fixture
def smtp_server():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


def create(client, key, headers=None, **changes):
    body = {**VALID, **changes}
    body = {name: value for name, value in body.items() if value is not None}
    return client.post(URL, headers={**auth(key), **(headers or {})}, json=body)


def test_create_answers_201_without_the_accept_link_and_queues_the_email(client, key, db):
    response = create(client, key)
    assert response.status_code == 201, response.json
    body = response.json
    assert sorted(body) == ["expires_at", "id", "status"]
    assert body["status"] == "queued"
    assert response.headers["Location"] == f"http://localhost{URL}/{body['id']}"
    invitation = db.get(Invitation, body["id"])
    assert invitation.language == "de" and invitation.name == "Anna Müller"
    assert invitation.expires_at - invitation.created_at == timedelta(days=14)
    message = db.get(OutboxMessage, invitation.outbox_message_id)
    assert message.kind == "invitation" and message.recipient == "anna@klinik.example"
    assert "/join/invitation/" in message.body_text and "> Dear Anna," in message.body_text
    assert "join/invitation" not in response.text


def test_unicode_domains_are_accepted(client, key, db):
    response = create(client, key, email="müller@bücher.example")
    assert response.status_code == 201, response.json
    invitation = db.get(Invitation, response.json["id"])
    assert invitation.email == "müller@bücher.example"
    assert invitation.outbox_message.recipient == "müller@bücher.example"


@pytest.mark.parametrize(("accept_language", "language", "expected"), [
    (None, None, "en"),
    ("fr-BE,fr;q=0.9,en;q=0.5", None, "fr"),
    ("ja, *;q=0.1", None, "en"),
    ("fr", "pl", "pl"),
    (None, "pt-BR", "pt"),
])
def test_language_defaults_to_the_callers_accept_language(client, key, db, accept_language,
                                                         language, expected):
    headers = {"Accept-Language": accept_language} if accept_language else {}
    response = create(client, key, headers=headers, language=language)
    if language is None:
        body = {name: value for name, value in VALID.items() if name != "language"}
        response = client.post(URL, headers={**auth(key), **headers}, json=body)
    assert response.status_code == 201, response.json
    invitation = db.get(Invitation, response.json["id"])
    assert invitation.language == expected
    assert invitation.outbox_message.language == expected


@pytest.mark.parametrize(("changes", "field"), [
    ({"panel_ref": None}, "panel_ref"),
    ({"panel_ref": "Maria Rossi"}, "panel_ref"),
    ({"panel_ref": "P" * 101}, "panel_ref"),
    ({"panel_ref": 42}, "panel_ref"),
    ({"email": None}, "email"),
    ({"email": "not-an-address"}, "email"),
    ({"email": "anna@localdomain-without-dot"}, "email"),
    ({"email": "anna@klinik.example\nBcc: all@example.org"}, "email"),
    ({"email": "a@x.example, b@x.example"}, "email"),
    ({"email": ["anna@klinik.example"]}, "email"),
    ({"name": "N" * 151}, "name"),
    ({"name": "Anna\u202eMüller"}, "name"),
    ({"name": 7}, "name"),
    ({"network": None}, "network"),
    ({"network": ""}, "network"),
    ({"network": {"code": "ReCONNET"}}, "network"),
    ({"role": None}, "role"),
    ({"role": "admin"}, "role"),
    ({"role": "Member"}, "role"),
    ({"language": "xx"}, "language"),
    ({"language": "klingon-KL"}, "language"),
    ({"language": 5}, "language"),
    ({"message": "m" * 1001}, "message"),
    ({"message": "hello\x00there"}, "message"),
    ({"message": ["hello"]}, "message"),
])
def test_invalid_values_answer_422_naming_the_field(client, key, db, changes, field):
    response = create(client, key, **changes)
    assert response.status_code == 422, response.json
    assert response.mimetype == "application/problem+json"
    body = response.json
    assert body["type"].endswith("/invalid-invitation") and body["status"] == 422
    assert list(body["errors"]) == [field] and body["errors"][field]
    assert db.scalars(select(Invitation)).all() == []


def test_limits_are_inclusive(client, key):
    response = create(client, key, panel_ref="P" * 100, name="N" * 150, message="m" * 1000)
    assert response.status_code == 201, response.json


def test_unknown_network_answers_422_with_the_known_codes(client, key, db):
    response = create(client, key, network="RECONNET-X")
    assert response.status_code == 422
    body = response.json
    assert body["type"].endswith("/unknown-network") and "errors" in body
    assert "RECONNET-X" in body["detail"] and "known_codes" in body["detail"]
    assert "ReCONNET" in body["known_codes"] and "ERKNet" in body["known_codes"]
    assert db.scalars(select(OutboxMessage)).all() == []


@pytest.mark.parametrize(("data", "content_type", "slug"), [
    ("{not json", "application/json", "malformed-json"),
    ('["a list"]', "application/json", "malformed-json"),
    ("panel_ref=x", "application/x-www-form-urlencoded", "malformed-json"),
    ('{"panel_ref": "P", "accept_url": "x", "email": "a@b.example"}', "application/json",
     "invalid-request"),
])
def test_malformed_bodies_and_unknown_fields_answer_400(client, key, data, content_type, slug):
    response = client.post(URL, headers=auth(key), data=data, content_type=content_type)
    assert response.status_code == 400
    assert response.mimetype == "application/problem+json"
    assert response.json["type"].endswith(f"/{slug}")
    if slug == "invalid-request":
        assert list(response.json["errors"]) == ["accept_url"]


def test_keys_without_the_scope_are_refused(client):
    other = factories.api_key("consent:request")
    response = create(client, other)
    assert response.status_code == 403 and response.mimetype == "application/problem+json"
    assert client.post(URL, json=VALID).status_code == 401
    assert client.get(f"{URL}/anything", headers=auth(other)).status_code == 403


def get_status(client, key, invitation_id):
    response = client.get(f"{URL}/{invitation_id}", headers=auth(key))
    assert response.status_code == 200, response.json
    return response.json


def test_status_goes_from_queued_to_sent_over_real_smtp(client, key, db, smtp_server):
    invitation_id = create(client, key, email="müller@bücher.example").json["id"]
    body = get_status(client, key, invitation_id)
    assert body["status"] == "queued" and "sent_at" not in body
    assert body["panel_ref"] == VALID["panel_ref"] and body["network"] == "ReCONNET"
    assert body["role"] == "member" and body["language"] == "de"
    assert "email" not in body and "name" not in body and "message" not in body
    assert deliver_due(db, transport=smtp_server.transport()).sent == 1
    [envelope] = smtp_server.handler.received
    assert envelope.rcpt_tos == ["müller@bücher.example"]
    body = get_status(client, key, invitation_id)
    assert body["status"] == "sent" and body["sent_at"] and "error" not in body


def test_status_failed_carries_the_delivery_error(client, key, db, smtp_server):
    invitation_id = create(client, key, email="refuse-permanently@klinik.example").json["id"]
    assert deliver_due(db, transport=smtp_server.transport()).failed == 1
    body = get_status(client, key, invitation_id)
    assert body["status"] == "failed"
    assert body["error"] == "recipient refused: SMTP 550"


@pytest.mark.parametrize("outbox_status", ["queued", "sending", "sent", "failed"])
def test_status_reflects_the_outbox_row(client, key, db, outbox_status):
    invitation_id = create(client, key).json["id"]
    message = db.get(Invitation, invitation_id).outbox_message
    message.status = outbox_status
    db.commit()
    expected = "queued" if outbox_status == "sending" else outbox_status
    assert get_status(client, key, invitation_id)["status"] == expected


def test_accepted_and_expired(client, key, db):
    accepted_id = create(client, key).json["id"]
    now = datetime.now(UTC)
    services.accept(db, db.get(Invitation, accepted_id), country="AT", now=now)
    body = get_status(client, key, accepted_id)
    assert body["status"] == "accepted"
    assert datetime.fromisoformat(body["accepted_at"]) == now
    old = invitation_factories.invitation(find_client(db, key), now=now - timedelta(days=15))
    body = get_status(client, key, old.id)
    assert body["status"] == "expired"
    assert datetime.fromisoformat(body["expires_at"]) == now - timedelta(days=1)


def test_another_clients_invitation_is_not_found(client, key):
    invitation_id = create(client, key).json["id"]
    other = factories.api_key("panel:invite", name="another panel system")
    response = client.get(f"{URL}/{invitation_id}", headers=auth(other))
    assert response.status_code == 404 and response.mimetype == "application/problem+json"
    assert client.get(f"{URL}/no-such-id", headers=auth(key)).status_code == 404
