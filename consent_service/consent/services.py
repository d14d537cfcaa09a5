"""Consent operations: request, sign, decline, change, withdraw, re-consent, verify."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import audit
from ..db import utcnow
from ..directory.models import Hospital
from ..outbox.services import queue_email
from .formfiles import CHOICE_KEYS, FormRegistry, FormText
from .links import signing_url
from .models import Consent, ConsentEvent, ConsentRequest

RECEIPT_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford: no I, L, O, U


class ConsentError(Exception):
    """An operation was refused; `code` is stable, the message is for logs and CLIs."""

    code = "consent_error"


class UnknownHospital(ConsentError):
    code = "unknown_hospital"


class UnsupportedLanguage(ConsentError):
    code = "unsupported_language"


class RequestExpired(ConsentError):
    code = "request_expired"


class QuizNotPassed(ConsentError):
    code = "quiz_not_passed"


class NotAllowed(ConsentError):
    """The consent is not in a state that allows this change."""

    code = "not_allowed"


@dataclass(frozen=True)
class Signer:
    """Who signs, as checked by the sign form."""

    role: str  # patient | guardian | representative
    name: str
    relationship: str | None = None
    child_name: str | None = None
    child_birth_date: date | None = None


def request_status(request: ConsentRequest, now: datetime | None = None) -> str:
    """Return pending, signed, declined or expired."""
    if request.consent is not None:
        return "signed" if request.consent.decision == "given" else "declined"
    return "expired" if (now or utcnow()) >= request.expires_at else "pending"


def consent_status(consent: Consent, forms: FormRegistry) -> str:
    """Return active, declined, withdrawn or superseded."""
    if consent.decision == "declined":
        return "declined"
    if consent.withdrawn_at is not None:
        return "withdrawn"
    if forms.current(consent.form_id).version != consent.form_version:
        return "superseded"
    return "active"


def create_request(db: Session, *, forms: FormRegistry, form_id: str, patient_ref: str,
                   hospital_code: str, language: str, requested_by: str, max_age: int,
                   email: str | None = None, now: datetime | None = None) -> ConsentRequest:
    """Create a consent request for a patient pseudonym at a hospital.

    With email, the signing link is queued for the patient in the same transaction; the address
    lives only in the outbox row, which forgets it once the message is sent.
    """
    hospital = db.scalars(select(Hospital).where(Hospital.code == hospital_code)).first()
    if hospital is None:
        raise UnknownHospital(hospital_code)
    if language not in forms.current(form_id).texts:
        raise UnsupportedLanguage(language)
    now = now or utcnow()
    request = ConsentRequest(
        patient_ref=patient_ref, hospital=hospital, language=language, form_id=form_id,
        requested_by=requested_by, created_at=now, expires_at=now + timedelta(seconds=max_age),
    )
    db.add(request)
    db.flush()
    if email:
        queue_email(db, kind="consent_signing_link", to=email, language=language, now=now,
                    context={"hospital_name": hospital.name, "signing_url": signing_url(request),
                             "expires_at": request.expires_at})
    audit.record(db, "consent_request.created", "consent_request", request.id, requested_by,
                 emailed=bool(email))
    db.commit()
    return request


def wrong_answers(text: FormText, answers: dict[str, str | None]) -> list[str]:
    """Return the keys of questions not answered correctly, in form order."""
    return [q.key for q in text.questions if answers.get(q.key) != q.answer]


def _new_receipt_id() -> str:
    raw = "".join(secrets.choice(RECEIPT_ALPHABET) for _ in range(8))
    return f"CR-{raw[:4]}-{raw[4:]}"


def sign(db: Session, *, request: ConsentRequest, text: FormText, choices: dict[str, bool],
         signer: Signer, answers: dict[str, str], now: datetime | None = None) -> Consent:
    """Record the patient's decision once; a repeated submit returns the first consent."""
    if request.consent is not None:
        return request.consent
    now = now or utcnow()
    if now >= request.expires_at:
        raise RequestExpired(request.id)
    if wrong_answers(text, answers):
        raise QuizNotPassed(request.id)
    given = bool(choices["care"])
    decided = {key: given and bool(choices[key]) for key in CHOICE_KEYS}
    consent = Consent(
        request=request, receipt_id=_new_receipt_id(), patient_ref=request.patient_ref,
        hospital_id=request.hospital_id, form_id=text.form_id, form_version=text.version,
        language=text.language, text_sha256=text.sha256,
        decision="given" if given else "declined", quiz_answers=dict(answers),
        signer_role=signer.role, signer_name=signer.name,
        signer_relationship=signer.relationship, child_name=signer.child_name,
        child_birth_date=signer.child_birth_date, signed_at=now,
        **{f"choice_{key}": value for key, value in decided.items()},
    )
    consent.events.append(
        ConsentEvent(kind="signed" if given else "declined", choices=decided, at=now)
    )
    db.add(consent)
    try:
        db.flush()
        audit.record(db, f"consent.{'signed' if given else 'declined'}", "consent", consent.id,
                     f"request:{request.id}", form_version=text.version, language=text.language)
        db.commit()
    except IntegrityError:
        # Another submit of the same form won the race: show that consent, never a second one.
        db.rollback()
        existing = db.scalars(select(Consent).where(Consent.request_id == request.id)).first()
        if existing is None:
            raise
        return existing
    return consent


