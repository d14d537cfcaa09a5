"""The JSON API: consent requests, token verification, consents, problem+json errors."""

import io

import pytest
from pypdf import PdfReader

from consent_service.consent import services
from consent_service.consent.links import consent_token, signing_url
from consent_service.tokens import TokenService
from tests import factories
from tests.conftest import TEST_KEYS
from tests.functional.journey import path_of, sign


def auth(key):
    return {"Authorization": f"Bearer {key}"}


@pytest.fixture
def key(app):
    return factories.api_key("consent:request", "consent:verify")


@pytest.fixture
def hospital(app):
    return factories.hospital(code="DEMO")


def test_create_request_returns_links_and_the_patient_can_sign(client, key, hospital):
    response = client.post("/api/v1/consent-requests", headers=auth(key),
                           json={"patient_ref": "PSN-0042", "hospital": "DEMO"})
    assert response.status_code == 201, response.json
    body = response.json
    assert body["status"] == "pending" and body["signing_url"].startswith("http://localhost/c/")
    assert body["qr_url"].endswith("/qr") and body["expires_at"]
    assert response.headers["Location"].endswith(body["id"])
    qr = client.get(path_of(body["qr_url"]))
    assert qr.status_code == 200 and "<svg" in qr.text
    status = client.get(f"/api/v1/consent-requests/{body['id']}", headers=auth(key)).json
    assert status["status"] == "pending" and "consent_token" not in status


def test_signed_request_gives_a_token_that_verifies_until_withdrawn(client, key, db, app):
    request = factories.consent_request()
    sign(client, path_of(signing_url(request)), request, registry="yes")
    status = client.get(f"/api/v1/consent-requests/{request.id}", headers=auth(key)).json
    assert status["status"] == "signed" and status["consent_id"] == request.consent.id
    verify = client.post("/api/v1/consent-tokens/verify", headers=auth(key),
                         json={"token": status["consent_token"], "require": ["care", "registry"]})
    body = verify.json
    assert body["valid"] is True and body["permitted"] is True
    assert body["consent"]["status"] == "active"
    assert body["consent"]["choices"] == {"care": True, "registry": True,
                                          "research_contact": False}
    assert "signer_name" not in body["consent"]
    not_permitted = client.post("/api/v1/consent-tokens/verify", headers=auth(key), json={
        "token": status["consent_token"], "require": ["research_contact"]}).json
    assert not_permitted["valid"] is True and not_permitted["permitted"] is False
    services.withdraw(db, consent=request.consent, forms=app.extensions["forms"])
    after = client.post("/api/v1/consent-tokens/verify", headers=auth(key),
                        json={"token": status["consent_token"]}).json
    assert after["valid"] is False and after["reason"] == "withdrawn"
    assert after["consent"]["withdrawn_at"]


def test_declined_request_reports_declined_and_no_token(client, key):
    request = factories.consent_request()
    sign(client, path_of(signing_url(request)), request, care="no")
    status = client.get(f"/api/v1/consent-requests/{request.id}", headers=auth(key)).json
    assert status["status"] == "declined" and "consent_token" not in status


def test_expired_request_reports_expired(client, key):
    from datetime import timedelta

    from consent_service.db import utcnow
    request = factories.consent_request(max_age=10, now=utcnow() - timedelta(minutes=5))
    status = client.get(f"/api/v1/consent-requests/{request.id}", headers=auth(key)).json
    assert status["status"] == "expired" and "signing_url" not in status


def other_purpose_token(consent):
    return TokenService("consent-manage", tuple(TEST_KEYS), 60).dumps(
        {"c": consent.id, "v": consent.form_version})


def other_key_token(consent):
    return TokenService("consent", ("another-key-dddddddddddddddddddd",), 60).dumps(
        {"c": consent.id, "v": consent.form_version})


def expired_token(consent):
    import time

    from itsdangerous import TimestampSigner, URLSafeTimedSerializer

    class SignedLongAgo(TimestampSigner):
        def get_timestamp(self):  # 91 days ago, past the 90-day maximum age
            return int(time.time()) - 91 * 24 * 3600

    serializer = URLSafeTimedSerializer(TEST_KEYS[-1], salt="consent", signer=SignedLongAgo)
    return serializer.dumps({"c": consent.id, "v": consent.form_version})


