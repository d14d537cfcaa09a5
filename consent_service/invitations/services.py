"""Invitation operations: invite by email, tell the delivery status, accept into a request."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .. import audit
from ..db import utcnow
from ..directory.countries import is_eu_eea
from ..directory.models import Network
from ..onboarding.errors import NotEligible
from ..onboarding.models import (
    DRAFT,
    EDITABLE,
    EMAIL_VERIFIED,
    AccessRequest,
    Professional,
    RequestEvent,
)
from ..onboarding.services import open_request_for
from ..outbox.models import FAILED, SENT
from ..outbox.services import queue_email
from ..review.services import normalise_email
from .links import accept_url
from .models import Invitation

QUEUED, ACCEPTED, EXPIRED = "queued", "accepted", "expired"
INVITEE = "invitation"  # how timelines and audit rows name the invitee acting through the link


class InvitationError(Exception):
    """An invitation operation was refused."""


class UnknownNetwork(InvitationError):
    """No network has this code."""


class AlreadyAccepted(InvitationError):
    """The invitation was accepted before (a second click, a double submit)."""


class InvitationExpired(InvitationError):
    """The invitation is older than its time to live."""


def network_codes(db: Session) -> list[str]:
    """Return every network code, sorted case-insensitively (for error answers)."""
    return sorted(db.scalars(select(Network.code)), key=str.lower)


def create_invitation(db: Session, *, client_id: str, panel_ref: str, email: str,
                      network_code: str, role: str, language: str, max_age: int,
                      name: str = "", message: str = "",
                      now: datetime | None = None) -> Invitation:
    """Record an invitation and queue its email in the invitee's language; one transaction.

    :param client_id: the API client inviting on behalf of its panel lead.
    :param max_age: seconds the accept link and the invitation stay valid.
    """
    network = db.scalars(select(Network).where(Network.code == network_code)).first()
    if network is None:
        raise UnknownNetwork(network_code)
    now = now or utcnow()
    invitation = Invitation(
        client_id=client_id, panel_ref=panel_ref, email=normalise_email(email), name=name,
        network=network, role=role, language=language, message=message, created_at=now,
        expires_at=now + timedelta(seconds=max_age))
    db.add(invitation)
    db.flush()  # the accept link carries the invitation's id
    outbox_message = queue_email(
        db, kind="invitation", to=invitation.email, language=language, now=now,
        context={"invitee_name": name, "network_code": network.code,
                 "network_name": network.name, "role": role, "message": message,
                 "accept_url": accept_url(invitation), "expires_at": invitation.expires_at})
    db.flush()
    invitation.outbox_message_id = outbox_message.id
    audit.record(db, "invitation.created", "invitation", invitation.id, f"api_client:{client_id}",
                 network=network.code, role=role, outbox_message=outbox_message.id)
    db.commit()
    return invitation


def invitation_status(invitation: Invitation, now: datetime) -> str:
    """Return accepted, expired, or the email's delivery status: queued, sent or failed."""
    if invitation.accepted_at is not None:
        return ACCEPTED
    if invitation.expires_at <= now:
        return EXPIRED
    outbox_message = invitation.outbox_message
    if outbox_message is not None and outbox_message.status in (SENT, FAILED):
        return outbox_message.status
    return QUEUED  # queued, or being handed to the SMTP server right now


def find_for_client(db: Session, *, invitation_id: str, client_id: str) -> Invitation | None:
    """Return the invitation if this client created it; another client's is as good as absent."""
    invitation = db.get(Invitation, invitation_id)
    if invitation is None or invitation.client_id != client_id:
        return None
    return invitation


def request_of(db: Session, invitation: Invitation) -> AccessRequest | None:
    """Return the access request that accepting the invitation opened, if any."""
    return db.scalars(select(AccessRequest).where(
        AccessRequest.invitation_id == invitation.id)).first()


def active_professional(db: Session, invitation: Invitation,
                        now: datetime) -> Professional | None:
    """Return the invitee's active access to the invitation's network, if there is one."""
    if invitation.email is None:
        return None
    rows = db.scalars(select(Professional).where(
        Professional.email == normalise_email(invitation.email),
        Professional.network_id == invitation.network_id))
    return next((row for row in rows if row.active_at(now)), None)


