"""Access requests in each state, created through the onboarding services, never by hand.

Each factory takes `now` (default: the present) and returns the request. A filled request is a
physician at a member hospital of the network whose email domain matches the address, so it
passes every pre-check; a guest request works at a hospital not in the directory and names a
sponsor at a member hospital.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from sqlalchemy import select

from consent_service.db import session, utcnow
from consent_service.directory.models import Hospital, HospitalDomain
from consent_service.onboarding import services
from consent_service.onboarding.models import (
    APPROVED,
    GUEST,
    REJECTED,
    RETURNED,
    AccessRequest,
    Professional,
    RequestEvent,
)
from tests import factories

_counter = itertools.count(1)


def member_hospital(network_code: str = "ReCONNET", *, domain: str | None = None,
                    country: str = "IT", name: str | None = None) -> Hospital:
    """Create a hospital with an email domain, a full member of the network."""
    number = next(_counter)
    hospital = factories.hospital(name=name or f"Ospedale Test {number}", country=country)
    hospital.domains.append(HospitalDomain(domain=domain or f"h{number}.hospital.example"))
    factories.membership(hospital, network_code)
    return hospital


def address_at(hospital: Hospital, local: str | None = None) -> str:
    """Return an address at the hospital's first email domain."""
    return f"{local or f'dr{next(_counter)}'}@{hospital.domains[0].domain}"


def draft_request(*, email: str | None = None, country: str = "IT", language: str = "en",
                  now: datetime | None = None) -> AccessRequest:
    """Start a request: a draft whose address is not confirmed yet."""
    return services.start(session(), email=email or f"applicant{next(_counter)}@example.org",
                          country=country, language=language, now=now or utcnow())


def verified_request(*, email: str | None = None, country: str = "IT", language: str = "en",
                     now: datetime | None = None) -> AccessRequest:
    """Start a request and confirm its address."""
    now = now or utcnow()
    access_request = draft_request(email=email, country=country, language=language, now=now)
    services.verify_email(session(), access_request, now=now)
    return access_request


def _network_id(code: str) -> str:
    return factories.network(code).id


def filled_request(network_code: str = "ReCONNET", *, email: str | None = None,
                   language: str = "en", now: datetime | None = None,
                   **answers) -> AccessRequest:
    """A verified request with every answer: a physician, member at a member hospital.

    The hospital's domain matches the address (a new hospital is made for the address's
    domain when none has it); answers override the defaults.
    """
    now = now or utcnow()
    hospital = None
    if email is not None:
        domain = email.rpartition("@")[2]
        hospital = session().scalars(select(Hospital).join(Hospital.domains).where(
            HospitalDomain.domain == domain)).first()
        if hospital is None:
            hospital = member_hospital(network_code, domain=domain)
    else:
        hospital = member_hospital(network_code)
        email = address_at(hospital)
    access_request = verified_request(email=email, language=language, now=now)
    defaults = {"name": "Anna Bianchi", "profession": "physician",
                "registration_number": "PD-12345", "hospital_id": hospital.id,
                "network_id": _network_id(network_code), "role": "member",
                "reason": "I treat children with connective tissue diseases."}
    services.save(session(), access_request, now=now, **(defaults | answers))
    return access_request


def submitted_request(network_code: str = "ReCONNET", *, email: str | None = None,
                      language: str = "en", now: datetime | None = None,
                      **answers) -> AccessRequest:
    """A filled request, submitted: waiting for a reviewer."""
    now = now or utcnow()
    access_request = filled_request(network_code, email=email, language=language, now=now,
                                    **answers)
    services.submit(session(), access_request, now=now)
    return access_request


