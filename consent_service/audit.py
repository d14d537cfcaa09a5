"""Append-only audit log whose rows are chained by SHA-256 hashes."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Integer, String, Text, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from .db import Base, Timestamp, utcnow

GENESIS = "0" * 64


class AuditEvent(Base):
    """One state change: what happened to which object, by whom; ids only."""

    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[Timestamp]
    action: Mapped[str] = mapped_column(String(64))
    subject_type: Mapped[str] = mapped_column(String(32))
    subject_id: Mapped[str] = mapped_column(String(64), index=True)
    actor: Mapped[str] = mapped_column(String(80))
    data: Mapped[str] = mapped_column(Text, default="{}")
    # unique: two writers that read the same head cannot both append after it (no forks).
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64), unique=True)

    def __repr__(self) -> str:
        return f"<AuditEvent {self.id} {self.action} {self.subject_type}:{self.subject_id}>"


def _digest(prev_hash: str, at: datetime, action: str, subject_type: str, subject_id: str,
            actor: str, data: str) -> str:
    body = json.dumps(
        [prev_hash, at.isoformat(timespec="microseconds"), action, subject_type, subject_id,
         actor, data],
        ensure_ascii=True, separators=(",", ":"),
    )
    return hashlib.sha256(body.encode()).hexdigest()


def record(db: Session, action: str, subject_type: str, subject_id: str, actor: str,
           **data: str | int | bool | None) -> AuditEvent:
    """Append an audit row in the caller's transaction; data holds ids and codes only."""
    if db.get_bind().dialect.name == "postgresql":
        # Serialise appenders so concurrent transactions queue instead of failing on the chain.
        db.execute(text("SELECT pg_advisory_xact_lock(7243001)"))
    head = db.scalars(select(AuditEvent.hash).order_by(AuditEvent.id.desc()).limit(1)).first()
    prev_hash = head or GENESIS
    at = utcnow()
    payload = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)
    event = AuditEvent(
        at=at, action=action, subject_type=subject_type, subject_id=subject_id, actor=actor,
        data=payload, prev_hash=prev_hash,
        hash=_digest(prev_hash, at, action, subject_type, subject_id, actor, payload),
    )
    db.add(event)
    db.flush()
    return event


@dataclass(frozen=True)
class ChainReport:
    """Outcome of walking the chain."""

    rows: int
    ok: bool
    broken_at: int | None = None
    problem: str | None = None


def verify_chain(db: Session) -> ChainReport:
    """Recompute every hash in order; report the first edited, inserted or deleted row."""
    expected_prev = GENESIS
    count = 0
    for event in db.scalars(select(AuditEvent).order_by(AuditEvent.id)).yield_per(500):
        count += 1
        if event.prev_hash != expected_prev:
            return ChainReport(count, False, event.id, "a row before it was deleted or altered")
        digest = _digest(event.prev_hash, event.at, event.action, event.subject_type,
                         event.subject_id, event.actor, event.data)
        if digest != event.hash:
            return ChainReport(count, False, event.id, "its content does not match its hash")
        expected_prev = event.hash
    return ChainReport(count, True)