def _mark_accepted(db: Session, invitation: Invitation, now: datetime) -> None:
    # A conditional update: of two concurrent submits only one finds the invitation open.
    result = db.execute(
        update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.accepted_at.is_(None))
        .values(accepted_at=now, email=None)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.rollback()
        raise AlreadyAccepted(invitation.id)
    # The address was needed to send the email and to prefill the request; no longer.
    invitation.accepted_at, invitation.email = now, None


def erase_expired(db: Session, *, now: datetime) -> int:
    """Erase the address of every invitation that expired unaccepted; the caller commits."""
    result = db.execute(
        update(Invitation)
        .where(Invitation.expires_at <= now, Invitation.accepted_at.is_(None),
               Invitation.email.is_not(None))
        .values(email=None)
        .execution_options(synchronize_session=False))
    return result.rowcount


def _check_open(invitation: Invitation, now: datetime) -> None:
    if invitation.accepted_at is not None:
        raise AlreadyAccepted(invitation.id)
    if invitation.expires_at <= now:
        raise InvitationExpired(invitation.id)


def accept_with_existing_access(db: Session, invitation: Invitation, *,
                                professional: Professional,
                                now: datetime | None = None) -> None:
    """Close the invitation of someone who already has access to the network; one transaction."""
    now = now or utcnow()
    _check_open(invitation, now)
    _mark_accepted(db, invitation, now)
    audit.record(db, "invitation.accepted", "invitation", invitation.id, INVITEE,
                 professional=professional.id)
    db.commit()


def _join_open_request(access_request: AccessRequest, invitation: Invitation, country: str,
                       now: datetime) -> None:
    """Let the invitation complete the request the invitee had already started on their own."""
    if access_request.status == DRAFT:
        # The invitation email reached the address too: that verifies it.
        access_request.status, access_request.verified_at = EMAIL_VERIFIED, now
        access_request.country = country
        access_request.events.append(RequestEvent(kind="email_verified", actor=INVITEE, at=now))
    if access_request.status in EDITABLE:
        # Fill only what is still blank: the applicant's own answers win.
        access_request.name = access_request.name or invitation.name
        if access_request.network_id is None and access_request.role is None:
            access_request.network_id, access_request.role = invitation.network_id, invitation.role
        access_request.updated_at = now
    if access_request.invitation_id is None:
        access_request.invitation_id = invitation.id


def accept(db: Session, invitation: Invitation, *, country: str,
           now: datetime | None = None) -> AccessRequest:
    """Start the invitee's access request with what the invitation knows; one transaction.

    The invitation email reached the address, which proves it: the request starts verified.
    An address has one open request at a time: one the invitee already started is completed
    with what it lacks rather than doubled.

    :param country: ISO 3166-1 alpha-2 code of the country the invitee works in.
    :raises NotEligible: the country is outside the EU/EEA; nothing is recorded.
    """
    now = now or utcnow()
    _check_open(invitation, now)
    if not is_eu_eea(country):
        raise NotEligible(country)
    access_request = open_request_for(db, invitation.email)
    if access_request is not None:
        _join_open_request(access_request, invitation, country, now)
    else:
        access_request = AccessRequest(
            email=invitation.email, language=invitation.language, status=EMAIL_VERIFIED,
            country=country, name=invitation.name, network_id=invitation.network_id,
            role=invitation.role, invitation_id=invitation.id, created_at=now,
            updated_at=now, verified_at=now)
        access_request.events.append(RequestEvent(kind="started", actor=INVITEE, at=now))
        access_request.events.append(
            RequestEvent(kind="email_verified", actor=INVITEE, at=now))
        db.add(access_request)
    db.flush()
    _mark_accepted(db, invitation, now)
    audit.record(db, "invitation.accepted", "invitation", invitation.id, INVITEE,
                 access_request=access_request.id)
    db.commit()
    return access_request
