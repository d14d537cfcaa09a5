"""JSON API for panel services: consent requests, consents, token verification."""

from __future__ import annotations

import re

from flask import Blueprint, Response, current_app, g, request
from sqlalchemy import select

from .. import tokens
from ..consent import services as consent_services
from ..consent.links import consent_token, form_text_for, qr_url, signing_url
from ..consent.models import Consent, ConsentRequest
from ..consent.pdf import render_receipt
from ..db import session
from ..directory.models import Hospital
from ..errors import problem
from ..i18n import SUPPORTED_LANGUAGES, _, normalise_language
from ..limits import api_client_key, limiter
from ..outbox.services import InvalidRecipient, valid_recipient
from .auth import require_scope
from .services import consent_document, verify_consent_token

bp = Blueprint("api", __name__, url_prefix="/api/v1")
limiter.limit(lambda: current_app.config["RATELIMIT_API"], key_func=api_client_key)(bp)

PATIENT_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$")
HOSPITAL_CODE = re.compile(r"^[A-Za-z0-9_-]{1,32}$")
CHOICES = ("care", "registry", "research_contact")


def _json_object(allowed: set[str]) -> dict | Response:
    """Return the request's JSON object, or a problem response explaining what is wrong."""
    body = request.get_json(silent=True)
    if body is None:
        return problem(400, "malformed-json", _("The body is not valid JSON"),
                       _("Send a JSON object with 'Content-Type: application/json'."))
    if not isinstance(body, dict):
        return problem(400, "malformed-json", _("The body is not a JSON object"))
    unknown = sorted(set(body) - allowed)
    if unknown:
        return problem(400, "invalid-request", _("Unknown fields"),
                       _("Remove these fields: %(fields)s.", fields=", ".join(unknown)),
                       errors={name: _("Unknown field.") for name in unknown})
    return body


def _invalid(errors: dict[str, str]) -> Response:
    return problem(400, "invalid-request", _("Some fields are not valid"),
                   _("See 'errors' for each field."), errors=errors)


def _request_document(consent_request: ConsentRequest) -> dict:
    status = consent_services.request_status(consent_request)
    body = {
        "id": consent_request.id,
        "status": status,
        "patient_ref": consent_request.patient_ref,
        "hospital": consent_request.hospital.code,
        "language": consent_request.language,
        "created_at": consent_request.created_at.isoformat(),
        "expires_at": consent_request.expires_at.isoformat(),
    }
    if status == "pending":
        body["signing_url"] = signing_url(consent_request)
        body["qr_url"] = qr_url(consent_request)
    consent = consent_request.consent
    if consent is not None:
        body["consent_id"] = consent.id
        if status == "signed":
            body["consent_token"] = consent_token(consent)
    return body


@bp.post("/consent-requests")
@require_scope("consent:request")
def create_consent_request():
    """Ask a patient (by pseudonym) of a hospital for consent; answer the signing link."""
    body = _json_object({"patient_ref", "hospital", "language", "email"})
    if isinstance(body, Response):
        return body
    errors = {}
    patient_ref, hospital = body.get("patient_ref"), body.get("hospital")
    if not isinstance(patient_ref, str) or not PATIENT_REF.match(patient_ref):
        errors["patient_ref"] = _(
            "Give the patient's pseudonym: 1 to 64 letters, digits or . _ : -")
    if not isinstance(hospital, str) or not HOSPITAL_CODE.match(hospital):
        errors["hospital"] = _("Give the hospital's code.")
    language = body.get("language", "en")
    if normalise_language(language) != language:
        errors["language"] = _("Use one of: %(codes)s.", codes=", ".join(SUPPORTED_LANGUAGES))
    email = body.get("email")
    if email is not None:
        try:
            email = valid_recipient(email) if isinstance(email, str) else None
        except InvalidRecipient:
            email = None
        if email is None:
            errors["email"] = _("Give one email address, or leave the field out.")
    if errors:
        return _invalid(errors)
    try:
        consent_request = consent_services.create_request(
            session(), forms=current_app.extensions["forms"],
            form_id=current_app.config["DEFAULT_FORM_ID"], patient_ref=patient_ref,
            hospital_code=hospital, language=language, email=email,
            requested_by=f"api_client:{g.api_client.id}",
            max_age=current_app.config["TOKEN_MAX_AGE"][tokens.CONSENT_SIGNING])
    except consent_services.UnknownHospital:
        return problem(422, "unknown-hospital", _("Unknown hospital"),
                       _("No hospital has the code %(code)s.", code=hospital),
                       errors={"hospital": _("No hospital has this code.")})
    except consent_services.UnsupportedLanguage:
        return _invalid({"language": _("The consent form is not available in this language.")})
    document = _request_document(consent_request)
    return document, 201, {"Location": f"{request.base_url}/{consent_request.id}"}


