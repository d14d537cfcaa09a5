"""JSON API: onboarding-token verification for panel services."""

from __future__ import annotations

from flask import Response

from .. import tokens
from ..db import session, utcnow
from ..i18n import _
from .auth import require_scope
from .onboarding_services import verify_onboarding_token
from .views import _invalid, _json_object, bp


@bp.post("/onboarding-tokens/verify")
@require_scope("onboarding:verify")
def verify_onboarding():
    """Verify an onboarding token against the professional's access as it is now."""
    body = _json_object({"token"})
    if isinstance(body, Response):
        return body
    if "token" not in body:
        return _invalid({"token": _("Give the token to verify.")})
    result = verify_onboarding_token(session(), token=body["token"],
                                     service=tokens.token_service(tokens.ONBOARDING),
                                     now=utcnow())
    return result.as_dict()
