"""Onboarding token verification: the professional as they are now, read on every call."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from .. import tokens
from ..onboarding.models import Professional


def professional_document(professional: Professional) -> dict:
    """Return the professional as panel services see them."""
    hospital = professional.hospital
    return {
        "id": professional.id,
        "name": professional.name,
        "email": professional.email,
        "hospital": hospital.code if hospital is not None else None,
        "hospital_name": professional.hospital_name,
        "networks": [professional.network.code],
        "role": professional.role,
        "approved_at": professional.approved_at.isoformat(),
        "expires_at": professional.expires_at.isoformat() if professional.expires_at else None,
        "revoked_at": professional.revoked_at.isoformat() if professional.revoked_at else None,
    }


@dataclass(frozen=True)
class OnboardingVerification:
    """The answer to a verify call."""

    valid: bool
    reason: str | None = None
    professional: dict | None = None

    def as_dict(self) -> dict:
        body: dict = {"valid": self.valid}
        if self.reason is not None:
            body["reason"] = self.reason
        if self.professional is not None:
            body["professional"] = self.professional
        return body


def verify_onboarding_token(db: Session, *, token: object, service: tokens.TokenService,
                            now: datetime) -> OnboardingVerification:
    """Check an onboarding token against the professional's access at now."""
    try:
        payload = service.loads(token)
    except tokens.TokenError as error:
        return OnboardingVerification(False, error.reason)
    professional_id = payload.get("p")
    professional = db.get(Professional, professional_id) \
        if isinstance(professional_id, str) and len(professional_id) <= 36 else None
    if professional is None:
        return OnboardingVerification(False, "unknown")
    document = professional_document(professional)
    if professional.revoked_at is not None:
        return OnboardingVerification(False, "revoked", document)
    if professional.expires_at is not None and professional.expires_at <= now:
        return OnboardingVerification(False, "access_expired", document)
    return OnboardingVerification(True, None, document)
