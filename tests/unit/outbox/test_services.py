"""Outbox services: queued with the caller's change, back-off, failure after N tries, retry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from consent_service.outbox import services
from consent_service.outbox.models import OutboxAttempt, OutboxMessage
from consent_service.outbox.transport import MemoryTransport

T0 = datetime(2026, 11, 25, 9, 0, tzinfo=UTC)
CONTEXT = {"hospital_name": "Ospedale di Padova", "signing_url": "https://x.example/c/T",
           "expires_at": T0 + timedelta(days=14)}


def queue(db, to="patient@example.org", language="en", now=T0) -> OutboxMessage:
    return services.queue_email(db, kind="consent_signing_link", to=to, language=language,
                                context=CONTEXT, now=now)


def test_queued_email_is_rendered_in_its_language_and_not_committed(db):
    message = queue(db, language="de-AT")
    assert message in db.new, "queue_email must leave the commit to the caller"
    assert (message.status, message.attempts, message.language) == ("queued", 0, "de")
    assert message.next_attempt_at == T0
    assert "Ospedale di Padova" in message.subject and "\n" not in message.subject
    assert "https://x.example/c/T" in message.body_text
    assert 'href="https://x.example/c/T"' in message.body_html
    assert '<html lang="de"' in message.body_html


def test_a_rolled_back_transaction_leaves_no_message_and_sends_nothing(db):
    queue(db)
    db.rollback()
    assert db.scalars(select(OutboxMessage)).all() == []
    transport = MemoryTransport()
    assert services.deliver_due(db, transport=transport, now=T0).total == 0
    assert transport.sent == []


def test_a_committed_message_is_sent_once_then_its_personal_data_erased(db):
    message = queue(db)
    db.commit()
    transport = MemoryTransport()
    report = services.deliver_due(db, transport=transport, now=T0 + timedelta(seconds=1))
    assert (report.sent, report.retrying, report.failed) == (1, 0, 0)
    [email] = transport.sent
    assert (email.id, email.to, email.language) == (message.id, "patient@example.org", "en")
    db.expire_all()
    sent_at = T0 + timedelta(seconds=1)
    assert (message.status, message.attempts, message.sent_at) == ("sent", 1, sent_at)
    assert (message.recipient, message.subject, message.body_text, message.body_html) == (
        None, None, None, None)
    assert [a.outcome for a in message.attempt_log] == ["sent"]
    assert services.deliver_due(db, transport=transport, now=T0 + timedelta(days=1)).total == 0
    assert len(transport.sent) == 1


def test_messages_not_yet_due_wait(db):
    queue(db, now=T0 + timedelta(minutes=5))
    db.commit()
    transport = MemoryTransport()
    assert services.deliver_due(db, transport=transport, now=T0).total == 0
    assert services.deliver_due(db, transport=transport, now=T0 + timedelta(minutes=5)).sent == 1


@pytest.mark.parametrize(("attempts", "minutes"), [
    (1, 1), (2, 2), (3, 4), (4, 8), (5, 16), (6, 32), (7, 60), (8, 60), (20, 60),
])
def test_retry_delay_doubles_up_to_an_hour(attempts, minutes):
    assert services.retry_delay(attempts) == timedelta(minutes=minutes)


def test_back_off_schedule_with_a_fixed_clock(db, refusing_transport):
    message = queue(db)
    db.commit()
    now, waits = T0, []
    for _ in range(8):
        # Just before the next attempt is due nothing happens.
        early = now - timedelta(seconds=1)
        assert services.deliver_due(db, transport=refusing_transport, now=early).total == 0
        report = services.deliver_due(db, transport=refusing_transport, now=now)
        assert report.retrying == 1
        waits.append(message.next_attempt_at - now)
        now = message.next_attempt_at
    assert waits == [timedelta(minutes=m) for m in (1, 2, 4, 8, 16, 32, 60, 60)]
    assert message.attempts == 8 and message.status == "queued"
    assert message.last_error == "ConnectionRefusedError"
    outcomes = db.scalars(select(OutboxAttempt.outcome).where(
        OutboxAttempt.message_id == message.id)).all()
    assert outcomes == ["temporary_failure"] * 8


def test_an_unreachable_server_ends_the_run_and_the_rest_keep_their_attempts(
        db, refusing_transport):
    messages = [queue(db, to=f"p{i}@example.org", now=T0 + timedelta(seconds=i)) for i in range(3)]
    db.commit()
    now = T0 + timedelta(minutes=1)
    report = services.deliver_due(db, transport=refusing_transport, now=now)
    assert (report.sent, report.retrying, report.failed) == (0, 1, 0)
    assert [m.attempts for m in messages] == [1, 0, 0]


def test_failed_after_max_attempts_and_left_alone(db, refusing_transport):
    message = queue(db)
    db.commit()
    now = T0
    for expected in ("queued", "queued", "failed"):
        services.deliver_due(db, transport=refusing_transport, now=now, max_attempts=3)
        assert message.status == expected
        now = message.next_attempt_at
    assert message.attempts == 3 and len(message.attempt_log) == 3
    assert message.recipient == "patient@example.org", "kept for a retry"
    transport = MemoryTransport()
    assert services.deliver_due(db, transport=transport, now=T0 + timedelta(days=30)).total == 0
    assert transport.sent == []


def test_retry_queues_a_failed_message_again_and_keeps_its_history(db, refusing_transport):
    message = queue(db)
    db.commit()
    services.deliver_due(db, transport=refusing_transport, now=T0, max_attempts=1)
    assert message.status == "failed"
    later = T0 + timedelta(days=2)
    services.retry_failed(db, message_id=message.id, now=later)
    assert (message.status, message.attempts, message.next_attempt_at) == ("queued", 0, later)
    transport = MemoryTransport()
    assert services.deliver_due(db, transport=transport, now=later, max_attempts=1).sent == 1
    assert [a.outcome for a in message.attempt_log] == ["temporary_failure", "sent"]


def test_only_failed_messages_can_be_retried(db):
    message = queue(db)
    db.commit()
    with pytest.raises(services.NotRetryable):
        services.retry_failed(db, message_id=message.id)
    with pytest.raises(services.UnknownMessage):
        services.retry_failed(db, message_id="no-such-id")


class WorkerKilled(BaseException):
    """Stands for the process dying in the middle of an SMTP conversation."""


class DyingTransport(MemoryTransport):
    """A transport whose process dies while sending."""

    def send(self, email):
        raise WorkerKilled


def test_a_message_left_sending_by_a_dead_worker_is_sent_after_the_timeout(db):
    message = queue(db)
    db.commit()
    with pytest.raises(WorkerKilled):
        services.deliver_due(db, transport=DyingTransport(), now=T0)
    db.rollback()
    assert message.status == "sending"
    transport = MemoryTransport()
    soon = T0 + services.STALE_AFTER - timedelta(seconds=1)
    assert services.deliver_due(db, transport=transport, now=soon).total == 0
    assert services.deliver_due(db, transport=transport, now=T0 + services.STALE_AFTER).sent == 1
    assert [a.outcome for a in message.attempt_log] == ["interrupted", "sent"]


def test_a_message_that_keeps_killing_the_worker_ends_failed(db):
    message = queue(db)
    db.commit()
    now = T0
    for _ in range(2):
        with pytest.raises(WorkerKilled):
            services.deliver_due(db, transport=DyingTransport(), now=now, max_attempts=2)
        db.rollback()
        now += services.STALE_AFTER
    report = services.deliver_due(db, transport=MemoryTransport(), now=now, max_attempts=2)
    assert report.failed == 1 and message.status == "failed"
    assert [a.outcome for a in message.attempt_log] == ["interrupted", "interrupted"]


class ChokingTransport(MemoryTransport):
    """A transport with a bug that shows with one address only."""

    def send(self, email):
        if email.to.startswith("choke"):
            raise ValueError(f"cannot handle {email.to}")
        super().send(email)


def test_an_unexpected_error_fails_that_message_only_and_logs_no_address(db, caplog):
    choking = queue(db, to="choke@example.org", now=T0 - timedelta(minutes=1))
    fine = queue(db)
    db.commit()
    report = services.deliver_due(db, transport=ChokingTransport(), now=T0)
    assert (report.sent, report.failed) == (1, 1)
    assert (choking.status, choking.last_error) == ("failed", "unexpected ValueError")
    assert fine.status == "sent"
    assert "ValueError" in caplog.text and "choke@example.org" not in caplog.text


def test_batch_size_limits_one_run_and_oldest_go_first(db):
    first = queue(db, to="a@example.org", now=T0 - timedelta(minutes=2))
    queue(db, to="b@example.org", now=T0 - timedelta(minutes=1))
    queue(db, to="c@example.org")
    db.commit()
    transport = MemoryTransport()
    assert services.deliver_due(db, transport=transport, now=T0, batch_size=1).sent == 1
    assert [e.id for e in transport.sent] == [first.id]
    assert services.deliver_due(db, transport=transport, now=T0, batch_size=10).sent == 2


def test_a_stop_request_ends_the_run_before_the_next_message(db):
    queue(db)
    db.commit()
    transport = MemoryTransport()
    report = services.deliver_due(db, transport=transport, now=T0, should_stop=lambda: True)
    assert report.total == 0 and transport.sent == []


def test_counts_by_status_lists_every_status(db):
    queue(db)
    queue(db)
    db.commit()
    services.deliver_due(db, transport=MemoryTransport(), now=T0, batch_size=1)
    assert services.counts_by_status(db) == {"queued": 1, "sending": 0, "sent": 1, "failed": 0}


@pytest.mark.parametrize("address", [
    "patient@example.org",
    "  patient@example.org ",
    "müller@bücher.example",
    "δοκιμή@παράδειγμα.δοκιμή",
    "first.last+tag@sub.example.co.uk",
])
def test_plain_and_unicode_addresses_are_accepted(db, address):
    assert queue(db, to=address).recipient == address.strip()


@pytest.mark.parametrize("address", [
    "", "patient", "patient@", "@example.org", "patient@example", "a@b@example.org",
    "patient@example.org\r\nBcc: all@example.org", "a@example.org, b@example.org",
    "Patient <patient@example.org>", "pat ient@example.org", "patient@exa..mple.org",
    "x" * 65 + "@example.org",
])
def test_bad_addresses_are_refused_before_anything_is_queued(db, address):
    with pytest.raises(services.InvalidRecipient):
        queue(db, to=address)
    assert not db.new


def test_unknown_language_and_strange_kind_are_refused(db):
    with pytest.raises(ValueError, match="language"):
        queue(db, language="xx")
    with pytest.raises(ValueError, match="kind"):
        services.queue_email(db, kind="../secret", to="a@example.org", language="en",
                             context=CONTEXT)
