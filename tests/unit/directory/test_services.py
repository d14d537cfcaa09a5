"""Directory import (all rows or none), networks, and finding hospitals by name or domain."""

import pytest
from sqlalchemy import func, select

from consent_service.audit import AuditEvent
from consent_service.directory import csvfile
from consent_service.directory.csvfile import InvalidDirectory, read_rows
from consent_service.directory.erns import NETWORKS
from consent_service.directory.models import Hospital, HospitalDomain, Network
from consent_service.directory.services import (
    ensure_networks,
    find_hospitals,
    hospitals_by_domain,
    import_directory,
)
from tests import factories

HEADER = "code,name,country,city,email_domains,networks\n"
GOOD = "GOOD,Good Hospital,IT,Padova,good.example,ReCONNET:member\n"


def run_import(db, text: str | bytes, dry_run: bool = False):
    data = text.encode() if isinstance(text, str) else text
    return import_directory(db, rows=read_rows(data), actor="test", dry_run=dry_run)


def problems(db, text: str | bytes) -> list[str]:
    with pytest.raises(InvalidDirectory) as caught:
        run_import(db, text)
    return [str(error) for error in caught.value.errors]


def hospital(db, code: str) -> Hospital | None:
    return db.scalars(select(Hospital).where(Hospital.code == code)).first()


def memberships(row: Hospital) -> dict[str, str]:
    return {m.network.code: m.kind for m in row.memberships}


def audit_count(db) -> int:
    return db.scalar(select(func.count()).select_from(AuditEvent)
                     .where(AuditEvent.action == "directory.imported"))


def test_the_migration_creates_the_24_networks_with_their_own_codes(db):
    stored = {(n.code, n.name) for n in db.scalars(select(Network))}
    assert stored == {(ern.code, ern.name) for ern in NETWORKS}
    assert len(NETWORKS) == 24 == len({ern.code for ern in NETWORKS})
    assert {"ReCONNET", "ERKNet", "EURO-NMD", "Endo-ERN", "MetabERN", "VASCERN", "ERNICA"} <= \
        {code for code, _ in stored}


def test_ensure_networks_is_idempotent_and_restores_missing_or_renamed_ones(db):
    assert ensure_networks(db) == 0
    db.delete(db.scalars(select(Network).where(Network.code == "RITA")).one())
    db.scalars(select(Network).where(Network.code == "EYE")).one().name = "old name"
    db.flush()
    assert ensure_networks(db) == 1
    assert db.scalars(select(Network).where(Network.code == "EYE")).one().name == \
        dict(NETWORKS)["EYE"]


def test_a_valid_file_creates_hospitals_domains_and_memberships_and_one_audit_row(db):
    before = audit_count(db)
    summary = run_import(db, "\ufeff" + HEADER + GOOD
                         + "MUC,Klinikum München,DE,München,"
                           "KLINIK-MÜNCHEN.example;med.klinik-münchen.example,"
                           "reconnet:PARTNER;EURO-NMD:member\n"
                         + "\n"
                         + "GVA,Hôpital de Genève,CH,Genève,,\n")
    assert (summary.rows, summary.created, summary.updated, summary.unchanged) == (3, 3, 0, 0)
    munich = hospital(db, "MUC")
    assert (munich.name, munich.country, munich.city) == ("Klinikum München", "DE", "München")
    assert [d.domain for d in munich.domains] == ["klinik-münchen.example",
                                                  "med.klinik-münchen.example"]
    assert memberships(munich) == {"ReCONNET": "partner", "EURO-NMD": "member"}
    geneva = hospital(db, "GVA")
    assert geneva.domains == [] and geneva.memberships == []
    assert audit_count(db) == before + 1
    event = db.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "directory.imported" and event.actor == "test"
    assert "München" not in event.data and '"created":3' in event.data


