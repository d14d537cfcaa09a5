"""Onboarding models: access requests, their timeline, and the professionals they admit."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, PublicId, Timestamp, UTCDateTime
from ..directory.models import Hospital, Network

# States (docs/design-changes.md, "Onboarding states"): draft → email_verified → submitted →
# (returned ⇄ resubmitted) → approved | rejected.
DRAFT, EMAIL_VERIFIED, SUBMITTED, RETURNED, RESUBMITTED, APPROVED, REJECTED = (
    "draft", "email_verified", "submitted", "returned", "resubmitted", "approved", "rejected")
STATUSES = (DRAFT, EMAIL_VERIFIED, SUBMITTED, RETURNED, RESUBMITTED, APPROVED, REJECTED)
EDITABLE = (EMAIL_VERIFIED, RETURNED)  # the applicant may change answers
WAITING = (SUBMITTED, RESUBMITTED)  # a reviewer's turn
DECIDED = (APPROVED, REJECTED)

MEMBER, GUEST = "member", "guest"
ROLES = (MEMBER, GUEST)

# Professions; the clinical ones need a registration number, the others accept a
# confidentiality statement instead (docs/onboarding.md).
CLINICAL_PROFESSIONS = ("physician", "nurse", "genetic_counsellor", "psychologist",
                        "other_clinical")
NON_CLINICAL_PROFESSIONS = ("researcher", "coordinator", "other_non_clinical")
PROFESSIONS = CLINICAL_PROFESSIONS + NON_CLINICAL_PROFESSIONS

# Why a reviewer returns or rejects a request: one list, shown translated to the applicant.
REASON_CODES = ("identity_unverified", "registration_number", "hospital_not_member",
                "wrong_network", "email_domain", "sponsor_missing", "country_not_eligible",
                "role_unclear", "reason_unclear", "duplicate", "other")
# Answers a reviewer can flag on a returned request.
FIELDS = ("name", "profession", "registration_number", "hospital", "network", "role",
          "reason", "sponsor")


class AccessRequest(Base):
    """A healthcare professional's request for access to one network's panels."""

    __tablename__ = "access_requests"
    __table_args__ = (
        CheckConstraint(
            "status IN ('draft', 'email_verified', 'submitted', 'returned', 'resubmitted', "
            "'approved', 'rejected')", name="status"),
        CheckConstraint("role IS NULL OR role IN ('member', 'guest')", name="role"),
        Index("ix_access_requests_status_waiting_since", "status", "waiting_since"),
    )

    id: Mapped[PublicId]
    email: Mapped[str] = mapped_column(String(254), index=True)  # lower-case domain, NFC
    language: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(16), default=DRAFT)
    country: Mapped[str] = mapped_column(String(2))  # where the applicant works
    name: Mapped[str] = mapped_column(String(150), default="")
    profession: Mapped[str | None] = mapped_column(String(32))
    registration_number: Mapped[str] = mapped_column(String(64), default="")
    hospital_id: Mapped[str | None] = mapped_column(ForeignKey("hospitals.id"))
    # A hospital that is not in the directory: its name and city as the applicant wrote them.
    hospital_other: Mapped[str] = mapped_column(String(200), default="")
    network_id: Mapped[str | None] = mapped_column(ForeignKey("networks.id"))
    role: Mapped[str | None] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(Text, default="")
    confidentiality_accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sponsor_email: Mapped[str | None] = mapped_column(String(254))
    sponsor_name: Mapped[str] = mapped_column(String(150), default="")
    sponsor_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    sponsor_declined_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    flagged_fields: Mapped[list] = mapped_column(default=list)  # set by the last return
    invitation_id: Mapped[str | None] = mapped_column(ForeignKey("invitations.id"))
    submissions: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[Timestamp]
    updated_at: Mapped[Timestamp]  # the applicant's last action: drafts left alone are abandoned
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # first submission
    waiting_since: Mapped[datetime | None] = mapped_column(UTCDateTime())  # last (re)submission
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    hospital: Mapped[Hospital | None] = relationship()
    network: Mapped[Network | None] = relationship()
    events: Mapped[list[RequestEvent]] = relationship(
        back_populates="request", order_by="RequestEvent.at", cascade="all, delete-orphan")
    professional: Mapped[Professional | None] = relationship(back_populates="request")

    @property
    def hospital_label(self) -> str:
        """Return the hospital as the applicant and reviewers see it."""
        if self.hospital is not None:
            return f"{self.hospital.name}, {self.hospital.city}" if self.hospital.city \
                else self.hospital.name
        return self.hospital_other

    def __repr__(self) -> str:
        return f"<AccessRequest {self.id} {self.status}>"


class RequestEvent(Base):
    """One entry of a request's timeline: what happened, by whom, and why."""

    __tablename__ = "access_request_events"

    id: Mapped[PublicId]
    request_id: Mapped[str] = mapped_column(ForeignKey("access_requests.id"), index=True)
    at: Mapped[Timestamp]
    # started, link_sent, email_verified, submitted, sponsor_asked, sponsor_confirmed,
    # sponsor_declined, returned, resubmitted, approved, rejected, extended, revoked
    kind: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(80))  # applicant, sponsor, system, staff:<id>
    reason_codes: Mapped[list] = mapped_column(default=list)
    fields: Mapped[list] = mapped_column(default=list)
    message: Mapped[str] = mapped_column(Text, default="")  # the reviewer's words to the applicant

    request: Mapped[AccessRequest] = relationship(back_populates="events")

    def __repr__(self) -> str:
        return f"<RequestEvent {self.kind} {self.request_id}>"


class Professional(Base):
    """An approved applicant: what the onboarding token stands for, until expired or revoked."""

    __tablename__ = "professionals"

    id: Mapped[PublicId]
    request_id: Mapped[str] = mapped_column(ForeignKey("access_requests.id"), unique=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    name: Mapped[str] = mapped_column(String(150))
    hospital_id: Mapped[str | None] = mapped_column(ForeignKey("hospitals.id"))
    hospital_name: Mapped[str] = mapped_column(String(200))
    network_id: Mapped[str] = mapped_column(ForeignKey("networks.id"), index=True)
    role: Mapped[str] = mapped_column(String(8))
    approved_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # guests only
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    request: Mapped[AccessRequest] = relationship(back_populates="professional")
    network: Mapped[Network] = relationship()
    hospital: Mapped[Hospital | None] = relationship()

    def active_at(self, now: datetime) -> bool:
        """Return True when access is neither revoked nor expired at now."""
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)

    def __repr__(self) -> str:
        return f"<Professional {self.id} {self.role}>"
