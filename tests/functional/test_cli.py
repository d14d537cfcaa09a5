"""Flask commands: clients, consent requests, demo data, migrations."""

from sqlalchemy import select

from consent_service.api.models import ApiClient
from consent_service.api.services import hash_key
from tests import factories


def test_clients_create_prints_the_key_once_on_the_last_line_and_stores_a_hash(runner, db):
    result = runner.invoke(args=["clients", "create", "panel-a", "--scope", "consent:verify"])
    assert result.exit_code == 0, result.output
    key = result.output.strip().splitlines()[-1]
    assert key.startswith("csk_")
    client = db.scalars(select(ApiClient).where(ApiClient.name == "panel-a")).one()
    assert client.key_hash == hash_key(key) and key not in client.key_hash
    assert client.scopes == ["consent:verify"]


def test_clients_create_refuses_unknown_scopes(runner):
    result = runner.invoke(args=["clients", "create", "x", "--scope", "everything"])
    assert result.exit_code != 0 and "everything" in result.output


def test_clients_create_refuses_an_empty_name_without_a_traceback(runner):
    result = runner.invoke(args=["clients", "create", "  ", "--scope", "consent:verify"])
    assert result.exit_code == 1 and "Error:" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_consent_request_prints_a_working_link(runner, client):
    hospital = factories.hospital()
    result = runner.invoke(args=["consent", "request", "--patient-ref", "PSN-7",
                                 "--hospital", hospital.code])
    assert result.exit_code == 0, result.output
    link = result.output.strip().splitlines()[-1]
    assert client.get(link.replace("http://localhost", "")).status_code == 200


def test_consent_request_with_unknown_hospital_fails_clearly(runner):
    result = runner.invoke(args=["consent", "request", "--patient-ref", "P", "--hospital", "NO"])
    assert result.exit_code != 0 and "no hospital has the code NO" in result.output


def test_demo_load_prints_link_key_and_curl_lines_that_work(runner, client):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.output.splitlines()]
    link = next(line for line in lines if line.startswith("http://localhost/c/"))
    key = next(line for line in lines if line.startswith("csk_"))
    assert client.get(link.replace("http://localhost", "")).status_code == 200
    assert "consent-tokens/verify" in result.output
    status_url = next(part for line in lines for part in line.split()
                      if "/api/v1/consent-requests/" in part)
    response = client.get(status_url.replace("http://localhost", ""),
                          headers={"Authorization": f"Bearer {key}"})
    assert response.status_code == 200 and response.json["status"] == "pending"
    again = runner.invoke(args=["demo", "load"])
    assert again.exit_code == 0
    old = client.get(status_url.replace("http://localhost", ""),
                     headers={"Authorization": f"Bearer {key}"})
    assert old.status_code == 401  # each start gets a fresh demo key
