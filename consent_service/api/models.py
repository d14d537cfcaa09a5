"""API models: panel services' clients and their hashed keys."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, PublicId, Timestamp, UTCDateTime

SCOPES = ("consent:request", "consent:verify", "onboarding:verify", "panel:invite")


class ApiClient(Base):
    """A panel service allowed to call the API with the scopes it was given."""

    __tablename__ = "api_clients"

    id: Mapped[PublicId]
    name: Mapped[str] = mapped_column(String(80))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scopes: Mapped[list]
    created_at: Mapped[Timestamp]
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def __repr__(self) -> str:
        return f"<ApiClient {self.name}>"