def _require_active(consent: Consent, forms: FormRegistry) -> None:
    status = consent_status(consent, forms)
    if status != "active":
        raise NotAllowed(status)


def change_choices(db: Session, *, consent: Consent, forms: FormRegistry, registry: bool,
                   research_contact: bool, now: datetime | None = None) -> bool:
    """Change the optional choices; return False when nothing changed."""
    _require_active(consent, forms)
    if (consent.choice_registry, consent.choice_research_contact) == (registry, research_contact):
        return False
    now = now or utcnow()
    consent.choice_registry, consent.choice_research_contact = registry, research_contact
    consent.changed_at = now
    consent.events.append(ConsentEvent(kind="changed", choices=consent.choices, at=now))
    audit.record(db, "consent.changed", "consent", consent.id, f"consent:{consent.id}",
                 registry=registry, research_contact=research_contact)
    db.commit()
    return True


def withdraw(db: Session, *, consent: Consent, forms: FormRegistry,
             now: datetime | None = None) -> None:
    """Withdraw the whole consent; panel services see it on their next verify call."""
    if consent.decision != "given" or consent.withdrawn_at is not None:
        raise NotAllowed(consent_status(consent, forms))
    now = now or utcnow()
    consent.withdrawn_at = now
    consent.events.append(ConsentEvent(kind="withdrawn", choices=consent.choices, at=now))
    audit.record(db, "consent.withdrawn", "consent", consent.id, f"consent:{consent.id}")
    db.commit()


def start_reconsent(db: Session, *, consent: Consent, forms: FormRegistry, max_age: int,
                    now: datetime | None = None) -> ConsentRequest:
    """Open a new request on the current form for the same patient, hospital and language."""
    status = consent_status(consent, forms)
    if status == "active":
        raise NotAllowed(status)
    current = forms.current(consent.form_id)
    language = consent.language if consent.language in current.texts else "en"
    now = now or utcnow()
    # A second click on "decide again" reopens the same request instead of piling up new ones.
    requested_by = f"consent:{consent.id}"
    for open_request in db.scalars(select(ConsentRequest).where(
            ConsentRequest.requested_by == requested_by, ConsentRequest.expires_at > now)):
        if open_request.consent is None:
            return open_request
    return create_request(
        db, forms=forms, form_id=consent.form_id, patient_ref=consent.patient_ref,
        hospital_code=consent.hospital.code, language=language,
        requested_by=requested_by, max_age=max_age, now=now,
    )