BAD_ROWS = [
    ("X1,,IT,Padova,,", "line 3: name: required"),
    ("X1,Hospital,,Padova,,", "line 3: country: required"),
    ("X1,Hospital,IT,,,", "line 3: city: required"),
    (",Hospital,IT,Padova,,", "line 3: code: required"),
    ("X 1,Hospital,IT,Padova,,", "line 3: code: 'X 1' may hold only"),
    ("X1,Hospital,it,Padova,,", "line 3: country: 'it': write the code in upper case (IT)"),
    ("X1,Hospital,XX,Padova,,", "line 3: country: 'XX' is not an ISO 3166-1 alpha-2"),
    ("X1,Hospital,ITA,Padova,,", "line 3: country: 'ITA' is not an ISO 3166-1 alpha-2"),
    ("X1,Hospital,EL,Athens,,", "line 3: country: 'EL' is not ISO 3166-1: write GR"),
    ("X1,Hospital,GB,London,,", None),  # outside the EU/EEA is allowed: guests come from there
    ("X1," + "H" * 201 + ",IT,Padova,,", "line 3: name: longer than 200 characters"),
    ("X1,Hos\x07pital,IT,Padova,,", "line 3: name: contains a control character"),
    ("X1,Hospital,IT,Padova,http://x1.example,", "line 3: email_domains: 'http://x1.example'"),
    ("X1,Hospital,IT,Padova,staff@x1.example,", "line 3: email_domains: 'staff@x1.example' is "
                                                "an email address"),
    ("X1,Hospital,IT,Padova,x1 .example,", "line 3: email_domains: 'x1 .example' contains a"),
    ("X1,Hospital,IT,Padova,x1,", "line 3: email_domains: 'x1' has no dot"),
    ("X1,Hospital,IT,Padova,straße.example,", "line 3: email_domains: label 'straße' changes"),
    ("X1,Hospital,IT,Padova,,NOPE:member", "line 3: networks: unknown network 'NOPE'"),
    ("X1,Hospital,IT,Padova,,ReCONNET:observer", "line 3: networks: 'ReCONNET:observer': the "
                                                 "kind is member or partner"),
    ("X1,Hospital,IT,Padova,,ReCONNET", "line 3: networks: 'ReCONNET': write CODE:member"),
    ("X1,Hospital,IT,Padova,,ReCONNET:member;reconnet:partner",
     "line 3: networks: ReCONNET is listed twice"),
    ("X1,Hospital,IT", "line 3: 3 cells where the header has 6"),
    ("X1,Hospital, Padova,IT,Padova,,", "line 3: 7 cells where the header has 6"),
    ("GOOD,Other Hospital,IT,Padova,,", "line 3: code: GOOD is also on line 2"),
]


@pytest.mark.parametrize(("row", "problem"), BAD_ROWS)
def test_a_bad_row_rejects_the_whole_file_and_names_its_line(db, row, problem):
    before = audit_count(db)
    text = HEADER + GOOD + row + "\n"
    if problem is None:
        assert run_import(db, text).created == 2
        return
    assert any(found.startswith(problem) for found in problems(db, text)), problems(db, text)
    assert hospital(db, "GOOD") is None and hospital(db, "X1") is None
    assert audit_count(db) == before


BAD_FILES = [
    (b"", "file: empty file: a header row is required"),
    (b"\n\n", "file: empty file"),
    (b"code,name,country,city,email_domains\nX1,H,IT,Padova,\n",
     "line 1: missing column 'networks'"),
    ((HEADER.rstrip() + ",website\n").encode(), "line 1: unknown column 'website'"),
    (b"code,name,name,country,city,email_domains,networks\n", "line 1: column 'name' appears"),
    (HEADER.replace(",", ";").encode(), "line 1: the columns are separated by ';'"),
    (HEADER.encode() + GOOD.encode() + "X1,Café,IT,Padova,,\n".encode("latin-1"),
     "line 3: not UTF-8"),
    ((HEADER + GOOD + 'X1,"Hospital"s,IT,Padova,,\n').encode(), "line 3: not valid CSV"),
]


@pytest.mark.parametrize(("data", "problem"), BAD_FILES)
def test_a_bad_file_is_rejected_with_its_line(db, data, problem):
    assert any(found.startswith(problem) for found in problems(db, data)), problems(db, data)
    assert hospital(db, "GOOD") is None


def test_limits_of_size_and_rows(db, monkeypatch):
    big = HEADER.encode() + b"x" * csvfile.MAX_FILE_BYTES
    assert problems(db, big) == [f"file: larger than {csvfile.MAX_FILE_BYTES} bytes"]
    monkeypatch.setattr(csvfile, "MAX_ROWS", 2)
    many = HEADER + GOOD + GOOD.replace("GOOD", "G2") + GOOD.replace("GOOD", "G3")
    assert problems(db, many) == ["line 4: more than 2 rows; split the file"]


def test_every_problem_is_reported_with_its_line_counting_blank_and_multi_line_rows(db):
    found = problems(db, HEADER + "\n" + 'A1,"Two\nlines",it,Padova,,\n' + GOOD
                     + "A2,Hospital,IT,,,NOPE:member\n")
    assert found == [
        "line 3: name: contains a control character",  # the line break
        "line 3: country: 'it': write the code in upper case (IT)",
        "line 6: city: required",
        "line 6: networks: unknown network 'NOPE' (flask directory networks lists the codes)",
    ]


