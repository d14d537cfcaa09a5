"""JSON API: invitations sent on behalf of panel services."""

from __future__ import annotations

import re
import unicodedata

from flask import Response, current_app, g, request

from .. import tokens
from ..db import session, utcnow
from ..errors import problem
from ..i18n import SUPPORTED_LANGUAGES, _, from_accept_language, normalise_language
from ..invitations import services
from ..invitations.models import Invitation
from ..onboarding.models import ROLES
from ..outbox.services import InvalidRecipient, valid_recipient
from .auth import require_scope
from .views import _json_object, bp

PANEL_REF = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$")
FIELDS = {"panel_ref", "email", "name", "network", "role", "language", "message"}
MAX_NAME, MAX_MESSAGE = 150, 1000


def _hidden_characters(text: str, keep: str = "") -> bool:
    """Return True when text holds control or format characters other than those in keep."""
    return any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") and c not in keep
               for c in text)


def _invalid(errors: dict[str, str]) -> Response:
    return problem(422, "invalid-invitation", _("Some fields are not valid"),
                   _("See 'errors' for each field."), errors=errors)


def _email(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return valid_recipient(value)
    except InvalidRecipient:
        return None


def _check(body: dict) -> tuple[dict, dict[str, str]]:
    """Return the cleaned values and, per field, why its value is not valid."""
    values, errors = {}, {}
    panel_ref = body.get("panel_ref")
    if not isinstance(panel_ref, str) or not PANEL_REF.match(panel_ref):
        errors["panel_ref"] = _(
            "Give the panel's reference: 1 to 100 letters, digits or . _ : -")
    values["panel_ref"] = panel_ref
    values["email"] = _email(body.get("email"))
    if values["email"] is None:
        errors["email"] = _("Give one email address, like name@hospital.example.")
    name = body.get("name", "")
    # Joiners belong to correct spelling in some scripts; other invisible characters do not.
    if not isinstance(name, str) or _hidden_characters(name, keep="\u200c\u200d"):
        errors["name"] = _("Give the name as plain text, or leave the field out.")
    else:
        values["name"] = " ".join(unicodedata.normalize("NFC", name).split())
        if len(values["name"]) > MAX_NAME:
            errors["name"] = _("Use at most %(count)d characters.", count=MAX_NAME)
    network = body.get("network")
    if not isinstance(network, str) or not network.strip():
        errors["network"] = _("Give the network's code, for example ReCONNET.")
    values["network"] = network.strip() if isinstance(network, str) else network
    if body.get("role") not in ROLES:
        errors["role"] = _("Use one of: %(codes)s.", codes=", ".join(ROLES))
    values["role"] = body.get("role")
    if "language" in body:
        values["language"] = normalise_language(body["language"])
        if values["language"] is None:
            errors["language"] = _("Use one of: %(codes)s.",
                                   codes=", ".join(SUPPORTED_LANGUAGES))
    else:
        # The panel system's user most likely shares the invitee's language.
        values["language"] = from_accept_language() or "en"
    message = body.get("message", "")
    if not isinstance(message, str) or _hidden_characters(message, keep="\n\r\t"):
        errors["message"] = _("Give the message as plain text, or leave the field out.")
    else:
        values["message"] = unicodedata.normalize("NFC", message.replace("\r\n", "\n")).strip()
        if len(values["message"]) > MAX_MESSAGE:
            errors["message"] = _("Use at most %(count)d characters.", count=MAX_MESSAGE)
    return values, errors


def _document(invitation: Invitation) -> dict:
    status = services.invitation_status(invitation, utcnow())
    body = {
        "id": invitation.id,
        "panel_ref": invitation.panel_ref,
        "network": invitation.network.code,
        "role": invitation.role,
        "language": invitation.language,
        "status": status,
        "created_at": invitation.created_at.isoformat(),
        "expires_at": invitation.expires_at.isoformat(),
    }
    outbox_message = invitation.outbox_message
    if status == "failed" and outbox_message is not None:
        body["error"] = outbox_message.last_error or "delivery failed"
    if outbox_message is not None and outbox_message.sent_at is not None:
        body["sent_at"] = outbox_message.sent_at.isoformat()
    if invitation.accepted_at is not None:
        body["accepted_at"] = invitation.accepted_at.isoformat()
    return body


@bp.post("/invitations")
@require_scope("panel:invite")
def create_invitation():
    """Invite a professional to a network by email; the accept link goes only to them."""
    body = _json_object(FIELDS)
    if isinstance(body, Response):
        return body
    values, errors = _check(body)
    if errors:
        return _invalid(errors)
    try:
        invitation = services.create_invitation(
            session(), client_id=g.api_client.id, panel_ref=values["panel_ref"],
            email=values["email"], name=values["name"], network_code=values["network"],
            role=values["role"], language=values["language"], message=values["message"],
            max_age=current_app.config["TOKEN_MAX_AGE"][tokens.INVITATION])
    except services.UnknownNetwork:
        return problem(
            422, "unknown-network", _("Unknown network"),
            _("No network has the code %(code)s. Use the network's own short name, as the "
              "directory lists it; 'known_codes' lists them all.", code=values["network"]),
            errors={"network": _("No network has this code.")},
            known_codes=services.network_codes(session()))
    # The accept link is the invitee's credential: it travels only in their email.
    document = {"id": invitation.id, "status": services.invitation_status(invitation, utcnow()),
                "expires_at": invitation.expires_at.isoformat()}
    return document, 201, {"Location": f"{request.base_url}/{invitation.id}"}


@bp.get("/invitations/<invitation_id>")
@require_scope("panel:invite")
def get_invitation(invitation_id: str):
    """Tell whether the invitation email went out and whether the invitee accepted."""
    invitation = services.find_for_client(session(), invitation_id=invitation_id,
                                          client_id=g.api_client.id)
    if invitation is None:
        return problem(404, "not-found", _("No such invitation"))
    return _document(invitation)
