"""Outbox delivery to a real SMTP server (aiosmtpd): parts, Unicode addresses, outages, workers."""

from __future__ import annotations

import asyncio
import os
import socket
import threading
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from consent_service.outbox import services
from consent_service.outbox.models import OutboxAttempt, OutboxMessage
from consent_service.outbox.transport import SMTPTransport
from tests.conftest import make_test_app

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
CONTEXT = {"hospital_name": "Universitätsklinikum Köln", "signing_url": "https://x.example/c/T",
           "expires_at": T0 + timedelta(days=14)}
SENDER = "consent-service <noreply@consent.example>"
ON_POSTGRES = os.environ.get("CONSENT_SERVICE_TEST_DB") == "postgres"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Recorder:
    """aiosmtpd handler that keeps every envelope; refuses addresses that start with 'refuse'."""

    def __init__(self, delay: float = 0.0):
        self.received = []
        self.delay = delay
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refuse-permanently"):
            return "550 5.1.1 No such mailbox"
        if address.startswith("refuse-for-now"):
            return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            self.received.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self):
        return [message_from_bytes(e.original_content, policy=policy.default)
                for e in self.received]


class SMTPServer:
    """A real SMTP server on a free local port that a test can stop and start again."""

    def __init__(self, smtputf8: bool = True, delay: float = 0.0):
        self.port = free_port()
        self.handler = Recorder(delay)
        self.smtputf8 = smtputf8
        self.controller = None

    def start(self) -> None:
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port,
                                     enable_SMTPUTF8=self.smtputf8)
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None

    def transport(self) -> SMTPTransport:
        return SMTPTransport(host="127.0.0.1", port=self.port, sender=SENDER, timeout=5)


class StopsServerAfterTwo(SMTPTransport):
    """The real SMTP transport, with the server going down after its second delivery."""

    def __init__(self, server: SMTPServer, **options):
        super().__init__(**options)
        self.server = server

    def send(self, email):
        super().send(email)
        if len(self.server.handler.received) == 2:
            self.server.stop()


@pytest.fixture
def smtp_server():
    server = SMTPServer()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def smtp_server_without_smtputf8():
    server = SMTPServer(smtputf8=False)
    server.start()
    yield server
    server.stop()


def queue(db, to="patient@example.org", language="en", now=T0) -> OutboxMessage:
    return services.queue_email(db, kind="consent_signing_link", to=to, language=language,
                                context=CONTEXT, now=now)


def test_delivers_text_and_html_alternatives_with_headers(db, smtp_server):
    message = queue(db, language="de")
    subject = message.subject
    db.commit()
    report = services.deliver_due(db, transport=smtp_server.transport(), now=T0)
    assert report.sent == 1 and message.status == "sent"
    [envelope] = smtp_server.handler.received
    assert envelope.mail_from == "noreply@consent.example"
    assert envelope.rcpt_tos == ["patient@example.org"]
    [email] = smtp_server.handler.messages()
    assert email.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in email.iter_parts()] == ["text/plain", "text/html"]
    assert email["To"] == "patient@example.org" and email["From"] == SENDER
    assert email["Subject"] == subject
    assert subject.startswith("Ihre Ärztin oder Ihr Arzt in der Klinik Universitätsklinikum Köln")
    assert email["Message-ID"] == f"<{message.id}@consent.example>"
    assert email["Content-Language"] == "de"
    assert email["Auto-Submitted"] == "auto-generated"
    assert email["Date"].datetime.tzinfo is not None
    text = email.get_body(("plain",)).get_content()
    html = email.get_body(("html",)).get_content()
    assert "https://x.example/c/T" in text and "9. Dezember 2026" in text
    assert 'href="https://x.example/c/T"' in html and '<html lang="de"' in html


def test_unicode_address_goes_as_is_to_a_server_with_smtputf8(db, smtp_server):
    queue(db, to="müller@bücher.example")
    db.commit()
    assert services.deliver_due(db, transport=smtp_server.transport(), now=T0).sent == 1
    [envelope] = smtp_server.handler.received
    assert envelope.rcpt_tos == ["müller@bücher.example"]
    assert "SMTPUTF8" in envelope.mail_options
    assert smtp_server.handler.messages()[0]["To"] == "müller@bücher.example"


def test_unicode_domain_is_idna_encoded_for_a_server_without_smtputf8(
        db, smtp_server_without_smtputf8):
    queue(db, to="info@bücher.example")
    db.commit()
    transport = smtp_server_without_smtputf8.transport()
    assert services.deliver_due(db, transport=transport, now=T0).sent == 1
    [envelope] = smtp_server_without_smtputf8.handler.received
    assert envelope.rcpt_tos == ["info@xn--bcher-kva.example"]
    assert smtp_server_without_smtputf8.handler.messages()[0]["To"] == "info@xn--bcher-kva.example"


@pytest.mark.parametrize(("address", "error"), [
    ("müller@bücher.example", "non-ASCII mailbox name needs SMTPUTF8; the server lacks it"),
    ("info@straße.example", "domain not encodable without SMTPUTF8 (IDNA 2008 deviation)"),
])
def test_addresses_a_server_without_smtputf8_cannot_take_fail_at_once(
        db, smtp_server_without_smtputf8, address, error):
    message = queue(db, to=address)
    db.commit()
    transport = smtp_server_without_smtputf8.transport()
    assert services.deliver_due(db, transport=transport, now=T0).failed == 1
    assert (message.status, message.last_error) == ("failed", error)
    assert [a.outcome for a in message.attempt_log] == ["permanent_failure"]
    assert smtp_server_without_smtputf8.handler.received == []


