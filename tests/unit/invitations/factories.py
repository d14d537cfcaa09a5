"""Invitations for tests, created through the services; professionals as plain rows."""

from __future__ import annotations

import itertools
from datetime import datetime

import pytest
from flask import current_app

from consent_service.api.models import ApiClient
from consent_service.api.services import create_client
from consent_service.db import session, utcnow
from consent_service.invitations import services
from consent_service.invitations.models import Invitation
from consent_service.onboarding.models import APPROVED, MEMBER, AccessRequest, Professional
from tests import factories

_counter = itertools.count(1)
NETWORK = "ReCONNET"


def inviting_client(name: str = "panel system") -> tuple[ApiClient, str]:
    """Create an API client with the panel:invite scope; return it and its key."""
    return create_client(session(), name=name, scopes=["panel:invite"], actor="test")


def invitation(client: ApiClient | None = None, *, email: str | None = None,
               network_code: str = NETWORK, role: str = MEMBER, language: str = "en",
               name: str = "Giulia Bianchi", message: str = "Welcome to our panel.",
               now: datetime | None = None) -> Invitation:
    """Create an invitation (and its queued email) through the service."""
    client = client or inviting_client()[0]
    return services.create_invitation(
        session(), client_id=client.id, panel_ref=f"PANEL-{next(_counter):04d}",
        email=email or f"invitee{next(_counter)}@example.org", network_code=network_code,
        role=role, language=language, name=name, message=message,
        max_age=current_app.config["TOKEN_MAX_AGE"]["invitation"], now=now)


def professional(*, email: str, network_code: str = NETWORK, role: str = MEMBER,
                 expires_at: datetime | None = None,
                 revoked_at: datetime | None = None) -> Professional:
    """Create an approved request and its professional.

    Stop-gap: approval belongs to the reviewers' services, written at the same time; the rows
    are built directly in the state these tests need.
    """
    now = utcnow()
    network = factories.network(network_code)
    request = AccessRequest(email=email, language="en", status=APPROVED, country="IT",
                            name="Giulia Bianchi", network=network, role=role,
                            created_at=now, updated_at=now, verified_at=now, decided_at=now)
    row = Professional(request=request, email=email, name="Giulia Bianchi",
                       hospital_name="Ospedale di Padova", network=network, role=role,
                       approved_at=now, expires_at=expires_at, revoked_at=revoked_at)
    session().add_all([request, row])
    session().commit()
    return row


@pytest.fixture
def onboarding_route(app):
    """Stop-gap until the applicants' pages exist: the endpoint an accepted invitation opens."""
    if "onboarding.resume" not in current_app.view_functions:
        app.add_url_rule("/join/continue", "onboarding.resume", lambda: "")