def unknown_consent_token(consent):
    return TokenService("consent", tuple(TEST_KEYS), 60).dumps({"c": "no-such-id", "v": 1})


@pytest.mark.parametrize("make_token, reason", [
    (other_purpose_token, "bad_signature"),
    (other_key_token, "bad_signature"),
    (lambda consent: consent_token(consent)[:-6], "bad_signature"),
    (expired_token, "expired"),
    (unknown_consent_token, "unknown"),
    (lambda consent: "garbage", "malformed"),
    (lambda consent: "", "malformed"),
    (lambda consent: 12345, "malformed"),
    (lambda consent: None, "malformed"),
])
def test_bad_tokens_are_invalid_with_the_right_reason(client, key, make_token, reason):
    consent = factories.consent()
    body = client.post("/api/v1/consent-tokens/verify", headers=auth(key),
                       json={"token": make_token(consent)}).json
    assert body == {"valid": False, "reason": reason}


def test_superseded_consent_is_reported(client, key, app, tmp_path):
    import shutil

    from consent_service.consent.formfiles import FormRegistry
    from tests.conftest import FORMS_DIR

    consent = factories.consent()
    shutil.copytree(FORMS_DIR, tmp_path / "forms")
    folder = tmp_path / "forms" / "ern-panel-consent"
    shutil.copytree(folder / "1", folder / "2")
    (folder / "2" / "form.toml").write_text(
        (folder / "2" / "form.toml").read_text().replace("version = 1", "version = 2", 1))
    app.extensions["forms"] = FormRegistry(tmp_path / "forms")
    body = client.post("/api/v1/consent-tokens/verify", headers=auth(key),
                       json={"token": consent_token(consent)}).json
    assert body["valid"] is False and body["reason"] == "superseded"


def test_consent_documents_listing_and_receipt_pdf(client, key):
    consent = factories.consent()
    one = client.get(f"/api/v1/consents/{consent.id}", headers=auth(key)).json
    assert one["receipt_id"] == consent.receipt_id and one["status"] == "active"
    listing = client.get(f"/api/v1/consents?patient_ref={consent.patient_ref}"
                         f"&hospital={consent.hospital.code}", headers=auth(key)).json
    assert [c["id"] for c in listing["consents"]] == [consent.id]
    pdf = client.get(f"/api/v1/consents/{consent.id}/receipt.pdf", headers=auth(key))
    assert pdf.status_code == 200
    assert consent.receipt_id in PdfReader(io.BytesIO(pdf.data)).pages[0].extract_text()
    missing = client.get("/api/v1/consents/nope", headers=auth(key))
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"


@pytest.mark.parametrize("headers", [
    {}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic abc"},
    {"Authorization": "Bearer "}, {"Authorization": "Bearer " + "x" * 500},
])
def test_missing_or_wrong_key_is_401_problem(client, headers):
    response = client.post("/api/v1/consent-tokens/verify", headers=headers, json={"token": "x"})
    assert response.status_code == 401
    assert response.mimetype == "application/problem+json"
    assert response.json["status"] == 401 and response.json["type"].endswith("/unauthorized")
    assert response.headers["WWW-Authenticate"] == "Bearer"


def test_revoked_key_is_401(client, db):
    from consent_service.api.models import ApiClient
    from consent_service.db import utcnow

    key = factories.api_key("consent:verify")
    for row in db.query(ApiClient):
        row.revoked_at = utcnow()
    db.commit()
    assert client.post("/api/v1/consent-tokens/verify", headers=auth(key),
                       json={"token": "x"}).status_code == 401


def test_wrong_scope_is_403_problem(client):
    key = factories.api_key("consent:verify")
    response = client.post("/api/v1/consent-requests", headers=auth(key),
                           json={"patient_ref": "P", "hospital": "DEMO"})
    assert response.status_code == 403 and response.mimetype == "application/problem+json"
    assert "consent:request" in response.json["detail"]


