"""Staff edits of hospitals: create, update, codes, memberships, audit; and the page lookups."""

import json

import pytest
from sqlalchemy import func, select

from consent_service.audit import AuditEvent
from consent_service.directory import editing
from consent_service.directory.editing import CodeTaken, HospitalDetails, UnknownNetwork
from consent_service.directory.models import Hospital, HospitalDomain
from consent_service.directory.normalise import InvalidDomain

DETAILS = HospitalDetails(
    name="Klinikum München", country="DE", city="München",
    dpo_contact="Data protection officer, dpo@klinik-münchen.example",
    domains=("KLINIK-MÜNCHEN.example", "xn--klinik-mnchen-3ob.example", "lmu.example"),
    memberships={"ReCONNET": "member", "ERKNet": "partner"})


def audit_rows(db, action: str) -> list[AuditEvent]:
    return list(db.scalars(select(AuditEvent).where(AuditEvent.action == action)
                           .order_by(AuditEvent.id)))


def hospital_count(db) -> int:
    return db.scalar(select(func.count()).select_from(Hospital))


def memberships(hospital: Hospital) -> dict[str, str]:
    return {m.network.code: m.kind for m in hospital.memberships}


def create(db, code: str = "MUC", details: HospitalDetails = DETAILS) -> Hospital:
    return editing.create_hospital(db, code=code, details=details, actor="staff:1")


def test_create_stores_the_hospital_with_normalised_domains_and_memberships(db):
    hospital = create(db)
    stored = editing.get_hospital(db, hospital.id)
    assert (stored.code, stored.name, stored.country, stored.city) == (
        "MUC", "Klinikum München", "DE", "München")
    assert stored.dpo_contact.startswith("Data protection officer")
    # The upper-case and the IDNA spelling are one domain, stored once in Unicode.
    assert [d.domain for d in stored.domains] == ["klinik-münchen.example", "lmu.example"]
    assert memberships(stored) == {"ReCONNET": "member", "ERKNet": "partner"}
    assert stored.search_text == "klinikum munchen munchen muc"


def test_create_is_audited_with_ids_and_codes_only(db):
    hospital = create(db)
    [row] = audit_rows(db, "directory.hospital_created")
    assert (row.subject_type, row.subject_id, row.actor) == ("hospital", hospital.id, "staff:1")
    data = json.loads(row.data)
    assert data == {"code": "MUC", "country": "DE", "domains": 2,
                    "memberships_added": "ERKNet:partner,ReCONNET:member",
                    "memberships_changed": "", "memberships_removed": ""}
    assert "München" not in row.data and "klinik" not in row.data


@pytest.mark.parametrize("taken", ["MUC", "muc", "Muc"])
def test_a_taken_code_in_any_case_is_refused_and_nothing_written(db, taken):
    create(db)
    before = hospital_count(db)
    with pytest.raises(CodeTaken):
        create(db, code=taken)
    assert hospital_count(db) == before
    assert len(audit_rows(db, "directory.hospital_created")) == 1


def test_a_bad_code_unknown_network_or_kind_or_domain_writes_nothing(db):
    before = hospital_count(db)
    with pytest.raises(ValueError):
        create(db, code="MU C")
    with pytest.raises(UnknownNetwork):
        create(db, details=HospitalDetails(name="X", country="DE", city="Y",
                                           memberships={"NOPE": "member"}))
    with pytest.raises(ValueError):
        create(db, details=HospitalDetails(name="X", country="DE", city="Y",
                                           memberships={"ReCONNET": "leader"}))
    with pytest.raises(InvalidDomain):
        create(db, details=HospitalDetails(name="X", country="DE", city="Y",
                                           domains=("https://x.example",)))
    assert hospital_count(db) == before
    assert audit_rows(db, "directory.hospital_created") == []


def test_update_changes_details_domains_and_memberships_and_says_what_changed(db):
    hospital = create(db)
    kept_domain_id = next(d.id for d in hospital.domains if d.domain == "lmu.example")
    changed = editing.update_hospital(db, hospital=hospital, actor="staff:2", details=(
        HospitalDetails(name="Klinikum der Universität München", country="DE", city="München",
                        dpo_contact=DETAILS.dpo_contact,
                        domains=("lmu.example", "med.uni-münchen.example"),
                        memberships={"ERKNet": "member", "EURO-NMD": "partner"})))
    assert changed == ["name", "domains", "memberships"]
    stored = editing.get_hospital(db, hospital.id)
    assert stored.name == "Klinikum der Universität München"
    assert [d.domain for d in stored.domains] == ["lmu.example", "med.uni-münchen.example"]
    # A kept domain is the same row: only what changed is written.
    assert next(d.id for d in stored.domains if d.domain == "lmu.example") == kept_domain_id
    assert memberships(stored) == {"ERKNet": "member", "EURO-NMD": "partner"}
    [row] = audit_rows(db, "directory.hospital_updated")
    assert (row.subject_id, row.actor) == (hospital.id, "staff:2")
    assert json.loads(row.data) == {
        "code": "MUC", "fields": "name,domains,memberships", "domains_added": 1,
        "domains_removed": 1, "memberships_added": "EURO-NMD:partner",
        "memberships_changed": "ERKNet:member", "memberships_removed": "ReCONNET"}


def test_update_can_empty_domains_memberships_and_dpo_contact(db):
    hospital = create(db)
    changed = editing.update_hospital(db, hospital=hospital, actor="staff:2", details=(
        HospitalDetails(name=DETAILS.name, country="CH", city="Genève")))
    assert changed == ["country", "city", "dpo_contact", "domains", "memberships"]
    stored = editing.get_hospital(db, hospital.id)
    assert (stored.country, stored.dpo_contact, stored.domains, stored.memberships) == (
        "CH", "", [], [])
    assert db.scalar(select(func.count()).select_from(HospitalDomain)
                     .where(HospitalDomain.hospital_id == hospital.id)) == 0


def test_an_update_that_changes_nothing_writes_no_audit_row(db):
    hospital = create(db)
    same = HospitalDetails(name=DETAILS.name, country="DE", city="München",
                           dpo_contact=DETAILS.dpo_contact,
                           domains=("lmu.example", "klinik-münchen.example"),
                           memberships={"ERKNet": "partner", "ReCONNET": "member"})
    assert editing.update_hospital(db, hospital=hospital, details=same, actor="staff:2") == []
    assert audit_rows(db, "directory.hospital_updated") == []


def test_network_hospitals_lists_members_and_partners_by_name(db):
    create(db)
    create(db, code="PAD", details=HospitalDetails(
        name="Azienda Ospedale Padova", country="IT", city="Padova",
        memberships={"ReCONNET": "partner"}))
    create(db, code="AAA", details=HospitalDetails(
        name="Aarhus Universitetshospital", country="DK", city="Aarhus",
        memberships={"ReCONNET": "member"}))
    found = editing.network_hospitals(db, "ReCONNET")
    assert [h.code for h in found.members] == ["AAA", "MUC"]
    assert [h.code for h in found.partners] == ["PAD"]
    assert editing.network_hospitals(db, "reconnet") is None
    assert editing.network_hospitals(db, "NOPE") is None


def test_lookups_of_unknown_things_return_none(db):
    assert editing.get_hospital(db, "00000000-0000-4000-8000-000000000000") is None
    assert [n.code for n in editing.networks(db)][:3] == ["BOND", "CRANIO", "Endo-ERN"]
    assert len(editing.networks(db)) == 24
