"""Staff passwords: the policy, and argon2id hashing through argon2-cffi."""

from __future__ import annotations

import functools
import secrets
import unicodedata

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .common_passwords import COMMON_PASSWORDS

MIN_LENGTH = 12
MAX_LENGTH = 1024  # longer input is no stronger, and every byte is hashed on every attempt

# argon2-cffi's defaults (RFC 9106's second recommended profile); hashes made with other
# parameters are rehashed at the next successful sign-in.
hasher = PasswordHasher()

# Why a password is refused, for people at a terminal (the web pages translate their own).
REASONS = {
    "too_short": f"use at least {MIN_LENGTH} characters",
    "too_long": f"use at most {MAX_LENGTH} characters",
    "one_character": "use more than one different character",
    "is_email": "do not use the email address as the password",
    "common": "this password is on the list of the most common ones; choose another",
}


class WeakPassword(ValueError):
    """A password the policy refuses; reason is a key of REASONS."""

    def __init__(self, reason: str):
        super().__init__(REASONS[reason])
        self.reason = reason


def normalise(password: str) -> str:
    """Return the password in NFC, so that the same typed text always hashes the same."""
    return unicodedata.normalize("NFC", password)


def check_policy(password: str, *, email: str) -> None:
    """Raise WeakPassword unless password is long, varied, not the email and not common."""
    password = normalise(password)
    if len(password) < MIN_LENGTH:
        raise WeakPassword("too_short")
    if len(password) > MAX_LENGTH:
        raise WeakPassword("too_long")
    if len(set(password)) == 1:
        raise WeakPassword("one_character")
    folded = password.casefold()
    if folded == unicodedata.normalize("NFC", email.strip()).casefold():
        raise WeakPassword("is_email")
    if folded in COMMON_PASSWORDS:
        raise WeakPassword("common")


def hash_password(password: str) -> str:
    """Return the argon2id hash of password."""
    return hasher.hash(normalise(password))


def verify_password(password_hash: str, password: str) -> bool:
    """Return True when password matches the hash; never raise for a wrong or odd input."""
    if len(password) > MAX_LENGTH:
        password = password[:MAX_LENGTH + 1]  # still wrong, at the cost of a normal attempt
    try:
        return hasher.verify(password_hash, normalise(password))
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(password_hash: str) -> bool:
    """Return True when the hash was made with other parameters than today's."""
    return hasher.check_needs_rehash(password_hash)


@functools.cache
def _dummy_hash() -> str:
    return hasher.hash(secrets.token_urlsafe(16))


def spend_verification_time(password: str) -> None:
    """Hash like a real check does, so an unknown email answers as slowly as a known one."""
    verify_password(_dummy_hash(), password)
