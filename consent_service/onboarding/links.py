"""Applicants' and sponsors' links: token in, request out; links out for emails."""

from __future__ import annotations

import hashlib

from .. import tokens
from ..linkpages import load_linked
from ..urls import public_url
from .models import AccessRequest

SESSION_KEY = "applicant_request"  # the session holds the id of the request being worked on


def address_digest(email: str) -> str:
    """Return a short digest of an address: a changed address voids links sent to the old one."""
    return hashlib.sha256(email.encode()).hexdigest()[:16]


def load(purpose: str, token: str) -> tuple[AccessRequest, dict]:
    """Return the request of a link of purpose and its payload, or stop with a page saying why.

    An expired link answers 410 with a page offering a new link; anything else answers 404.
    """
    return load_linked(purpose, token, AccessRequest, "request",
                       invalid_page="onboarding/invalid_link.html",
                       expired_page="onboarding/link_expired.html")


def verify_url(access_request: AccessRequest) -> str:
    """Return the email-verification link (24 hours) for the request's address."""
    token = tokens.token_service(tokens.EMAIL_VERIFY).dumps(
        {"request": access_request.id, "email": address_digest(access_request.email)})
    return public_url("onboarding.verify", token=token)


def request_url(access_request: AccessRequest) -> str:
    """Return the applicant's link back to their request (status page, edits), for emails."""
    token = tokens.token_service(tokens.ACCESS_REQUEST).dumps({"request": access_request.id})
    return public_url("onboarding.open_request", token=token)


def sponsor_url(access_request: AccessRequest) -> str:
    """Return the sponsor's confirmation link; it stops working if the sponsor is changed."""
    token = tokens.token_service(tokens.SPONSOR).dumps(
        {"request": access_request.id, "sponsor": address_digest(access_request.sponsor_email)})
    return public_url("onboarding.sponsor", token=token)


def onboarding_token(professional) -> str:
    """Return a fresh onboarding token that panel services verify (ids only)."""
    return tokens.token_service(tokens.ONBOARDING).dumps({"p": professional.id})
