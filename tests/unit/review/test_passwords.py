"""The password policy and argon2 hashing."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher

from consent_service.review import passwords
from consent_service.review.passwords import WeakPassword, check_policy

EMAIL = "ana.garcía@hospital.example"


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("", "too_short"),
        ("elevenchars", "too_short"),
        ("x" * 1025, "too_long"),
        ("aaaaaaaaaaaa", "one_character"),
        ("ééééééééééééé", "one_character"),
        ("ana.garcía@hospital.example", "is_email"),
        ("ANA.GARCÍA@Hospital.Example", "is_email"),
        ("password1234", "common"),
        ("Password1234", "common"),
        ("QWERTY123456", "common"),
        ("correcthorsebatterystaple", "common"),
    ],
)
def test_the_policy_refuses_weak_passwords_with_a_reason(password, reason):
    with pytest.raises(WeakPassword) as refused:
        check_policy(password, email=EMAIL)
    assert refused.value.reason == reason
    assert str(refused.value) == passwords.REASONS[reason]


@pytest.mark.parametrize("password", [
    "twelve chars",  # exactly 12, spaces allowed
    "aaaaaaaaaaab",
    "x" * 1023 + "y",
    "Ελληνικά σύνθημα",
    "ana.garcía@hospital.example!",  # the email with more is allowed: it is not the email
])
def test_the_policy_accepts_long_varied_passwords(password):
    check_policy(password, email=EMAIL)


def test_a_hash_is_argon2id_and_verifies_only_the_same_password():
    stored = passwords.hash_password("plain staff passphrase")
    assert stored.startswith("$argon2id$")
    assert "plain staff passphrase" not in stored
    assert passwords.verify_password(stored, "plain staff passphrase")
    assert not passwords.verify_password(stored, "plain staff passphrasE")
    assert not passwords.verify_password(stored, "x" * 100_000)
    assert not passwords.verify_password("not a hash", "plain staff passphrase")


def test_composed_and_decomposed_unicode_are_the_same_password():
    stored = passwords.hash_password("Mot de passe élevé")  # é as one code point (NFC)
    assert passwords.verify_password(stored, "Mot de passe e\u0301leve\u0301")


def test_hashes_with_other_parameters_need_a_rehash():
    old = PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1).hash("x" * 12)
    assert passwords.needs_rehash(old)
    assert not passwords.needs_rehash(passwords.hash_password("x" * 12))
