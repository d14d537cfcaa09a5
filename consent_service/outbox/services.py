"""Outbox operations: queue an email with the caller's change, deliver what is due, retry."""

from __future__ import annotations

import logging
import re
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session

from ..db import utcnow
from ..i18n import normalise_language, text_direction
from .models import (
    DELIVERED,
    FAILED,
    INTERRUPTED,
    PENDING,
    PERMANENT_FAILURE,
    QUEUED,
    SENDING,
    SENT,
    STATUSES,
    TEMPORARY_FAILURE,
    OutboxAttempt,
    OutboxMessage,
)
from .transport import (
    DeliveryError,
    OutgoingEmail,
    PermanentFailure,
    ServerUnavailable,
    Transport,
)

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 12  # with the back-off below: about six hours of trying
FIRST_RETRY = timedelta(minutes=1)
LONGEST_RETRY = timedelta(hours=1)
# A message claimed longer ago than this belongs to a worker that died: claim it again. Far
# longer than one SMTP conversation can take (a handful of commands, each with a timeout).
STALE_AFTER = timedelta(minutes=30)
_ATOM = r"[^\s@<>,;:()\[\]\\\"]"
_LABEL = r"[^\s@<>,;:()\[\]\\\"./]{1,63}"
_ADDRESS = re.compile(rf"^{_ATOM}{{1,64}}@(?:{_LABEL}\.)+{_LABEL}$|^{_ATOM}{{1,64}}@localhost$")
_KIND = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


class OutboxError(Exception):
    """An outbox operation was refused."""


class InvalidRecipient(OutboxError, ValueError):
    """The address cannot be used as a recipient."""


class NotRetryable(OutboxError):
    """Only failed messages can be retried."""


class UnknownMessage(OutboxError):
    """No outbox message has this id."""


def valid_recipient(address: str) -> str:
    """Return address stripped, or raise InvalidRecipient (header injection, no domain, …)."""
    address = address.strip()
    # Unicode is allowed on both sides of the @ (RFC 6531); quoting and domain literals are not.
    if len(address) > 320 or not address.isprintable() or not _ADDRESS.match(address):
        raise InvalidRecipient("not a single plain address with a domain")
    return address


def render_email(kind: str, language: str, context: Mapping[str, object]) -> tuple[str, str, str]:
    """Render templates/email/<kind>/ in language: (subject, text body, HTML body)."""
    if not _KIND.match(kind):
        raise ValueError(f"bad email kind {kind!r}")
    env = current_app.jinja_env
    values = {**context, "language": language, "direction": text_direction(language)}
    with force_locale(language):
        subject = env.get_template(f"email/{kind}/subject.txt").render(values)
        text = env.get_template(f"email/{kind}/body.txt").render(values)
        html = env.get_template(f"email/{kind}/body.html").render(values)
    # A subject is one line: a stray newline in a template must not become a header break.
    return " ".join(subject.split()), text.strip() + "\n", html.strip() + "\n"


def queue_email(db: Session, *, kind: str, to: str, language: str,
                context: Mapping[str, object], now: datetime | None = None) -> OutboxMessage:
    """Render an email and add it to the caller's transaction; the caller commits.

    Nothing is sent here: the worker sends only rows that were committed, so an email never
    announces a change that was rolled back.
    """
    code = normalise_language(language)
    if code is None:
        raise ValueError(f"unsupported language {language!r}")
    recipient = valid_recipient(to)
    subject, text, html = render_email(kind, code, context)
    now = now or utcnow()
    message = OutboxMessage(kind=kind, language=code, recipient=recipient, subject=subject,
                            body_text=text, body_html=html, status=QUEUED, attempts=0,
                            next_attempt_at=now, created_at=now)
    db.add(message)
    return message


def retry_delay(attempts: int) -> timedelta:
    """Return the wait after the attempts-th failed try: 1, 2, 4, … minutes, at most an hour."""
    return min(FIRST_RETRY * 2 ** max(attempts - 1, 0), LONGEST_RETRY)


