"""Fixtures of the outbox tests: an SMTP address that refuses every connection."""

from __future__ import annotations

import socket

import pytest

from consent_service.outbox.transport import SMTPTransport


@pytest.fixture
def refusing_transport():
    """Return an SMTP transport whose server refuses connections, as a stopped server does."""
    # A bound socket that never listens: connecting to it is refused, and no other process
    # can take the port while the test runs.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    transport = SMTPTransport(host="127.0.0.1", port=sock.getsockname()[1],
                              sender="consent-service <noreply@consent.example>", timeout=5)
    yield transport
    sock.close()