def guest_request(network_code: str = "ReCONNET", *, email: str | None = None,
                  sponsor_email: str | None = None, language: str = "en",
                  now: datetime | None = None) -> AccessRequest:
    """A verified guest request, filled in: hospital not listed, sponsor at a member hospital."""
    now = now or utcnow()
    if sponsor_email is None:
        sponsor_email = address_at(member_hospital(network_code), "sponsor")
    access_request = verified_request(
        email=email or f"guest{next(_counter)}@clinic.example", language=language, now=now)
    services.save(session(), access_request, now=now, name="Jonas Berg",
                  profession="physician", registration_number="SE-998877",
                  hospital_other="Privatklinik Berg, Uppsala",
                  network_id=_network_id(network_code), role="guest",
                  reason="A patient of mine will be discussed in a panel.",
                  sponsor_email=sponsor_email, sponsor_name="Maria Rossi")
    return access_request


def guest_submitted_request(network_code: str = "ReCONNET", *, email: str | None = None,
                            sponsor_email: str | None = None, language: str = "en",
                            now: datetime | None = None) -> AccessRequest:
    """A guest request, submitted: its sponsor has been asked to confirm."""
    now = now or utcnow()
    access_request = guest_request(network_code, email=email, sponsor_email=sponsor_email,
                                   language=language, now=now)
    services.submit(session(), access_request, now=now)
    return access_request


def mark_returned(access_request: AccessRequest, *, fields=("registration_number",),
                  reason_codes=("registration_number",),
                  message: str = "Please give your registration number as on the register.",
                  now: datetime | None = None) -> AccessRequest:
    """Return a waiting request as a reviewer does (status, flagged fields, timeline event).

    Written through the model while the reviewers' decision service is being built.
    """
    now = now or utcnow()
    access_request.status = RETURNED
    access_request.flagged_fields = list(fields)
    access_request.decided_at = None
    access_request.events.append(RequestEvent(
        kind="returned", actor="staff:test", at=now, reason_codes=list(reason_codes),
        fields=list(fields), message=message))
    session().commit()
    return access_request


def mark_rejected(access_request: AccessRequest, *, reason_codes=("hospital_not_member",),
                  message: str = "Your hospital does not belong to this network.",
                  now: datetime | None = None) -> AccessRequest:
    """Reject a waiting request as a reviewer does, through the model (see mark_returned)."""
    now = now or utcnow()
    access_request.status, access_request.decided_at = REJECTED, now
    access_request.events.append(RequestEvent(
        kind="rejected", actor="staff:test", at=now, reason_codes=list(reason_codes),
        message=message))
    session().commit()
    return access_request


def mark_approved(access_request: AccessRequest, *, now: datetime | None = None,
                  expires_at: datetime | None = None) -> Professional:
    """Approve a waiting request as a reviewer does, through the model (see mark_returned)."""
    now = now or utcnow()
    if access_request.role == GUEST and expires_at is None:
        expires_at = now + timedelta(days=90)
    access_request.status, access_request.decided_at = APPROVED, now
    access_request.events.append(RequestEvent(kind="approved", actor="staff:test", at=now))
    professional = Professional(
        request=access_request, email=access_request.email, name=access_request.name,
        hospital_id=access_request.hospital_id, hospital_name=access_request.hospital_label,
        network_id=access_request.network_id, role=access_request.role, approved_at=now,
        expires_at=expires_at)
    session().add(professional)
    session().commit()
    return professional


# --- over HTTP -------------------------------------------------------------------------------

def last_email(to: str, kind: str | None = None):
    """Return the newest outbox message to an address (of a kind)."""
    from consent_service.outbox.models import OutboxMessage

    statement = select(OutboxMessage).where(OutboxMessage.recipient == to)
    if kind is not None:
        statement = statement.where(OutboxMessage.kind == kind)
    return session().scalars(statement.order_by(OutboxMessage.created_at.desc(),
                                                OutboxMessage.id.desc())).first()


def link_in(message) -> str:
    """Return the path of the first link of the service in an email's text."""
    import re

    from flask import current_app

    base = re.escape(current_app.config["PUBLIC_URL"].rstrip("/"))
    match = re.search(rf"{base}(/\S+)", message.body_text)
    assert match, message.body_text
    return match.group(1)


def open_as_applicant(client, access_request: AccessRequest):
    """Open the request's emailed link in client, as the applicant does."""
    from consent_service.onboarding.links import request_url

    return client.get(request_url(access_request).removeprefix("http://localhost"))
