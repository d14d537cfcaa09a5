"""Directory models: hospitals that ask patients for consent."""

from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, PublicId, Timestamp


class Hospital(Base):
    """A hospital, known to panel systems by its short code."""

    __tablename__ = "hospitals"

    id: Mapped[PublicId]
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    city: Mapped[str] = mapped_column(String(100), default="")
    dpo_contact: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[Timestamp]

    def __repr__(self) -> str:
        return f"<Hospital {self.code}>"
