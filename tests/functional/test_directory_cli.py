"""`flask directory import|networks` and the demo directory of `flask demo load`."""

from typing import NamedTuple

from sqlalchemy import func, select

from consent_service.audit import AuditEvent
from consent_service.directory import csvfile
from consent_service.directory.models import Hospital
from consent_service.directory.services import hospitals_by_domain
from tests import factories

HEADER = "code,name,country,city,email_domains,networks\n"
ROWS = ("PAD,Azienda Ospedale Università Padova,IT,Padova,aopd.veneto.it,ReCONNET:member\n"
        "GVA,Hôpitaux Universitaires de Genève,CH,Genève,hug.ch,\n")


def write(tmp_path, text: str | bytes, name: str = "directory.csv"):
    path = tmp_path / name
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return str(path)


def codes(db) -> set[str]:
    return set(db.scalars(select(Hospital.code)))


def test_import_prints_a_summary_and_stores_the_hospitals(runner, db, tmp_path):
    result = runner.invoke(args=["directory", "import", write(tmp_path, HEADER + ROWS)])
    assert result.exit_code == 0, result.output
    assert result.output == "directory.csv: 2 hospitals: 2 created, 0 updated, 0 unchanged.\n"
    assert {"PAD", "GVA"} <= codes(db)
    again = runner.invoke(args=["directory", "import", write(tmp_path, HEADER + ROWS)])
    assert "0 created, 0 updated, 2 unchanged" in again.output


def test_dry_run_reports_and_writes_nothing(runner, db, tmp_path):
    result = runner.invoke(args=["directory", "import", "--dry-run",
                                 write(tmp_path, HEADER + ROWS)])
    assert result.exit_code == 0, result.output
    assert "2 to create, 0 to update, 0 unchanged" in result.output
    assert "Dry run: the file is valid; nothing was written." in result.output
    assert not {"PAD", "GVA"} & codes(db)


def test_a_bad_file_exits_1_naming_every_bad_line_and_imports_nothing(runner, db, tmp_path):
    before = db.scalar(select(func.count()).select_from(AuditEvent))
    text = HEADER + ROWS + "BAD,Bad Hospital,XX,Nowhere,https://bad.example,NOPE:member\n"
    result = runner.invoke(args=["directory", "import", write(tmp_path, text)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "line 4: country: 'XX' is not an ISO 3166-1 alpha-2 country code",
        "line 4: email_domains: 'https://bad.example' is an address, not a domain: give only "
        "the domain",
        "line 4: networks: unknown network 'NOPE' (flask directory networks lists the codes)",
        "3 problem(s); nothing was imported.",
    ]
    assert not {"PAD", "GVA", "BAD"} & codes(db)
    assert db.scalar(select(func.count()).select_from(AuditEvent)) == before


def test_a_file_too_large_is_refused_without_reading_it_all(runner, tmp_path):
    path = write(tmp_path, HEADER.encode() + b" " * csvfile.MAX_FILE_BYTES)
    result = runner.invoke(args=["directory", "import", path])
    assert result.exit_code == 1
    assert f"file: larger than {csvfile.MAX_FILE_BYTES} bytes" in result.stderr


def test_a_missing_file_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(args=["directory", "import", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2 and "does not exist" in result.output


def test_networks_lists_the_24_ern_with_member_and_partner_counts(runner, tmp_path):
    runner.invoke(args=["directory", "import", write(tmp_path, HEADER + ROWS)])
    result = runner.invoke(args=["directory", "networks"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["code", "members", "partners", "name"]
    assert len(lines) == 25
    reconnet = next(line for line in lines if line.startswith("ReCONNET "))
    assert reconnet.split()[:3] == ["ReCONNET", "1", "0"]
    assert "connective tissue and musculoskeletal diseases" in reconnet


def test_demo_load_loads_the_labelled_demo_directory_and_twice_is_the_same(runner, db):
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    snapshot = _directory(db)
    audits = db.scalar(select(func.count()).select_from(AuditEvent)
                       .where(AuditEvent.action == "directory.imported"))
    second = runner.invoke(args=["demo", "load"])
    assert second.exit_code == 0, second.output
    assert _directory(db) == snapshot
    assert db.scalar(select(func.count()).select_from(AuditEvent)
                     .where(AuditEvent.action == "directory.imported")) == audits

    demo = [row for row in snapshot if row.code.startswith("DEMO")]
    assert len(demo) >= 4
    assert all(row.name.endswith("(demo data)") for row in demo)
    assert all(domain.endswith(".example") for row in demo for domain in row.domains)
    assert "CH" in {row.country for row in demo}  # one outside the EU/EEA, for guests
    assert "ReCONNET" in {code for row in demo for code, _ in row.memberships}
    assert (demo[0].code, demo[0].name) == ("DEMO", "Demo University Hospital (demo data)")
    assert [h.code for h in hospitals_by_domain(db, "doctor@klinik-münchen.example")] == [
        "DEMO-MUC"]
    assert "Demo data loaded (hospital DEMO: Demo University Hospital (demo data))." in \
        second.output


class Row(NamedTuple):
    code: str
    name: str
    country: str
    domains: tuple[str, ...]
    memberships: tuple[tuple[str, str], ...]
    dpo_contact: str


def _directory(db) -> list[Row]:
    return [
        Row(h.code, h.name, h.country, tuple(d.domain for d in h.domains),
            tuple(sorted((m.network.code, m.kind) for m in h.memberships)), h.dpo_contact)
        for h in db.scalars(select(Hospital).order_by(Hospital.code))
    ]


def test_demo_load_updates_an_existing_demo_hospital_in_place(runner, db):
    old = factories.hospital(code="DEMO", name="Demo hospital of an older version")
    request = factories.consent_request(old)
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    demo = db.scalars(select(Hospital).where(Hospital.code == "DEMO")).one()
    assert demo.id == old.id == request.hospital_id
    assert demo.name == "Demo University Hospital (demo data)"
    assert [d.domain for d in demo.domains] == ["demo-hospital.example"]
