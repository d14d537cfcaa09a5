"""Signed tokens and links: one serializer per purpose, rotating keys, typed errors."""

from __future__ import annotations

import re
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadPayload, BadSignature, SignatureExpired, URLSafeTimedSerializer

CONSENT_SIGNING = "consent-signing"
CONSENT_MANAGE = "consent-manage"
CONSENT = "consent"
EMAIL_VERIFY = "email-verify"
INVITATION = "invitation"
ONBOARDING = "onboarding"
ACCESS_REQUEST = "access-request"  # an applicant's link back to their request (status, edits)
SPONSOR = "sponsor"  # a sponsor's link to confirm a guest's request

PURPOSES = (CONSENT_SIGNING, CONSENT_MANAGE, CONSENT, EMAIL_VERIFY, INVITATION, ONBOARDING,
            ACCESS_REQUEST, SPONSOR)

# payload.timestamp.signature, each part URL-safe base64 (a leading "." marks a compressed payload)
_SHAPE = re.compile(r"^\.?[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$")
MAX_TOKEN_LENGTH = 2048


class TokenError(Exception):
    """A token could not be accepted; `reason` is the API's word for why."""

    reason = "invalid"


class TokenMalformed(TokenError):
    """The text is not a token at all."""

    reason = "malformed"


class TokenInvalid(TokenError):
    """The signature does not match: another purpose, another key, or altered."""

    reason = "bad_signature"


class TokenExpired(TokenError):
    """The token was genuine but is older than its purpose allows."""

    reason = "expired"


@dataclass(frozen=True)
class TokenService:
    """Sign and check tokens of one purpose."""

    purpose: str
    secret_keys: tuple[str, ...]
    max_age: int

    def _serializer(self) -> URLSafeTimedSerializer:
        # itsdangerous signs with the last key of the list and accepts any of them.
        return URLSafeTimedSerializer(list(self.secret_keys), salt=self.purpose)

    def dumps(self, payload: dict) -> str:
        """Sign payload (ids only, never personal data)."""
        return self._serializer().dumps(payload)

    def loads(self, token: object, max_age: int | None = None) -> dict:
        """Return the payload of a genuine, unexpired token or raise a TokenError."""
        if (
            not isinstance(token, str)
            or len(token) > MAX_TOKEN_LENGTH
            or not _SHAPE.match(token)
        ):
            raise TokenMalformed()
        try:
            payload = self._serializer().loads(
                token, max_age=self.max_age if max_age is None else max_age
            )
        except SignatureExpired as exc:
            raise TokenExpired() from exc
        except BadPayload as exc:
            raise TokenMalformed() from exc
        except BadSignature as exc:
            raise TokenInvalid() from exc
        if not isinstance(payload, dict):
            raise TokenMalformed()
        return payload


def token_service(purpose: str) -> TokenService:
    """Return the token service of purpose, configured from the current app."""
    if purpose not in PURPOSES:
        raise ValueError(f"unknown token purpose {purpose!r}")
    config = current_app.config
    return TokenService(
        purpose=purpose,
        secret_keys=tuple(config["SECRET_KEYS"]),
        max_age=int(config["TOKEN_MAX_AGE"][purpose]),
    )
