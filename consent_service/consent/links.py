"""Signing and manage links: token in, request or consent out; QR codes of links."""

from __future__ import annotations

from flask import current_app

from .. import tokens
from ..linkpages import load_linked
from ..urls import public_url
from .formfiles import FormText
from .models import Consent, ConsentRequest


def load_request(token: str) -> ConsentRequest:
    """Return the request of a signing link or stop with a page that says what to do."""
    consent_request, _payload = load_linked(
        tokens.CONSENT_SIGNING, token, ConsentRequest, "r",
        invalid_page="consent/invalid_link.html", expired_page="consent/expired.html")
    return consent_request


def load_consent(token: str) -> Consent:
    """Return the consent of a manage link or stop with a page that says what to do."""
    consent, _payload = load_linked(tokens.CONSENT_MANAGE, token, Consent, "c",
                                    invalid_page="consent/invalid_link.html")
    return consent


def signing_token(consent_request: ConsentRequest) -> str:
    """Return a fresh signing token for the request."""
    return tokens.token_service(tokens.CONSENT_SIGNING).dumps({"r": consent_request.id})


def signing_url(consent_request: ConsentRequest) -> str:
    """Return the absolute signing link of a request."""
    return public_url("consent.read", token=signing_token(consent_request))


def qr_url(consent_request: ConsentRequest) -> str:
    """Return the absolute link of the QR page of a request."""
    return public_url("consent.qr", token=signing_token(consent_request))


def manage_url(consent: Consent) -> str:
    """Return the patient's personal manage link."""
    token = tokens.token_service(tokens.CONSENT_MANAGE).dumps({"c": consent.id})
    return public_url("consent.manage", token=token)


def consent_token(consent: Consent) -> str:
    """Return the token that panel services verify."""
    return tokens.token_service(tokens.CONSENT).dumps({"c": consent.id, "v": consent.form_version})


def form_text_for(consent_request: ConsentRequest, consent: Consent | None = None,
                  language: str | None = None) -> FormText:
    """Return the text a consent was signed on, or the current text for a pending request.

    Pages pass `language` (the page's) and get the text in it when the form exists in it;
    without it a consent's text is the one signed, word for word (the PDF copy needs that).
    """
    forms = current_app.extensions["forms"]
    if consent is not None:
        version = forms.get(consent.form_id, consent.form_version)
        fallback = consent.language
    else:
        version = forms.current(consent_request.form_id)
        fallback = consent_request.language
    if language not in version.texts:
        language = fallback
    return version.text(language, consent_request.hospital.name)


def qr_svg(link: str) -> str:
    """Return an inline SVG QR code of link."""
    import segno  # imported on use: only the QR page needs it

    return segno.make(link, error="m").svg_inline(scale=5, border=2)