def test_5xx_refusal_fails_at_once_4xx_is_retried_and_no_address_is_logged(db, smtp_server):
    refused = queue(db, to="refuse-permanently@example.org")
    later = queue(db, to="refuse-for-now@example.org")
    fine = queue(db, to="patient@example.org")
    db.commit()
    report = services.deliver_due(db, transport=smtp_server.transport(), now=T0)
    assert (report.sent, report.retrying, report.failed) == (1, 1, 1)
    assert (refused.status, refused.last_error) == ("failed", "recipient refused: SMTP 550")
    assert (later.status, later.last_error) == ("queued", "recipient refused: SMTP 451")
    assert fine.status == "sent"


def test_smtp_server_stopped_during_a_run_then_started_delivers_each_message_once(
        db, smtp_server):
    messages = [queue(db, to=f"patient{i}@example.org") for i in range(6)]
    db.commit()
    transport = StopsServerAfterTwo(smtp_server, host="127.0.0.1", port=smtp_server.port,
                                    sender=SENDER, timeout=5)
    report = services.deliver_due(db, transport=transport, now=T0)
    # The third message finds the server gone; the run stops there, the rest keep their tries.
    assert (report.sent, report.retrying, report.failed) == (2, 1, 0)
    assert [(m.status, m.attempts) for m in messages] == [
        ("sent", 1), ("sent", 1), ("queued", 1), ("queued", 0), ("queued", 0), ("queued", 0)]
    assert messages[2].last_error == "SMTPServerDisconnected"
    assert services.deliver_due(db, transport=smtp_server.transport(), now=T0).retrying == 1
    assert messages[3].last_error == "ConnectionRefusedError"

    smtp_server.start()
    later = T0 + timedelta(minutes=1)
    report = services.deliver_due(db, transport=smtp_server.transport(), now=later)
    assert (report.sent, report.retrying, report.failed) == (4, 0, 0)
    assert [(m.status, m.attempts) for m in messages] == [("sent", 1)] * 2 + [("sent", 2)] * 2 + [
        ("sent", 1)] * 2
    ids = [e["Message-ID"] for e in smtp_server.handler.messages()]
    assert sorted(ids) == sorted(f"<{m.id}@consent.example>" for m in messages)
    assert services.deliver_due(db, transport=smtp_server.transport(),
                                now=T0 + timedelta(days=1)).total == 0


@pytest.fixture
def committing_app(db_url, engine, tmp_path):
    """An app whose sessions really commit, for tests of concurrent connections."""
    app = make_test_app(db_url, INSTANCE_PATH=str(tmp_path / "instance"))
    made: list[str] = []
    with app.app_context():
        yield app, made
        with Session(engine) as cleanup:
            cleanup.execute(delete(OutboxAttempt).where(OutboxAttempt.message_id.in_(made)))
            cleanup.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(made)))
            cleanup.commit()
    app.extensions["db"].engine.dispose()


@pytest.mark.skipif(not ON_POSTGRES, reason="FOR UPDATE SKIP LOCKED is PostgreSQL's; SQLite "
                    "serialises writers, each claim being one UPDATE under its write lock")
def test_two_workers_on_postgresql_never_send_one_message_twice(committing_app):
    app, made = committing_app
    engine = app.extensions["db"].engine
    with Session(engine) as db:
        messages = [queue(db, to=f"patient{i}@example.org") for i in range(40)]
        db.commit()
        made.extend(m.id for m in messages)
    server = SMTPServer(delay=0.005)  # slow enough for the two workers to overlap
    server.start()
    errors, sent_by = [], []

    def worker():
        try:
            with Session(engine, expire_on_commit=False) as db:
                sent = 0
                while report := services.deliver_due(db, transport=server.transport(), now=T0,
                                                     batch_size=3):
                    if not report.total:
                        break
                    sent += report.sent
                sent_by.append(sent)
        except Exception as exc:  # surfaced below: a thread's exception would be lost
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    server.stop()
    assert errors == []
    assert sum(sent_by) == 40 and min(sent_by) > 0, f"the workers did not overlap: {sent_by}"
    ids = [e["Message-ID"] for e in server.handler.messages()]
    assert len(ids) == 40 and len(set(ids)) == 40
    with Session(engine) as db:
        rows = db.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(made))).all()
        assert {(m.status, m.attempts) for m in rows} == {("sent", 1)}


@pytest.mark.skipif(not ON_POSTGRES, reason="on SQLite an open write transaction locks the "
                    "whole database, so a worker cannot even look while it is open")
def test_a_worker_sends_nothing_before_the_callers_commit(committing_app, smtp_server):
    app, made = committing_app
    engine = app.extensions["db"].engine
    with Session(engine) as caller, Session(engine) as worker:
        message = queue(caller)
        caller.flush()  # written, not committed
        made.append(message.id)
        assert services.deliver_due(worker, transport=smtp_server.transport(), now=T0).total == 0
        caller.commit()
        assert services.deliver_due(worker, transport=smtp_server.transport(), now=T0).sent == 1
    assert len(smtp_server.handler.received) == 1
