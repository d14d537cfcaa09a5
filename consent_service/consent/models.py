"""Consent models: requests sent to patients, signed consents and their history."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, PublicId, Timestamp, UTCDateTime
from ..directory.models import Hospital


class ConsentRequest(Base):
    """A panel system's request that one patient read and sign the consent form."""

    __tablename__ = "consent_requests"

    id: Mapped[PublicId]
    patient_ref: Mapped[str] = mapped_column(String(64), index=True)
    hospital_id: Mapped[str] = mapped_column(ForeignKey("hospitals.id"))
    language: Mapped[str] = mapped_column(String(8))
    form_id: Mapped[str] = mapped_column(String(64))
    requested_by: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[Timestamp]
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())

    hospital: Mapped[Hospital] = relationship(lazy="joined")
    consent: Mapped[Consent | None] = relationship(back_populates="request", lazy="joined")

    def __repr__(self) -> str:
        return f"<ConsentRequest {self.id}>"


class Consent(Base):
    """A patient's signed decision on one form version; declines are recorded too."""

    __tablename__ = "consents"

    id: Mapped[PublicId]
    # unique: a request yields one consent however often the sign form is submitted.
    request_id: Mapped[str] = mapped_column(ForeignKey("consent_requests.id"), unique=True)
    receipt_id: Mapped[str] = mapped_column(String(20), unique=True)
    patient_ref: Mapped[str] = mapped_column(String(64), index=True)
    hospital_id: Mapped[str] = mapped_column(ForeignKey("hospitals.id"))
    form_id: Mapped[str] = mapped_column(String(64))
    form_version: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(8))
    text_sha256: Mapped[str] = mapped_column(String(64))
    decision: Mapped[str] = mapped_column(String(16))  # given | declined
    # "registry" is reserved by SQLAlchemy's declarative base, hence the choice_ prefix.
    choice_care: Mapped[bool] = mapped_column("care", Boolean)
    choice_registry: Mapped[bool] = mapped_column("registry", Boolean)
    choice_research_contact: Mapped[bool] = mapped_column("research_contact", Boolean)
    quiz_answers: Mapped[dict]
    signer_role: Mapped[str] = mapped_column(String(16))
    signer_name: Mapped[str] = mapped_column(String(200))
    signer_relationship: Mapped[str | None] = mapped_column(String(100))
    child_name: Mapped[str | None] = mapped_column(String(200))
    child_birth_date: Mapped[date | None] = mapped_column(Date)
    signed_at: Mapped[Timestamp]
    changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    request: Mapped[ConsentRequest] = relationship(back_populates="consent")
    hospital: Mapped[Hospital] = relationship(lazy="joined")
    events: Mapped[list[ConsentEvent]] = relationship(
        back_populates="consent", order_by="ConsentEvent.at", cascade="all, delete-orphan"
    )

    @property
    def choices(self) -> dict[str, bool]:
        """Return the three decisions by key."""
        return {"care": self.choice_care, "registry": self.choice_registry,
                "research_contact": self.choice_research_contact}

    def __repr__(self) -> str:
        return f"<Consent {self.id} {self.decision}>"


class ConsentEvent(Base):
    """One entry in a consent's history: signed, declined, changed, withdrawn."""

    __tablename__ = "consent_events"

    id: Mapped[PublicId]
    consent_id: Mapped[str] = mapped_column(ForeignKey("consents.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    choices: Mapped[dict]
    at: Mapped[Timestamp]

    consent: Mapped[Consent] = relationship(back_populates="events")

    def __repr__(self) -> str:
        return f"<ConsentEvent {self.kind} {self.at:%Y-%m-%d}>"
