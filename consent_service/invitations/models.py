"""Invitation model: a panel lead's invitation, its email and its acceptance."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, PublicId, Timestamp, UTCDateTime
from ..directory.models import Network
from ..outbox.models import OutboxMessage


class Invitation(Base):
    """An invitation sent on behalf of a panel service to a member or guest."""

    __tablename__ = "invitations"
    __table_args__ = (CheckConstraint("role IN ('member', 'guest')", name="role"),)

    id: Mapped[PublicId]
    client_id: Mapped[str] = mapped_column(ForeignKey("api_clients.id"), index=True)
    panel_ref: Mapped[str] = mapped_column(String(100))
    # Personal data kept until the invitation is accepted or expires, then erased.
    email: Mapped[str | None] = mapped_column(String(254))
    name: Mapped[str] = mapped_column(String(150), default="")
    network_id: Mapped[str] = mapped_column(ForeignKey("networks.id"))
    role: Mapped[str] = mapped_column(String(8))
    language: Mapped[str] = mapped_column(String(8))
    message: Mapped[str] = mapped_column(Text, default="")
    outbox_message_id: Mapped[str | None] = mapped_column(ForeignKey("outbox_messages.id"))
    created_at: Mapped[Timestamp]
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    network: Mapped[Network] = relationship()
    outbox_message: Mapped[OutboxMessage | None] = relationship()

    def __repr__(self) -> str:
        return f"<Invitation {self.id}>"