@bp.get("/consent-requests/<request_id>")
@require_scope("consent:request", "consent:verify")
def get_consent_request(request_id: str):
    """Tell the request's status and, once signed, the consent token."""
    consent_request = session().get(ConsentRequest, request_id)
    if consent_request is None:
        return problem(404, "not-found", _("No such consent request"))
    return _request_document(consent_request)


@bp.post("/consent-tokens/verify")
@require_scope("consent:verify")
def verify_consent():
    """Verify a consent token against the consent as it is now."""
    body = _json_object({"token", "require"})
    if isinstance(body, Response):
        return body
    require = body.get("require", [])
    if "token" not in body:
        return _invalid({"token": _("Give the token to verify.")})
    if not isinstance(require, list) or not set(require) <= set(CHOICES) or any(
            not isinstance(item, str) for item in require):
        return _invalid({"require": _("A list drawn from: %(keys)s.", keys=", ".join(CHOICES))})
    result = verify_consent_token(
        session(), token=body["token"], require=require, forms=current_app.extensions["forms"],
        service=tokens.token_service(tokens.CONSENT))
    return result.as_dict()


def _consent_or_404(consent_id: str) -> Consent | Response:
    consent = session().get(Consent, consent_id)
    if consent is None:
        return problem(404, "not-found", _("No such consent"))
    return consent


@bp.get("/consents")
@require_scope("consent:request", "consent:verify")
def list_consents():
    """List the consents of a patient pseudonym at a hospital, newest first."""
    patient_ref, hospital = request.args.get("patient_ref", ""), request.args.get("hospital", "")
    if not PATIENT_REF.match(patient_ref) or not HOSPITAL_CODE.match(hospital):
        return _invalid({"patient_ref": _("Required."), "hospital": _("Required.")})
    rows = session().scalars(
        select(Consent).join(Hospital, Consent.hospital_id == Hospital.id)
        .where(Consent.patient_ref == patient_ref, Hospital.code == hospital)
        .order_by(Consent.signed_at.desc())
    ).all()
    forms = current_app.extensions["forms"]
    return {"consents": [consent_document(c, forms) for c in rows]}


@bp.get("/consents/<consent_id>")
@require_scope("consent:request", "consent:verify")
def get_consent(consent_id: str):
    """Return one consent."""
    consent = _consent_or_404(consent_id)
    if isinstance(consent, Response):
        return consent
    return consent_document(consent, current_app.extensions["forms"])


@bp.get("/consents/<consent_id>/receipt.pdf")
@require_scope("consent:request", "consent:verify")
def get_receipt(consent_id: str):
    """Return the PDF copy for the hospital's records."""
    consent = _consent_or_404(consent_id)
    if isinstance(consent, Response):
        return consent
    pdf = render_receipt(consent, form_text_for(consent.request, consent))
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="consent-{consent.receipt_id}.pdf"'})


# Routes of other features on this blueprint; imported last, as they use `bp` from here.
from . import invitations as _invitations  # noqa: E402, F401
from . import onboarding as _onboarding  # noqa: E402, F401
