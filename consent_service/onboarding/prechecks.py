"""Pre-checks: the reasons requests used to be rejected, caught before the applicant submits."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db import utcnow
from ..directory.countries import is_eu_eea
from ..directory.models import Membership
from ..directory.services import hospitals_by_domain
from .models import (
    CLINICAL_PROFESSIONS,
    GUEST,
    MEMBER,
    NON_CLINICAL_PROFESSIONS,
    AccessRequest,
    Professional,
)

# Codes of the checks; each has a plain explanation and a way forward in the templates.
COUNTRY_NOT_ELIGIBLE = "country_not_eligible"  # stop: the networks serve the EU/EEA only
MISSING = "missing"  # answers still empty: fields name them
HOSPITAL_NOT_LISTED = "hospital_not_listed"  # guest path with a sponsor
HOSPITAL_NOT_IN_NETWORK = "hospital_not_in_network"  # guest path with a sponsor
EMAIL_DOMAIN = "email_domain"  # use the work address, or a sponsor vouches
SPONSOR_NEEDED = "sponsor_needed"  # guests always need a member to confirm them
SPONSOR_NOT_MEMBER = "sponsor_not_member"  # the sponsor's address is not a member's
SPONSOR_IS_APPLICANT = "sponsor_is_applicant"
CONFIDENTIALITY = "confidentiality"  # non-clinical staff accept a confidentiality statement


@dataclass(frozen=True)
class Check:
    """One finding: what it is about, which answers it concerns, whether it is settled."""

    code: str
    fields: tuple[str, ...] = ()
    resolved: bool = False
    final: bool = False  # nothing the applicant can change here makes it pass

    @property
    def blocks(self) -> bool:
        """Return True while this finding stops the request from being submitted."""
        return not self.resolved


def missing_fields(request: AccessRequest) -> tuple[str, ...]:
    """Return the answers a submission needs that are still empty."""
    missing = []
    if not request.name.strip():
        missing.append("name")
    if request.profession is None:
        missing.append("profession")
    if request.profession in CLINICAL_PROFESSIONS and not request.registration_number.strip():
        missing.append("registration_number")
    if request.hospital_id is None and not request.hospital_other.strip():
        missing.append("hospital")
    if request.network_id is None:
        missing.append("network")
    if request.role is None:
        missing.append("role")
    if not request.reason.strip():
        missing.append("reason")
    return tuple(missing)


def hospital_in_network(db: Session, request: AccessRequest) -> bool:
    """Return True when the request's hospital is a member or partner of its network."""
    if request.hospital_id is None or request.network_id is None:
        return False
    return db.scalar(select(Membership.id).where(
        Membership.hospital_id == request.hospital_id,
        Membership.network_id == request.network_id)) is not None


def email_matches_hospital(db: Session, request: AccessRequest) -> bool:
    """Return True when the applicant's address is at one of the hospital's email domains.

    A listed hospital without any known domain cannot be checked, so it counts as a match.
    """
    if request.hospital is None or not request.hospital.domains:
        return True
    return request.hospital in hospitals_by_domain(db, request.email)


def sponsor_is_member(db: Session, request: AccessRequest) -> bool:
    """Return True when the sponsor is an approved member, or works at a member hospital."""
    if not request.sponsor_email or request.network_id is None:
        return False
    now = utcnow()
    for professional in db.scalars(select(Professional).where(
            Professional.email == request.sponsor_email,
            Professional.network_id == request.network_id, Professional.role == MEMBER)):
        if professional.active_at(now):
            return True
    hospital_ids = {hospital.id for hospital in hospitals_by_domain(db, request.sponsor_email)}
    return bool(hospital_ids) and db.scalar(select(Membership.id).where(
        Membership.hospital_id.in_(hospital_ids),
        Membership.network_id == request.network_id).limit(1)) is not None


def needs_sponsor(db: Session, request: AccessRequest) -> bool:
    """Return True when a member must confirm the applicant (guests, unmatched addresses)."""
    return request.role == GUEST or (
        request.hospital_id is not None and not email_matches_hospital(db, request))


def run(db: Session, request: AccessRequest) -> list[Check]:
    """Return every finding about request, most fundamental first."""
    if not is_eu_eea(request.country) or (
            request.hospital is not None and not is_eu_eea(request.hospital.country)):
        # Nothing else matters: say so before any more effort is spent.
        return [Check(COUNTRY_NOT_ELIGIBLE, ("hospital",), final=True)]
    checks = []
    missing = missing_fields(request)
    if missing:
        checks.append(Check(MISSING, missing))
    if request.hospital_id is None and request.hospital_other.strip():
        checks.append(Check(HOSPITAL_NOT_LISTED, ("hospital", "role"),
                            resolved=request.role == GUEST))
    elif request.hospital_id is not None and request.network_id is not None \
            and not hospital_in_network(db, request):
        checks.append(Check(HOSPITAL_NOT_IN_NETWORK, ("hospital", "network", "role"),
                            resolved=request.role == GUEST))
    if request.hospital_id is not None and not email_matches_hospital(db, request):
        checks.append(Check(EMAIL_DOMAIN, ("sponsor",), resolved=bool(request.sponsor_email)))
    if request.role == GUEST:
        checks.append(Check(SPONSOR_NEEDED, ("sponsor",), resolved=bool(request.sponsor_email)))
    if request.sponsor_email and needs_sponsor(db, request):
        if request.sponsor_email == request.email:
            checks.append(Check(SPONSOR_IS_APPLICANT, ("sponsor",)))
        elif not sponsor_is_member(db, request):
            checks.append(Check(SPONSOR_NOT_MEMBER, ("sponsor",)))
    if request.profession in NON_CLINICAL_PROFESSIONS:
        checks.append(Check(CONFIDENTIALITY, ("profession",),
                            resolved=request.confidentiality_accepted_at is not None))
    return checks


def can_submit(checks: list[Check]) -> bool:
    """Return True when no finding stops the submission."""
    return not any(check.blocks for check in checks)
