"""Directory models: networks (ERNs), hospitals, their email domains and network memberships."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..db import Base, PublicId, Timestamp
from .normalise import search_text

MEMBER = "member"  # a full member of the network
PARTNER = "partner"  # an affiliated partner of the network
MEMBERSHIP_KINDS = (MEMBER, PARTNER)


class Network(Base):
    """A European Reference Network, coded by the short name it uses itself (e.g. ReCONNET)."""

    __tablename__ = "networks"

    id: Mapped[PublicId]
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[Timestamp]

    memberships: Mapped[list[Membership]] = relationship(back_populates="network")

    def __repr__(self) -> str:
        return f"<Network {self.code}>"


class Hospital(Base):
    """A hospital, known to panel systems by its short code."""

    __tablename__ = "hospitals"

    id: Mapped[PublicId]
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(2))
    city: Mapped[str] = mapped_column(String(100), default="")
    dpo_contact: Mapped[str] = mapped_column(String(200), default="")
    # Name, city and code folded to lower case without accents, kept up to date on every flush,
    # so that "geneve" finds "Genève" with a plain LIKE on SQLite and PostgreSQL alike.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")
    created_at: Mapped[Timestamp]

    domains: Mapped[list[HospitalDomain]] = relationship(
        back_populates="hospital", cascade="all, delete-orphan", order_by="HospitalDomain.domain")
    memberships: Mapped[list[Membership]] = relationship(
        back_populates="hospital", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Hospital {self.code}>"


@event.listens_for(Hospital, "before_insert")
@event.listens_for(Hospital, "before_update")
def _refresh_search_text(_mapper, _connection, hospital: Hospital) -> None:
    hospital.search_text = search_text(hospital.name, hospital.city, hospital.code)


class HospitalDomain(Base):
    """An email domain of a hospital's staff, lower-case Unicode (IDNA-decoded) form."""

    __tablename__ = "hospital_domains"
    __table_args__ = (UniqueConstraint("hospital_id", "domain"),)

    id: Mapped[PublicId]
    hospital_id: Mapped[str] = mapped_column(ForeignKey("hospitals.id"))
    # Several hospitals may share a domain (a region's health service, a university).
    domain: Mapped[str] = mapped_column(String(255), index=True)

    hospital: Mapped[Hospital] = relationship(back_populates="domains")

    def __repr__(self) -> str:
        return f"<HospitalDomain {self.domain}>"


class Membership(Base):
    """A hospital's place in a network: full member or affiliated partner."""

    __tablename__ = "hospital_memberships"
    __table_args__ = (
        UniqueConstraint("hospital_id", "network_id"),
        CheckConstraint("kind IN ('member', 'partner')", name="kind"),
    )

    id: Mapped[PublicId]
    hospital_id: Mapped[str] = mapped_column(ForeignKey("hospitals.id"))
    network_id: Mapped[str] = mapped_column(ForeignKey("networks.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))

    hospital: Mapped[Hospital] = relationship(back_populates="memberships")
    network: Mapped[Network] = relationship(back_populates="memberships")

    def __repr__(self) -> str:
        return f"<Membership {self.kind} {self.hospital_id} in {self.network_id}>"
