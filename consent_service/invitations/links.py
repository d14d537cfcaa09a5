"""Invitation links: token in, invitation out; the accept link for the invitation email."""

from __future__ import annotations

from .. import tokens
from ..urls import public_url
from .models import Invitation


def invitation_token(invitation: Invitation) -> str:
    """Return a fresh invitation token (ids only)."""
    return tokens.token_service(tokens.INVITATION).dumps({"i": invitation.id})


def accept_url(invitation: Invitation) -> str:
    """Return the absolute accept link of an invitation (endpoint invitations.accept)."""
    return public_url("invitations.accept", token=invitation_token(invitation))
