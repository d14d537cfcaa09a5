"""Transport helpers: addresses for servers with and without SMTPUTF8, the MIME message."""

from __future__ import annotations

from email import message_from_bytes, policy

import pytest

from consent_service.config import DEFAULTS
from consent_service.outbox.transport import (
    OutgoingEmail,
    PermanentFailure,
    TemporaryFailure,
    build_message,
    smtp_recipient,
    transport_from_config,
)

EMAIL = OutgoingEmail(id="0b6f4b8e-2c1d-4f7a-9a51-3f0f4a3c2d11", to="müller@bücher.example",
                      language="de", subject="Ihre Ärztin in Köln bittet um Ihre Einwilligung",
                      text="Grüße\n", html="<p>Grüße</p>\n")


@pytest.mark.parametrize(("address", "smtputf8", "expected"), [
    ("patient@example.org", False, ("patient@example.org", False)),
    ("patient@example.org", True, ("patient@example.org", False)),
    ("müller@bücher.example", True, ("müller@bücher.example", True)),
    ("info@bücher.example", False, ("info@xn--bcher-kva.example", False)),
    ("info@пример.испытание", False, ("info@xn--e1afmkfd.xn--80akhbyknj4f", False)),
])
def test_recipient_for_the_server(address, smtputf8, expected):
    assert smtp_recipient(address, smtputf8) == expected


@pytest.mark.parametrize("address", [
    "müller@bücher.example", "info@straße.example", "info@" + "ü" * 70 + ".example",
])
def test_addresses_a_server_without_smtputf8_cannot_take(address):
    with pytest.raises(PermanentFailure):
        smtp_recipient(address, False)


def test_message_has_both_parts_and_the_headers_mail_programs_need():
    message = build_message(EMAIL, sender="consent-service <noreply@consent.example>",
                            to=EMAIL.to, domain="consent.example")
    parsed = message_from_bytes(message.as_bytes(policy=policy.SMTPUTF8), policy=policy.default)
    assert parsed["Message-ID"] == f"<{EMAIL.id}@consent.example>"
    assert parsed["Content-Language"] == "de" and parsed["Date"].datetime.tzinfo is not None
    assert parsed["Subject"] == EMAIL.subject
    assert parsed.get_body(("plain",)).get_content().splitlines() == ["Grüße"]
    assert parsed.get_body(("html",)).get_content().splitlines() == ["<p>Grüße</p>"]
    # Without SMTPUTF8 the same message is plain 7-bit ASCII.
    assert message.as_bytes(policy=policy.SMTP).isascii()


def test_failures_are_delivery_errors_of_two_kinds():
    assert not issubclass(TemporaryFailure, PermanentFailure)
    assert not issubclass(PermanentFailure, TemporaryFailure)


def test_transport_from_config_reads_the_mail_settings_as_text():
    config = {**DEFAULTS, "MAIL_USERNAME": "relay", "MAIL_PASSWORD": 1234, "MAIL_USE_TLS": True,
              "MAIL_FROM": "Consent <consent@hôpital.example>"}
    transport = transport_from_config(config)
    assert (transport.host, transport.port) == ("127.0.0.1", 8025)
    assert (transport.username, transport.password, transport.use_tls) == ("relay", "1234", True)
    # An ASCII sender goes to every server, with or without SMTPUTF8.
    assert transport.envelope_from == "consent@xn--hpital-ixa.example"
    assert transport.sender == "Consent <consent@xn--hpital-ixa.example>"
    assert transport.domain == "xn--hpital-ixa.example"


def test_a_sender_with_a_non_ascii_mailbox_name_is_refused_at_start():
    with pytest.raises(ValueError, match="MAIL_FROM"):
        transport_from_config({**DEFAULTS, "MAIL_FROM": "müller@example.org"})
