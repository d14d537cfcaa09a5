"""tokens.py: purposes, rotation and typed errors."""

import pytest

from consent_service.tokens import (
    TokenExpired,
    TokenInvalid,
    TokenMalformed,
    TokenService,
)

OLD, NEW = "old-secret-key-aaaaaaaaaaaaaaaa", "new-secret-key-bbbbbbbbbbbbbbbb"


def service(purpose="consent", keys=(NEW,), max_age=60):
    return TokenService(purpose=purpose, secret_keys=tuple(keys), max_age=max_age)


def test_round_trip_keeps_payload():
    token = service().dumps({"c": "abc", "v": 1})
    assert service().loads(token) == {"c": "abc", "v": 1}


def test_token_of_another_purpose_is_a_bad_signature():
    token = service("consent-manage").dumps({"c": "abc"})
    with pytest.raises(TokenInvalid) as error:
        service("consent").loads(token)
    assert error.value.reason == "bad_signature"


def test_token_signed_with_another_key_is_a_bad_signature():
    token = service(keys=("some-other-key-cccccccccccccccc",)).dumps({"c": "abc"})
    with pytest.raises(TokenInvalid):
        service().loads(token)


def test_rotation_newest_key_signs_and_older_keys_still_verify():
    before_rotation = service(keys=(OLD,)).dumps({"c": "abc"})
    rotated = service(keys=(OLD, NEW))
    assert rotated.loads(before_rotation) == {"c": "abc"}
    after_rotation = rotated.dumps({"c": "abc"})
    assert service(keys=(NEW,)).loads(after_rotation) == {"c": "abc"}
    with pytest.raises(TokenInvalid):
        service(keys=(OLD,)).loads(after_rotation)


def test_expired_token_raises_expired():
    token = service().dumps({"c": "abc"})
    with pytest.raises(TokenExpired) as error:
        service().loads(token, max_age=-1)
    assert error.value.reason == "expired"


def test_truncated_token_is_a_bad_signature():
    token = service().dumps({"c": "abc"})
    with pytest.raises(TokenInvalid):
        service().loads(token[:-4])


@pytest.mark.parametrize("garbage", [
    "", "not a token", "a.b", "....", "ä.b.c", None, 42, ["x"], "x" * 5000,
])
def test_garbage_is_malformed(garbage):
    with pytest.raises(TokenMalformed) as error:
        service().loads(garbage)
    assert error.value.reason == "malformed"


def test_signed_non_object_payload_is_malformed():
    token = service().dumps([1, 2, 3])
    with pytest.raises(TokenMalformed):
        service().loads(token)
