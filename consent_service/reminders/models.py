"""Reminder model: one row per reminder sent, so that none is ever sent twice."""

from __future__ import annotations

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, PublicId, Timestamp


class SentReminder(Base):
    """A reminder that went out: its kind, what it was about, and which occurrence."""

    __tablename__ = "sent_reminders"
    __table_args__ = (UniqueConstraint("kind", "subject_id", "occurrence"),)

    id: Mapped[PublicId]
    kind: Mapped[str] = mapped_column(String(32))  # e.g. returned_3d, sponsor, reviewer
    subject_id: Mapped[str] = mapped_column(String(36))  # the request or invitation
    # Tells apart repeats that are allowed: a second return of the same request is a new
    # occurrence (its event id), a reviewer reminder is per reviewer and submission.
    occurrence: Mapped[str] = mapped_column(String(80), default="")
    sent_at: Mapped[Timestamp]

    def __repr__(self) -> str:
        return f"<SentReminder {self.kind} {self.subject_id}>"