@dataclass
class DeliveryReport:
    """What one delivery run did."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0

    @property
    def total(self) -> int:
        """Return how many messages the run handled."""
        return self.sent + self.retrying + self.failed


def _claim_next(db: Session, at: datetime, stale_after: timedelta,
                max_attempts: int) -> tuple[OutboxMessage, OutboxAttempt | None] | None:
    """Claim one due message and commit; None when none is due.

    Returns the message with its new pending attempt, or without one when the message is
    given up as failed: its last attempts were all interrupted, and a message that kills the
    worker must not loop forever.
    """
    due = or_(
        and_(OutboxMessage.status == QUEUED, OutboxMessage.next_attempt_at <= at),
        and_(OutboxMessage.status == SENDING, OutboxMessage.claimed_at <= at - stale_after),
    )
    # One statement: on PostgreSQL the row is locked and skipped by other workers; on SQLite
    # the statement holds the database's write lock. Either way one worker claims it.
    candidate = (select(OutboxMessage.id).where(due).order_by(OutboxMessage.next_attempt_at)
                 .limit(1).with_for_update(skip_locked=True).scalar_subquery())
    claimed = db.execute(
        update(OutboxMessage).where(OutboxMessage.id == candidate)
        .values(status=SENDING, claimed_at=at).returning(OutboxMessage.id)
        .execution_options(synchronize_session=False)
    ).scalar()
    if claimed is None:
        db.commit()
        return None
    message = db.get_one(OutboxMessage, claimed, populate_existing=True)
    # A pending attempt of a claimed message belongs to a worker that died during it.
    for attempt in db.scalars(select(OutboxAttempt).where(
            OutboxAttempt.message_id == message.id, OutboxAttempt.outcome == PENDING)):
        attempt.outcome, attempt.error = INTERRUPTED, "worker stopped"
        message.last_error = "worker stopped during an attempt"
    if message.attempts >= max_attempts:
        message.status, message.claimed_at = FAILED, None
        db.commit()
        return message, None
    message.attempts += 1
    attempt = OutboxAttempt(at=at, outcome=PENDING)
    message.attempt_log.append(attempt)
    db.commit()
    return message, attempt


def _email_of(message: OutboxMessage) -> OutgoingEmail:
    return OutgoingEmail(id=message.id, to=message.recipient or "", language=message.language,
                         subject=message.subject or "", text=message.body_text or "",
                         html=message.body_html or "")


def _record(db: Session, message: OutboxMessage, attempt: OutboxAttempt, at: datetime,
            error: DeliveryError | None, max_attempts: int) -> str:
    message.claimed_at = None
    if error is None:
        attempt.outcome = DELIVERED
        message.status, message.sent_at, message.last_error = SENT, at, None
        # Data minimisation: after delivery nobody needs the address or the text (whose link
        # is a credential); kind, language and the timestamps remain for the record.
        message.recipient = message.subject = message.body_text = message.body_html = None
    else:
        permanent = isinstance(error, PermanentFailure)
        attempt.outcome = PERMANENT_FAILURE if permanent else TEMPORARY_FAILURE
        attempt.error = message.last_error = str(error)[:200]
        if permanent or message.attempts >= max_attempts:
            message.status = FAILED
        else:
            message.status = QUEUED
            message.next_attempt_at = at + retry_delay(message.attempts)
    db.commit()
    return message.status


def deliver_due(db: Session, *, transport: Transport, now: datetime | None = None,
                batch_size: int = 50, max_attempts: int = MAX_ATTEMPTS,
                stale_after: timedelta = STALE_AFTER,
                should_stop: Callable[[], bool] | None = None) -> DeliveryReport:
    """Send up to batch_size due messages, one claim and one commit around each send.

    `now` fixes the clock (tests); without it the clock is read before each message, so a
    long run never leaves an old claim time on a message it is still sending.
    """
    clock: Callable[[], datetime] = (lambda: now) if now is not None else utcnow
    report = DeliveryReport()
    try:
        for _ in range(batch_size):
            if should_stop is not None and should_stop():
                break
            claimed = _claim_next(db, clock(), stale_after, max_attempts)
            if claimed is None:
                break
            message, attempt = claimed
            if attempt is None:
                report.failed += 1
                continue
            error: DeliveryError | None = None
            try:
                transport.send(_email_of(message))
            except DeliveryError as exc:
                error = exc
            except Exception as exc:
                # One message the transport chokes on must not stop the others. Type and stack
                # only: the exception's text may quote the address.
                log.error("unexpected %s sending outbox message %s\n%s", type(exc).__name__,
                          message.id, "".join(traceback.format_tb(exc.__traceback__)))
                error = PermanentFailure(f"unexpected {type(exc).__name__}")
            status = _record(db, message, attempt, clock(), error, max_attempts)
            if status == SENT:
                report.sent += 1
            elif status == FAILED:
                report.failed += 1
            else:
                report.retrying += 1
            if isinstance(error, ServerUnavailable):
                # The rest wait for the next run instead of each spending an attempt (and,
                # with a server that does not answer, a timeout) on the same outage.
                break
    finally:
        transport.close()
    return report


def retry_failed(db: Session, *, message_id: str, now: datetime | None = None) -> OutboxMessage:
    """Queue a failed message again with a fresh set of attempts; history stays."""
    message = db.get(OutboxMessage, message_id)
    if message is None:
        raise UnknownMessage(message_id)
    if message.status != FAILED:
        raise NotRetryable(message.status)
    message.status, message.attempts = QUEUED, 0
    message.next_attempt_at = now or utcnow()
    db.commit()
    return message


def failed_messages(db: Session, *, limit: int = 100) -> list[OutboxMessage]:
    """Return failed messages, oldest first (for the staff page and `flask outbox retry`)."""
    query = (select(OutboxMessage).where(OutboxMessage.status == FAILED)
             .order_by(OutboxMessage.created_at).limit(limit))
    return list(db.scalars(query))


def counts_by_status(db: Session) -> dict[str, int]:
    """Return how many messages are in each status, every status listed."""
    rows = db.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status))
    counts = dict.fromkeys(STATUSES, 0)
    counts.update({status: count for status, count in rows})
    return counts
