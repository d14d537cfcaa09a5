"""Directory operations: keep the networks, import hospitals, find hospitals by name or domain."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session, selectinload

from .. import audit
from .csvfile import CsvRow, InvalidDirectory
from .erns import NETWORKS
from .models import MEMBER, PARTNER, Hospital, HospitalDomain, Membership, Network
from .normalise import InvalidDomain, domain_and_parents, normalise_domain, search_text
from .validation import HospitalRecord, validate_rows

MAX_RESULTS = 50
MAX_QUERY_WORDS = 6
ERN_CODES = frozenset(ern.code for ern in NETWORKS)


@dataclass(frozen=True)
class ImportSummary:
    """What an import did (or, for a dry run, would do)."""

    rows: int
    created: int
    updated: int
    unchanged: int
    networks_added: int
    dry_run: bool


def ensure_networks(db: Session) -> int:
    """Add the ERNs the database lacks and refresh their names; return how many were added."""
    existing = {network.code: network for network in db.scalars(select(Network))}
    added = 0
    for ern in NETWORKS:
        network = existing.get(ern.code)
        if network is None:
            db.add(Network(code=ern.code, name=ern.name))
            added += 1
        elif network.name != ern.name:
            network.name = ern.name
    db.flush()
    return added


def _stored_memberships(hospital: Hospital) -> dict[str, str]:
    return {membership.network.code: membership.kind for membership in hospital.memberships}


def _differs(hospital: Hospital, record: HospitalRecord) -> bool:
    return (
        (hospital.name, hospital.country, hospital.city) != (record.name, record.country,
                                                             record.city)
        or (record.dpo_contact is not None and hospital.dpo_contact != record.dpo_contact)
        or {d.domain for d in hospital.domains} != set(record.domains)
        or _stored_memberships(hospital) != dict(record.memberships)
    )


def _apply(hospital: Hospital, record: HospitalRecord, networks: dict[str, Network]) -> None:
    """Make the hospital match the record, changing rows in place rather than re-creating them.

    Deleting and re-adding the same (hospital, domain) in one flush would trip the unique
    constraint, since the unit of work inserts before it deletes.
    """
    hospital.name, hospital.country, hospital.city = record.name, record.country, record.city
    if record.dpo_contact is not None:
        hospital.dpo_contact = record.dpo_contact
    wanted = set(record.domains)
    for stored in list(hospital.domains):
        if stored.domain not in wanted:
            hospital.domains.remove(stored)
    present = {stored.domain for stored in hospital.domains}
    hospital.domains.extend(HospitalDomain(domain=d) for d in record.domains if d not in present)
    for membership in list(hospital.memberships):
        kind = record.memberships.get(membership.network.code)
        if kind is None:
            hospital.memberships.remove(membership)
        else:
            membership.kind = kind
    present = {membership.network.code for membership in hospital.memberships}
    hospital.memberships.extend(Membership(network=networks[code], kind=kind)
                                for code, kind in record.memberships.items()
                                if code not in present)


def _digest(records: list[HospitalRecord]) -> str:
    """Return a SHA-256 naming the imported content (the audit row's subject)."""
    body = [{**asdict(record), "line": None, "memberships": dict(record.memberships)}
            for record in records]
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def import_directory(db: Session, *, rows: Iterable[CsvRow], actor: str,
                     dry_run: bool = False) -> ImportSummary:
    """Check every row, then create or update all hospitals in one transaction, or none.

    Hospitals are matched by code; a matched hospital's name, country, city, domains and
    memberships are replaced by the file's (its DPO contact too, when the file has that
    column). Hospitals missing from the file are left as they are. Raises InvalidDirectory
    with every problem found, before anything is written.
    """
    in_db = set(db.scalars(select(Network.code)))
    records, errors = validate_rows(rows, in_db | ERN_CODES)
    if errors:
        raise InvalidDirectory(errors)
    try:
        networks_added = len(ERN_CODES - in_db) if dry_run else ensure_networks(db)
        networks = {network.code: network for network in db.scalars(select(Network))}
        # populate_existing: compare with the database, not with objects this session loaded
        # earlier (sessions here keep their objects across commits).
        stored = {hospital.code: hospital for hospital in db.scalars(
            select(Hospital).options(selectinload(Hospital.domains),
                                     selectinload(Hospital.memberships)
                                     .selectinload(Membership.network))
            .execution_options(populate_existing=True))}
        created = updated = 0
        for record in records:
            hospital = stored.get(record.code)
            if hospital is None:
                created += 1
                if not dry_run:
                    hospital = Hospital(code=record.code, dpo_contact=record.dpo_contact or "")
                    _apply(hospital, record, networks)
                    db.add(hospital)
            elif _differs(hospital, record):
                updated += 1
                if not dry_run:
                    _apply(hospital, record, networks)
        summary = ImportSummary(rows=len(records), created=created, updated=updated,
                                unchanged=len(records) - created - updated,
                                networks_added=networks_added, dry_run=dry_run)
        if dry_run:
            return summary
        db.flush()
        if created or updated or networks_added:
            audit.record(db, "directory.imported", "directory", _digest(records), actor,
                         rows=summary.rows, created=created, updated=updated,
                         networks_added=networks_added)
        db.commit()
    except Exception:
        db.rollback()
        raise
    return summary


def find_hospitals(db: Session, query: str, limit: int = 20) -> list[Hospital]:
    """Return hospitals whose name, city or code contain every word typed, accents ignored.

    Hospitals whose name starts with the first word come first, then by name.
    """
    words = search_text(query).split()[:MAX_QUERY_WORDS]
    if not words:
        return []
    statement = select(Hospital)
    for word in words:
        statement = statement.where(Hospital.search_text.contains(word, autoescape=True))
    starts = case((Hospital.search_text.startswith(words[0], autoescape=True), 0), else_=1)
    statement = statement.order_by(starts, Hospital.name, Hospital.code)
    return list(db.scalars(statement.limit(max(1, min(limit, MAX_RESULTS)))))


def hospitals_by_domain(db: Session, domain: str) -> list[Hospital]:
    """Return the hospitals that use the domain (or an email address's domain).

    A subdomain matches its parent (cardio.hospital.example is hospital.example's); the
    most specific match comes first. Several hospitals can share a domain, so this is a list.
    """
    try:
        normal = normalise_domain(domain.rpartition("@")[2])
    except InvalidDomain:
        return []
    candidates = domain_and_parents(normal)
    found = db.execute(select(HospitalDomain.domain, Hospital)
                       .join(HospitalDomain.hospital)
                       .where(HospitalDomain.domain.in_(candidates))).all()
    found.sort(key=lambda row: (candidates.index(row.domain), row.Hospital.name))
    hospitals: list[Hospital] = []
    for row in found:
        if row.Hospital not in hospitals:
            hospitals.append(row.Hospital)
    return hospitals


@dataclass(frozen=True)
class NetworkCount:
    """A network with how many hospitals are full members and affiliated partners."""

    code: str
    name: str
    members: int
    partners: int


def network_counts(db: Session) -> list[NetworkCount]:
    """Return every network with its member and partner counts, by code."""
    statement = (
        select(Network.code, Network.name,
               func.count(Membership.id).filter(Membership.kind == MEMBER),
               func.count(Membership.id).filter(Membership.kind == PARTNER))
        .outerjoin(Network.memberships)
        .group_by(Network.id, Network.code, Network.name)
        .order_by(func.lower(Network.code))
    )
    return [NetworkCount(*row) for row in db.execute(statement)]