def test_body_over_64_kib_is_413_problem(client, key):
    response = client.post("/api/v1/consent-tokens/verify", headers=auth(key),
                           data=b'{"token": "' + b"x" * (65 * 1024) + b'"}',
                           content_type="application/json")
    assert response.status_code == 413 and response.mimetype == "application/problem+json"


@pytest.mark.parametrize("data, content_type", [
    (b"{not json", "application/json"),
    (b"", "application/json"),
    (b'{"token": "x"}', "text/plain"),
    (b"\xff\xfe", "application/json"),
    (b'["token"]', "application/json"),
])
def test_malformed_json_is_400_problem(client, key, data, content_type):
    response = client.post("/api/v1/consent-tokens/verify", headers=auth(key), data=data,
                           content_type=content_type)
    assert response.status_code == 400 and response.mimetype == "application/problem+json"


@pytest.mark.parametrize("body, field", [
    ({"hospital": "DEMO"}, "patient_ref"),
    ({"patient_ref": "Maria Rossi", "hospital": "DEMO"}, "patient_ref"),
    ({"patient_ref": "P" * 65, "hospital": "DEMO"}, "patient_ref"),
    ({"patient_ref": 42, "hospital": "DEMO"}, "patient_ref"),
    ({"patient_ref": "P1"}, "hospital"),
    ({"patient_ref": "P1", "hospital": "DEMO", "language": "xx"}, "language"),
    ({"patient_ref": "P1", "hospital": "DEMO", "language": "en-GB"}, "language"),
    ({"patient_ref": "P1", "hospital": "DEMO", "language": None}, "language"),
    ({"patient_ref": "P1", "hospital": "DEMO", "name": "Maria"}, "name"),
])
def test_invalid_request_fields_are_named(client, key, hospital, body, field):
    response = client.post("/api/v1/consent-requests", headers=auth(key), json=body)
    assert response.status_code == 400 and response.mimetype == "application/problem+json"
    assert field in response.json["errors"]


def test_unknown_hospital_is_422(client, key):
    response = client.post("/api/v1/consent-requests", headers=auth(key),
                           json={"patient_ref": "P1", "hospital": "NOPE"})
    assert response.status_code == 422 and response.json["errors"]["hospital"]


@pytest.mark.parametrize("body", [{}, {"token": "x", "require": "care"},
                                  {"token": "x", "require": ["everything"]},
                                  {"token": "x", "require": [1]}])
def test_invalid_verify_bodies_are_400(client, key, body):
    response = client.post("/api/v1/consent-tokens/verify", headers=auth(key), json=body)
    assert response.status_code == 400 and response.mimetype == "application/problem+json"


def test_email_sends_the_signing_link_in_the_requests_language(client, key, hospital, db):
    from consent_service.outbox.models import OutboxMessage

    response = client.post("/api/v1/consent-requests", headers=auth(key), json={
        "patient_ref": "PSN-9", "hospital": "DEMO", "language": "de",
        "email": "patient@bücher.example"})
    assert response.status_code == 201
    message = db.query(OutboxMessage).one()
    assert message.recipient == "patient@bücher.example" and message.language == "de"
    assert message.kind == "consent_signing_link" and message.status == "queued"
    assert path_of(response.json["signing_url"]).split("/")[2][:20] in message.body_text
    assert "patient@" not in str(response.json)


@pytest.mark.parametrize("email", ["", "no-at-sign", "a@b\nBcc: x@y", 42, ["a@b.example"]])
def test_bad_email_is_400_and_nothing_is_created(client, key, hospital, db, email):
    from consent_service.consent.models import ConsentRequest
    from consent_service.outbox.models import OutboxMessage

    response = client.post("/api/v1/consent-requests", headers=auth(key), json={
        "patient_ref": "PSN-9", "hospital": "DEMO", "email": email})
    assert response.status_code == 400 and "email" in response.json["errors"]
    assert db.query(ConsentRequest).count() == 0 and db.query(OutboxMessage).count() == 0
