"""Invitation services without HTTP: create, status, accept, and what each records."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from consent_service.audit import AuditEvent
from consent_service.invitations import services
from consent_service.onboarding import services as onboarding_services
from consent_service.onboarding.errors import NotEligible
from consent_service.onboarding.models import EMAIL_VERIFIED, GUEST, SUBMITTED, AccessRequest
from consent_service.outbox.models import OutboxMessage
from tests.unit.invitations import factories

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)


def audit_rows(db, action):
    return list(db.scalars(select(AuditEvent).where(AuditEvent.action == action)))


def test_create_records_the_invitation_queues_its_email_and_audits_ids_only(db):
    client, _key = factories.inviting_client()
    invitation = factories.invitation(client, email="Anna@Klinik.EXAMPLE", language="de",
                                      role=GUEST, now=T0)
    assert invitation.email == "anna@klinik.example"  # as access requests store addresses
    assert invitation.expires_at == T0 + timedelta(days=14)
    message = db.get(OutboxMessage, invitation.outbox_message_id)
    assert message.kind == "invitation" and message.language == "de"
    assert message.recipient == "anna@klinik.example" and message.status == "queued"
    assert "/join/invitation/" in message.body_text
    [row] = audit_rows(db, "invitation.created")
    assert row.subject_id == invitation.id and row.actor == f"api_client:{client.id}"
    assert json.loads(row.data) == {"network": "ReCONNET", "role": "guest",
                                    "outbox_message": message.id}
    assert "klinik" not in row.data.lower()


def test_unknown_network_creates_nothing(db):
    with pytest.raises(services.UnknownNetwork):
        factories.invitation(network_code="NoSuchERN")
    assert db.scalars(select(OutboxMessage)).all() == []
    assert "ReCONNET" in services.network_codes(db)


@pytest.mark.parametrize(("outbox_status", "expected"), [
    ("queued", "queued"), ("sending", "queued"), ("sent", "sent"), ("failed", "failed")])
def test_status_follows_the_email_until_accepted_or_expired(db, outbox_status, expected):
    invitation = factories.invitation(now=T0)
    invitation.outbox_message.status = outbox_status
    assert services.invitation_status(invitation, T0 + timedelta(days=1)) == expected
    assert services.invitation_status(invitation, T0 + timedelta(days=14)) == "expired"
    invitation.accepted_at = T0 + timedelta(days=20)  # accepted wins over everything
    assert services.invitation_status(invitation, T0 + timedelta(days=30)) == "accepted"


def test_accept_starts_a_verified_prefilled_request_and_forgets_the_address(db):
    invitation = factories.invitation(email="giulia@ospedale.example", role=GUEST,
                                      language="it", now=T0)
    now = T0 + timedelta(days=2)
    request = services.accept(db, invitation, country="IT", now=now)
    assert request.status == EMAIL_VERIFIED and request.verified_at == now
    assert (request.email, request.name, request.country) == (
        "giulia@ospedale.example", "Giulia Bianchi", "IT")
    assert (request.network_id, request.role, request.language) == (
        invitation.network_id, GUEST, "it")
    assert request.invitation_id == invitation.id
    assert [(e.kind, e.actor) for e in request.events] == [
        ("started", "invitation"), ("email_verified", "invitation")]
    assert invitation.accepted_at == now and invitation.email is None
    db.expire_all()
    assert services.invitation_status(invitation, now) == "accepted"
    assert services.request_of(db, invitation).id == request.id
    [row] = audit_rows(db, "invitation.accepted")
    assert json.loads(row.data) == {"access_request": request.id}


def test_accepting_twice_starts_no_second_request(db):
    invitation = factories.invitation(now=T0)
    services.accept(db, invitation, country="DE", now=T0)
    with pytest.raises(services.AlreadyAccepted):
        services.accept(db, invitation, country="DE", now=T0)
    assert len(db.scalars(select(AccessRequest)).all()) == 1


def test_a_country_outside_the_eu_eea_records_nothing(db):
    invitation = factories.invitation(now=T0)
    with pytest.raises(NotEligible):
        services.accept(db, invitation, country="CH", now=T0)
    assert invitation.accepted_at is None and invitation.email is not None
    assert db.scalars(select(AccessRequest)).all() == []


def test_an_expired_invitation_cannot_be_accepted(db):
    invitation = factories.invitation(now=T0)
    with pytest.raises(services.InvitationExpired):
        services.accept(db, invitation, country="IT", now=T0 + timedelta(days=14))


def test_expired_invitations_lose_their_address_open_ones_keep_it(db):
    expired = factories.invitation(now=T0)
    still_open = factories.invitation(now=T0 + timedelta(days=10))
    assert services.erase_expired(db, now=T0 + timedelta(days=15)) == 1
    db.commit()
    db.refresh(expired)
    db.refresh(still_open)
    assert expired.email is None and still_open.email is not None
    assert services.erase_expired(db, now=T0 + timedelta(days=15)) == 0


def test_active_professional_of_the_same_network_only(db):
    now = datetime.now(UTC)
    invitation = factories.invitation(email="luca@ospedale.example")
    assert services.active_professional(db, invitation, now) is None
    factories.professional(email="luca@ospedale.example", network_code="ERKNet")
    factories.professional(email="luca@ospedale.example", revoked_at=now - timedelta(days=1))
    assert services.active_professional(db, invitation, now) is None
    active = factories.professional(email="luca@ospedale.example")
    assert services.active_professional(db, invitation, now) == active
    services.accept_with_existing_access(db, invitation, professional=active, now=now)
    assert invitation.accepted_at == now and invitation.email is None
    [row] = audit_rows(db, "invitation.accepted")
    assert json.loads(row.data) == {"professional": active.id}


def test_a_request_the_invitee_started_alone_is_completed_not_doubled(db):
    draft = onboarding_services.start(db, email="Sara@Ospedale.example", country="IT",
                                      language="en", now=T0)
    invitation = factories.invitation(email="sara@ospedale.example", name="Sara Neri",
                                      role=GUEST, now=T0)
    request = services.accept(db, invitation, country="AT", now=T0 + timedelta(hours=1))
    assert request.id == draft.id and len(db.scalars(select(AccessRequest)).all()) == 1
    assert request.status == EMAIL_VERIFIED and request.country == "AT"
    assert (request.name, request.network_id, request.role) == (
        "Sara Neri", invitation.network_id, GUEST)
    assert request.invitation_id == invitation.id
    assert [e.kind for e in request.events][-1] == "email_verified"


def test_a_submitted_request_keeps_its_answers(db):
    draft = onboarding_services.start(db, email="ivo@ospedale.example", country="HR",
                                      language="hr", now=T0)
    draft.status, draft.name = SUBMITTED, "Ivo Horvat"
    db.commit()
    invitation = factories.invitation(email="ivo@ospedale.example", name="Dr Ivo H.", now=T0)
    request = services.accept(db, invitation, country="SI", now=T0)
    assert request.id == draft.id and request.status == SUBMITTED
    assert (request.name, request.country, request.network_id) == ("Ivo Horvat", "HR", None)
    assert services.request_of(db, invitation) == request
