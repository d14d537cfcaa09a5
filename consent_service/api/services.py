"""API operations: clients and keys, consent token verification, consent documents."""

from __future__ import annotations

import hashlib
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from .. import audit, tokens
from ..consent.formfiles import FormRegistry
from ..consent.models import Consent
from ..consent.services import consent_status
from .models import SCOPES, ApiClient

KEY_PREFIX = "csk_"
MAX_NAME = 80  # api_clients.name


class UnknownScope(ValueError):
    """A scope that the API does not know."""


class InvalidClientName(ValueError):
    """A client name that is empty, too long, or holds control characters."""


class AlreadyRevoked(Exception):
    """The client's key was revoked before: nothing more can change."""


def clean_client_name(name: str) -> str:
    """Return the name as stored (NFC, inner spaces collapsed), or raise InvalidClientName."""
    cleaned = " ".join(unicodedata.normalize("NFC", name).split())
    if not cleaned or len(cleaned) > MAX_NAME or any(
            unicodedata.category(ch).startswith("C") for ch in cleaned):
        raise InvalidClientName(f"give a name of 1 to {MAX_NAME} visible characters")
    return cleaned


def hash_key(key: str) -> str:
    """Return the stored form of an API key (keys are random, so a plain SHA-256 suffices)."""
    return hashlib.sha256(key.encode()).hexdigest()


def create_client(db: Session, *, name: str, scopes: list[str],
                  actor: str) -> tuple[ApiClient, str]:
    """Create a client and return it with its key, which is shown once and stored hashed."""
    unknown = sorted(set(scopes) - set(SCOPES))
    if unknown or not scopes:
        raise UnknownScope(", ".join(unknown) or "no scope given")
    name = clean_client_name(name)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    client = ApiClient(name=name, key_hash=hash_key(key), scopes=sorted(set(scopes)))
    db.add(client)
    db.flush()
    audit.record(db, "api_client.created", "api_client", client.id, actor,
                 scopes=",".join(client.scopes))
    db.commit()
    return client, key


def revoke_client(db: Session, *, client: ApiClient, actor: str, now: datetime) -> None:
    """Stop the client's key from working at once; the client stays listed."""
    # Conditional update: of two administrators revoking at once, exactly one succeeds.
    changed = db.execute(update(ApiClient).where(
        ApiClient.id == client.id, ApiClient.revoked_at.is_(None)).values(revoked_at=now))
    if changed.rowcount != 1:
        db.rollback()
        raise AlreadyRevoked()
    audit.record(db, "api_client.revoked", "api_client", client.id, actor)
    db.commit()


def api_clients(db: Session) -> list[ApiClient]:
    """Return every client, active ones first, the newest first."""
    return list(db.scalars(select(ApiClient).order_by(
        ApiClient.revoked_at.is_not(None), ApiClient.created_at.desc())))


def find_client(db: Session, key: str) -> ApiClient | None:
    """Return the active client holding key, if any."""
    client = db.scalars(select(ApiClient).where(ApiClient.key_hash == hash_key(key))).first()
    return client if client is not None and client.revoked_at is None else None


def consent_document(consent: Consent, forms: FormRegistry) -> dict:
    """Return the consent as the API shows it: ids, choices and status, no names."""
    return {
        "id": consent.id,
        "receipt_id": consent.receipt_id,
        "patient_ref": consent.patient_ref,
        "hospital": consent.hospital.code,
        "form_id": consent.form_id,
        "form_version": consent.form_version,
        "language": consent.language,
        "signer_role": consent.signer_role,
        "choices": consent.choices,
        "status": consent_status(consent, forms),
        "signed_at": consent.signed_at.isoformat(),
        "changed_at": consent.changed_at.isoformat() if consent.changed_at else None,
        "withdrawn_at": consent.withdrawn_at.isoformat() if consent.withdrawn_at else None,
        "text_sha256": consent.text_sha256,
    }


@dataclass(frozen=True)
class Verification:
    """The answer to a verify call."""

    valid: bool
    reason: str | None = None
    permitted: bool | None = None
    consent: dict | None = None

    def as_dict(self) -> dict:
        body: dict = {"valid": self.valid}
        for name in ("reason", "permitted", "consent"):
            if getattr(self, name) is not None:
                body[name] = getattr(self, name)
        return body


def verify_consent_token(db: Session, *, token: object, require: list[str],
                         forms: FormRegistry, service: tokens.TokenService) -> Verification:
    """Check a consent token against the database as it is now."""
    try:
        payload = service.loads(token)
    except tokens.TokenError as error:
        return Verification(False, error.reason)
    consent = db.get(Consent, str(payload.get("c")))
    if consent is None or consent.decision != "given" or payload.get("v") != consent.form_version:
        return Verification(False, "unknown")
    document = consent_document(consent, forms)
    status = document["status"]
    if status != "active":
        return Verification(False, status, False, document)
    permitted = all(document["choices"].get(key) for key in require)
    return Verification(True, None, permitted, document)
