"""Outbox models: one row per email to send, one row per delivery attempt."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, PublicId, Timestamp, UTCDateTime

QUEUED, SENDING, SENT, FAILED = "queued", "sending", "sent", "failed"
STATUSES = (QUEUED, SENDING, SENT, FAILED)

# Outcomes of one attempt; "pending" while the worker talks to the server, "interrupted" when
# the worker died before it could record what happened.
PENDING, DELIVERED, TEMPORARY_FAILURE, PERMANENT_FAILURE, INTERRUPTED = (
    "pending", "sent", "temporary_failure", "permanent_failure", "interrupted")


class OutboxMessage(Base):
    """An email rendered in its recipient's language, waiting for, or done with, delivery.

    Once sent, the recipient address, subject and bodies are erased: they are personal data
    (and the signing link in a body is a credential) that nobody needs after delivery.
    """

    __tablename__ = "outbox_messages"
    __table_args__ = (
        Index("ix_outbox_messages_status_next_attempt_at", "status", "next_attempt_at"),
    )

    id: Mapped[PublicId]
    kind: Mapped[str] = mapped_column(String(64))  # the template: templates/email/<kind>/
    language: Mapped[str] = mapped_column(String(8))
    recipient: Mapped[str | None] = mapped_column(String(320))
    subject: Mapped[str | None] = mapped_column(Text)
    body_text: Mapped[str | None] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16), default=QUEUED)
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # since queued or last retried
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime())
    claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_error: Mapped[str | None] = mapped_column(String(200))  # codes only, never addresses
    created_at: Mapped[Timestamp]
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    attempt_log: Mapped[list[OutboxAttempt]] = relationship(
        back_populates="message", order_by="OutboxAttempt.at", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.kind} {self.status}>"


class OutboxAttempt(Base):
    """One try at handing a message to the SMTP server, and how it ended."""

    __tablename__ = "outbox_attempts"

    id: Mapped[PublicId]
    message_id: Mapped[str] = mapped_column(ForeignKey("outbox_messages.id"), index=True)
    at: Mapped[Timestamp]
    outcome: Mapped[str] = mapped_column(String(24), default=PENDING)
    error: Mapped[str | None] = mapped_column(String(200))

    message: Mapped[OutboxMessage] = relationship(back_populates="attempt_log")

    def __repr__(self) -> str:
        return f"<OutboxAttempt {self.message_id} {self.at:%Y-%m-%dT%H:%M:%S} {self.outcome}>"
