"""Access requests in a given state, for the reviewers' tests.

Written while the applicants' services were being built, these rows are made directly in the
state a test needs (any status, any waiting time, a chosen network). Requests made through the
services (tests/onboarding_factories.py) are reviewed in test_review_with_onboarding.py; moving
the other tests onto those factories is a follow-up.
"""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from consent_service.db import session, utcnow
from consent_service.directory.models import HospitalDomain
from consent_service.onboarding.models import GUEST, MEMBER, SUBMITTED, AccessRequest
from consent_service.review import decisions
from consent_service.review.models import StaffMember
from tests import factories

_counter = itertools.count(1)


def access_request(*, status: str = SUBMITTED, network_code: str = "ReCONNET",
                   role: str = MEMBER, language: str = "en",
                   waiting_since: datetime | None = None, sponsor_confirmed: bool = False,
                   email: str | None = None, hospital_domain: str | None = None,
                   profession: str = "physician") -> AccessRequest:
    """Create a request with every answer filled, at a hospital that belongs to the network.

    Members' hospitals have no email domain (so no sponsor is needed) unless hospital_domain is
    given; guests name a sponsor, who has confirmed when sponsor_confirmed.
    """
    number = next(_counter)
    hospital = factories.hospital(name=f"Ospedale {number}")
    factories.membership(hospital, network_code=network_code)
    if hospital_domain:
        session().add(HospitalDomain(hospital=hospital, domain=hospital_domain))
    waiting_since = waiting_since or utcnow() - timedelta(hours=number)
    row = AccessRequest(
        email=email or f"applicant{number}@example.org", language=language, status=status,
        country="IT", name=f"Giulia Bianchi {number}", profession=profession,
        registration_number=f"PD-{number:05d}", hospital=hospital,
        network=factories.network(network_code), role=role,
        reason="I treat children with rare kidney diseases and need advice from the panel.",
        submissions=1, created_at=waiting_since - timedelta(days=1),
        updated_at=waiting_since, verified_at=waiting_since - timedelta(days=1),
        submitted_at=waiting_since, waiting_since=waiting_since)
    if role == GUEST:
        row.sponsor_email = f"sponsor{number}@example.org"
        row.sponsor_name = "Marco Verdi"
        if sponsor_confirmed:
            row.sponsor_confirmed_at = waiting_since
    session().add(row)
    session().commit()
    return row


def approved(reviewer: StaffMember, *, role: str = MEMBER, now: datetime | None = None,
             **kwargs):
    """Create a request and approve it through the service; return the professional."""
    request = access_request(role=role, sponsor_confirmed=role == GUEST, **kwargs)
    decisions.decide(session(), request, reviewer=reviewer, decision=decisions.APPROVE,
                     reason_codes=[], fields=[], message="", now=now or utcnow())
    return request.professional