def test_reimport_replaces_name_place_domains_and_memberships(db):
    run_import(db, HEADER.rstrip() + ",dpo_contact\n"
               "GOOD,Good Hospital,IT,Padova,good.example;old.example,"
               "ReCONNET:member;ERKNet:partner,DPO office\n")
    kept = next(d for d in hospital(db, "GOOD").domains if d.domain == "good.example")
    before = audit_count(db)
    summary = run_import(db, HEADER + "GOOD,Good University Hospital,AT,Wien,"
                                      "good.example;new.example,ERKNet:member;EYE:partner\n")
    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 0)
    row = hospital(db, "GOOD")
    assert (row.name, row.country, row.city) == ("Good University Hospital", "AT", "Wien")
    assert [d.domain for d in row.domains] == ["good.example", "new.example"]
    assert kept in row.domains  # rows that stay are kept, not re-created
    assert memberships(row) == {"ERKNet": "member", "EYE": "partner"}
    assert row.dpo_contact == "DPO office"  # the file has no dpo_contact column: kept
    assert db.scalar(select(func.count()).select_from(HospitalDomain)
                     .where(HospitalDomain.domain == "old.example")) == 0
    assert audit_count(db) == before + 1


def test_reimport_of_the_same_file_changes_nothing_and_audits_nothing(db):
    run_import(db, HEADER + GOOD)
    before = audit_count(db)
    summary = run_import(db, HEADER + GOOD)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 1)
    assert audit_count(db) == before


def test_hospitals_missing_from_the_file_are_left_alone(db):
    existing = factories.hospital(code="KEEP", name="Kept Hospital")
    factories.membership(existing, "ERKNet")
    run_import(db, HEADER + GOOD)
    assert memberships(hospital(db, "KEEP")) == {"ERKNet": "member"}


def test_a_dry_run_reports_and_writes_nothing(db):
    factories.hospital(code="GOOD", name="Old name")
    before = audit_count(db)
    summary = run_import(db, HEADER + GOOD + GOOD.replace("GOOD", "NEW"), dry_run=True)
    assert (summary.created, summary.updated, summary.dry_run) == (1, 1, True)
    assert hospital(db, "NEW") is None and hospital(db, "GOOD").name == "Old name"
    assert audit_count(db) == before


def test_unicode_domains_are_found_in_any_form_and_subdomains_match(db):
    run_import(db, HEADER + "MUC,Klinikum München,DE,München,klinik-münchen.example,\n"
                            "UNI,Uniklinik,DE,München,uni.example;klinik-münchen.example,\n")
    for given in ["klinik-münchen.example", "KLINIK-MÜNCHEN.EXAMPLE",
                  "xn--klinik-mnchen-3ob.example", "dr.muster@klinik-münchen.example",
                  "kardio.klinik-münchen.example"]:
        assert [h.code for h in hospitals_by_domain(db, given)] == ["MUC", "UNI"], given
    assert [h.code for h in hospitals_by_domain(db, "uni.example")] == ["UNI"]
    assert hospitals_by_domain(db, "other.example") == []
    assert hospitals_by_domain(db, "not a domain") == []
    assert hospitals_by_domain(db, "example") == []  # a bare TLD matches nobody


def test_find_hospitals_by_name_or_city_ignoring_case_and_accents(db):
    run_import(db, HEADER + "GVA,Hôpitaux Universitaires de Genève,CH,Genève,,\n"
                            "MUC,Klinikum rechts der Isar,DE,München,,\n"
                            "LDZ,Uniwersytecki Szpital Kliniczny,PL,Łódź,,\n"
                            "BXL,Cliniques universitaires Saint-Luc,BE,Bruxelles,,\n"
                            "UKD,Universitätsklinikum Dresden,DE,Dresden,,\n")
    assert [h.code for h in find_hospitals(db, "geneve")] == ["GVA"]
    assert [h.code for h in find_hospitals(db, "MUNCHEN")] == ["MUC"]
    assert [h.code for h in find_hospitals(db, "lodz")] == ["LDZ"]
    assert [h.code for h in find_hospitals(db, "saint-luc brux")] == ["BXL"]
    # a name that starts with the word comes first, then by name
    assert [h.code for h in find_hospitals(db, "univ")] == ["UKD", "BXL", "GVA"]
    assert [h.code for h in find_hospitals(db, "univ", limit=1)] == ["UKD"]
    assert [h.code for h in find_hospitals(db, "ldz")] == ["LDZ"]  # codes match too
    assert find_hospitals(db, "  -  ") == [] and find_hospitals(db, "100%") == []


def test_search_text_follows_changes_made_outside_the_import(db):
    row = factories.hospital(code="REN", name="Old Name")
    row.city = "Zürich"
    db.commit()
    assert [h.code for h in find_hospitals(db, "zurich")] == ["REN"]


def test_a_spreadsheet_export_with_crlf_line_ends_and_quoted_commas_imports(db):
    run_import(db, 'code,name,country,city,email_domains,networks,DPO_Contact\r\n'
                   'GOOD,Good Hospital,IT,Padova,good.example,,"DPO, Good Hospital"\r\n')
    assert hospital(db, "GOOD").dpo_contact == "DPO, Good Hospital"
