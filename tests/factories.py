"""Factories that create real rows through the services, never mocks."""

from __future__ import annotations

import itertools
from datetime import date

from flask import current_app
from sqlalchemy import select

from consent_service.api.services import create_client
from consent_service.consent import services
from consent_service.consent.links import form_text_for
from consent_service.db import session
from consent_service.directory.models import Hospital, Membership, Network

_counter = itertools.count(1)


def hospital(code: str | None = None, name: str = "Test Hospital", country: str = "IT") -> Hospital:
    """Create a hospital."""
    row = Hospital(code=code or f"H{next(_counter):04d}", name=name, country=country,
                   city="Padova")
    session().add(row)
    session().commit()
    return row


def api_key(*scopes: str, name: str = "panel system") -> str:
    """Create an API client with scopes and return its key."""
    _client, key = create_client(session(), name=name, scopes=list(scopes), actor="test")
    return key


def consent_request(hospital_row: Hospital | None = None, language: str = "en",
                    patient_ref: str | None = None, max_age: int | None = None, now=None):
    """Create a consent request."""
    hospital_row = hospital_row or hospital()
    return services.create_request(
        session(), forms=current_app.extensions["forms"],
        form_id=current_app.config["DEFAULT_FORM_ID"],
        patient_ref=patient_ref or f"PSN-{next(_counter):05d}", hospital_code=hospital_row.code,
        language=language, requested_by="test",
        max_age=max_age or current_app.config["TOKEN_MAX_AGE"]["consent-signing"], now=now)


def right_answers(request) -> dict[str, str]:
    """Return the correct quiz answers for a request's form."""
    return {q.key: q.answer for q in form_text_for(request).questions}


def consent(request=None, care: bool = True, registry: bool = False,
            research_contact: bool = False, role: str = "patient", now=None):
    """Sign a consent through the service."""
    request = request or consent_request()
    signer = services.Signer(role=role, name="Maria Rossi")
    if role == "guardian":
        signer = services.Signer(role=role, name="Maria Rossi", child_name="Luca Rossi",
                                 child_birth_date=date(2018, 5, 4))
    elif role == "representative":
        signer = services.Signer(role=role, name="Maria Rossi", relationship="court guardian")
    return services.sign(
        session(), request=request, text=form_text_for(request),
        choices={"care": care, "registry": registry, "research_contact": research_contact},
        signer=signer, answers=right_answers(request), now=now)


def network(code: str | None = None, name: str = "Test network") -> Network:
    """Return the network with code (the 24 ERNs exist from the migration), or create one."""
    if code is not None:
        found = session().scalars(select(Network).where(Network.code == code)).first()
        if found is not None:
            return found
    row = Network(code=code or f"NET{next(_counter):04d}", name=name)
    session().add(row)
    session().commit()
    return row


def membership(hospital_row: Hospital | None = None, network_code: str = "ReCONNET",
               kind: str = "member") -> Membership:
    """Make a hospital a full member (or, with kind="partner", an affiliated partner)."""
    row = Membership(hospital=hospital_row or hospital(), network=network(network_code),
                     kind=kind)
    session().add(row)
    session().commit()
    return row
