"""Staff edits of the directory (one hospital at a time), and the lookups the staff pages need."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from .. import audit
from .models import MEMBER, MEMBERSHIP_KINDS, PARTNER, Hospital, Membership, Network
from .normalise import normalise_domain
from .services import _apply, _differs
from .validation import HOSPITAL_CODE, HospitalRecord


class CodeTaken(Exception):
    """Another hospital already has this code (compared without regard to case)."""


class UnknownNetwork(ValueError):
    """A membership names a network the directory does not have."""


@dataclass(frozen=True)
class HospitalDetails:
    """What staff can change about a hospital; the form checked the shape of each value."""

    name: str
    country: str
    city: str
    dpo_contact: str = ""
    domains: tuple[str, ...] = ()
    memberships: Mapping[str, str] = field(default_factory=dict)  # network code -> kind


@dataclass(frozen=True)
class NetworkHospitals:
    """A network with its full members and affiliated partners, each by name."""

    network: Network
    members: list[Hospital]
    partners: list[Hospital]


def networks(db: Session) -> list[Network]:
    """Return every network, by code without regard to case."""
    return list(db.scalars(select(Network).order_by(func.lower(Network.code))))


def get_hospital(db: Session, hospital_id: str) -> Hospital | None:
    """Return the hospital with its domains and memberships loaded, or None."""
    return db.scalars(
        select(Hospital).where(Hospital.id == hospital_id)
        .options(selectinload(Hospital.domains),
                 selectinload(Hospital.memberships).selectinload(Membership.network))
        .execution_options(populate_existing=True)).first()


def network_hospitals(db: Session, code: str) -> NetworkHospitals | None:
    """Return the network with this exact code and its hospitals by kind, or None."""
    network = db.scalars(select(Network).where(Network.code == code)).first()
    if network is None:
        return None
    rows = db.execute(select(Membership.kind, Hospital).join(Membership.hospital)
                      .where(Membership.network_id == network.id)
                      .order_by(Hospital.name, Hospital.code)).all()
    return NetworkHospitals(network=network,
                            members=[row.Hospital for row in rows if row.kind == MEMBER],
                            partners=[row.Hospital for row in rows if row.kind == PARTNER])


def code_taken(db: Session, code: str) -> bool:
    """Return whether a hospital has this code, in any case (PAD and pad would confuse)."""
    return db.scalar(select(func.count()).select_from(Hospital)
                     .where(func.lower(Hospital.code) == code.lower())) > 0


def _record(code: str, details: HospitalDetails, known: Mapping[str, Network]) -> HospitalRecord:
    """Return the details as the import's record, so both paths change rows the same way."""
    for network_code, kind in details.memberships.items():
        if network_code not in known:
            raise UnknownNetwork(network_code)
        if kind not in MEMBERSHIP_KINDS:
            raise ValueError(f"membership kind {kind!r}")
    domains = tuple(dict.fromkeys(normalise_domain(domain) for domain in details.domains))
    return HospitalRecord(line=0, code=code, name=details.name, country=details.country,
                          city=details.city, domains=domains,
                          memberships=dict(details.memberships),
                          dpo_contact=details.dpo_contact)


def _membership_changes(before: Mapping[str, str], after: Mapping[str, str]) -> dict[str, str]:
    """Return the memberships added, changed and removed, as network codes (audit data)."""
    def listed(codes) -> str:
        return ",".join(sorted(codes, key=str.lower))
    return {
        "memberships_added": listed(f"{c}:{after[c]}" for c in after.keys() - before.keys()),
        "memberships_changed": listed(f"{c}:{after[c]}" for c in after.keys() & before.keys()
                                      if after[c] != before[c]),
        "memberships_removed": listed(before.keys() - after.keys()),
    }


def create_hospital(db: Session, *, code: str, details: HospitalDetails,
                    actor: str) -> Hospital:
    """Add a hospital with its domains and memberships, audited, in one transaction.

    Raises CodeTaken when a hospital already has the code, UnknownNetwork for a membership
    in a network the directory lacks, InvalidDomain for a domain that cannot be stored.
    """
    if not HOSPITAL_CODE.match(code):
        raise ValueError("hospital code")
    known = {network.code: network for network in networks(db)}
    record = _record(code, details, known)
    if code_taken(db, code):
        raise CodeTaken(code)
    hospital = Hospital(code=code)
    _apply(hospital, record, known)
    try:
        db.add(hospital)
        db.flush()
        audit.record(db, "directory.hospital_created", "hospital", hospital.id, actor,
                     code=code, country=record.country, domains=len(record.domains),
                     **_membership_changes({}, record.memberships))
        db.commit()
    except IntegrityError:
        # Another admin saved the same code between the check and this insert.
        db.rollback()
        raise CodeTaken(code) from None
    except Exception:
        db.rollback()
        raise
    return hospital


def update_hospital(db: Session, *, hospital: Hospital, details: HospitalDetails,
                    actor: str) -> list[str]:
    """Make the hospital match the details, audited, in one transaction; its code stays.

    Returns the names of the fields that changed (none: nothing is written or audited).
    """
    known = {network.code: network for network in networks(db)}
    record = _record(hospital.code, details, known)
    if not _differs(hospital, record):
        return []
    before = {m.network.code: m.kind for m in hospital.memberships}
    old_domains = {d.domain for d in hospital.domains}
    changed = [name for name in ("name", "country", "city", "dpo_contact")
               if getattr(hospital, name) != getattr(record, name)]
    if old_domains != set(record.domains):
        changed.append("domains")
    if before != dict(record.memberships):
        changed.append("memberships")
    try:
        _apply(hospital, record, known)
        db.flush()
        audit.record(db, "directory.hospital_updated", "hospital", hospital.id, actor,
                     code=hospital.code, fields=",".join(changed),
                     domains_added=len(set(record.domains) - old_domains),
                     domains_removed=len(old_domains - set(record.domains)),
                     **_membership_changes(before, record.memberships))
        db.commit()
    except Exception:
        db.rollback()
        raise
    return changed
