"""Onboarding rows for reminder and funnel tests, written directly as model rows.

The onboarding and review services (request, return, decide) are built in parallel; until
they exist these factories set the states those services would leave behind.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from consent_service.api.services import create_client
from consent_service.db import session
from consent_service.directory.models import Network
from consent_service.invitations.models import Invitation
from consent_service.onboarding.models import AccessRequest, RequestEvent

DAY0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
_counter = itertools.count(1)


def day(number: float) -> datetime:
    """Return DAY0 plus number days."""
    return DAY0 + timedelta(days=number)


def network(code: str = "ReCONNET") -> Network:
    """Return a network created by the migrations."""
    return session().scalars(select(Network).where(Network.code == code)).one()


def access_request(status: str = "draft", *, email: str | None = None, language: str = "en",
                   network_code: str | None = "ReCONNET", created_at: datetime = DAY0,
                   updated_at: datetime | None = None, **values) -> AccessRequest:
    """Create a request in status with the given columns (times default to created_at)."""
    row = AccessRequest(
        email=email or f"doctor{next(_counter)}@hospital.example", language=language,
        status=status, country="IT", name="Anna Bianchi",
        network=network(network_code) if network_code else None, created_at=created_at,
        updated_at=updated_at or created_at, **values)
    session().add(row)
    session().commit()
    return row


def event(request: AccessRequest, kind: str, at: datetime, **values) -> RequestEvent:
    """Add a timeline event to request."""
    row = RequestEvent(request=request, kind=kind, at=at, actor="test", **values)
    session().add(row)
    session().commit()
    return row


def invitation(*, created_at: datetime = DAY0, expires_at: datetime | None = None,
               email: str | None = "invitee@hospital.example", language: str = "en",
               network_code: str = "ReCONNET", **values) -> Invitation:
    """Create an invitation sent at created_at (14 days to accept unless expires_at)."""
    client, _key = create_client(session(), name="panel system", scopes=["panel:invite"],
                                 actor="test")
    row = Invitation(client_id=client.id, panel_ref="PANEL-1", email=email, name="Jan Novak",
                     network=network(network_code), role="member", language=language,
                     created_at=created_at, expires_at=expires_at or created_at
                     + timedelta(days=14), **values)
    session().add(row)
    session().commit()
    return row
