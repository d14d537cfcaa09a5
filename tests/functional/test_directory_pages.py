"""Staff directory pages: every role views, only admins edit; bad input, CSRF, 404s."""

import html
import json

import pytest
from sqlalchemy import select

from consent_service.audit import AuditEvent
from consent_service.db import session
from consent_service.directory import editing
from consent_service.directory.editing import HospitalDetails
from consent_service.directory.models import Hospital
from consent_service.review.models import ROLES
from tests.conftest import csrf_token
from tests.unit.review.factories import sign_in, staff_member

UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
NEW = "/staff/directory/hospitals/new"


def make_hospital(code: str = "MUC", name: str = "Klinikum München", country: str = "DE",
                  city: str = "München", domains=("klinik-münchen.example",),
                  memberships=None) -> Hospital:
    return editing.create_hospital(session(), code=code, actor="test", details=HospitalDetails(
        name=name, country=country, city=city, dpo_contact="DPO, dpo@klinik-münchen.example",
        domains=tuple(domains),
        memberships={"ReCONNET": "member"} if memberships is None else memberships))


def as_role(client, role: str):
    sign_in(client, staff_member(role))
    return client


@pytest.fixture
def admin(client):
    return as_role(client, "admin")


def answers(**changes) -> dict:
    """A complete new-hospital form, as a browser sends it."""
    data = {"code": "PAD", "name": "Azienda Ospedale Università Padova", "country": "IT",
            "city": "Padova", "dpo_contact": "DPO, privacy@aopd.example",
            "email_domains": "aopd.example\nUNIPD.example\n", "network_ReCONNET": "member",
            "network_ERKNet": "partner"}
    data.update(changes)
    return data


def post_form(client, url: str, data: dict):
    return client.post(url, data={"csrf_token": csrf_token(client.get(url).text), **data})


def text(response) -> str:
    return html.unescape(response.text)


def audit_rows(action: str) -> list[AuditEvent]:
    return list(session().scalars(select(AuditEvent).where(AuditEvent.action == action)))


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_the_networks_and_only_admins_the_add_link(client, role):
    make_hospital()
    page = as_role(client, role).get("/staff/directory")
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    assert page.text.count('href="/staff/directory/networks/') == 24
    row = page.text.split('href="/staff/directory/networks/ReCONNET"')[1].split("</tr>")[0]
    assert "<td>1</td>" in row
    assert ("Add a hospital" in page.text) == (role == "admin")


@pytest.mark.parametrize("query", ["munchen", "MÜNCHEN klinikum", "muc"])
def test_the_search_finds_hospitals_by_name_city_or_code_without_javascript(client, query):
    hospital = make_hospital()
    make_hospital(code="PAD", name="Ospedale di Padova", country="IT", city="Padova")
    page = as_role(client, "coordinator").get("/staff/directory", query_string={"q": query})
    assert page.status_code == 200
    assert f'href="/staff/directory/hospitals/{hospital.id}"' in page.text
    assert "Padova" not in page.text
    assert "1 hospital matches" in text(page)
    assert f'value="{html.escape(query, quote=True)}"' in page.text  # the box keeps the words


def test_a_search_without_results_says_so(client):
    page = as_role(client, "helpdesk").get("/staff/directory?q=nowhere")
    assert page.status_code == 200
    assert "No hospital matches “nowhere”" in text(page)


@pytest.mark.parametrize("role", ROLES)
def test_every_role_sees_a_hospital_and_only_admins_the_change_link(client, role):
    hospital = make_hospital(memberships={"ReCONNET": "member", "ERKNet": "partner"})
    page = as_role(client, role).get(f"/staff/directory/hospitals/{hospital.id}")
    assert page.status_code == 200
    body = text(page)
    for shown in ("Klinikum München", "MUC", "Germany (DE)", "DPO, dpo@klinik-münchen.example",
                  "klinik-münchen.example", "(xn--klinik-mnchen-3ob.example)", "Full member",
                  "Affiliated partner", 'href="/staff/directory/networks/ERKNet"'):
        assert shown in body
    assert ("Change this hospital" in body) == (role == "admin")


def test_a_hospital_outside_the_eu_eea_is_marked_and_shown_in_the_page_language(client):
    hospital = make_hospital(code="GVA", name="HUG", country="CH", city="Genève", memberships={})
    page = as_role(client, "helpdesk").get(f"/staff/directory/hospitals/{hospital.id}?lang=de")
    assert page.status_code == 200
    assert "Schweiz (CH)" in text(page)
    english = client.get(f"/staff/directory/hospitals/{hospital.id}?lang=en")
    assert "Outside the EU and EEA: its staff can only join panels as guests." in english.text
    assert "This hospital is not in any network." in english.text


def test_a_network_page_lists_its_hospitals_by_kind(client):
    make_hospital(memberships={"ReCONNET": "member"})
    make_hospital(code="PAD", name="Ospedale di Padova", country="IT", city="Padova",
                  memberships={"ReCONNET": "partner"})
    page = as_role(client, "coordinator").get("/staff/directory/networks/ReCONNET")
    assert page.status_code == 200
    body = text(page)
    members, partners = body.split("Affiliated partners (1)")
    assert "Full members (1)" in members and "Klinikum München" in members
    assert "Ospedale di Padova" in partners and "Klinikum München" not in partners
    empty = text(client.get("/staff/directory/networks/BOND"))
    assert "No hospital is a full member yet." in empty


@pytest.mark.parametrize("path", [
    f"/staff/directory/hospitals/{UNKNOWN_ID}", "/staff/directory/hospitals/not-an-id",
    f"/staff/directory/hospitals/{UNKNOWN_ID}/edit", "/staff/directory/networks/NOPE",
    "/staff/directory/networks/reconnet", "/staff/directory/networks/" + "X" * 300,
])
def test_unknown_ids_and_codes_are_404_pages(admin, path):
    page = admin.get(path)
    assert page.status_code == 404
    assert "Page not found" in page.text
    assert page.headers["Cache-Control"] == "no-store"


def test_anonymous_callers_are_sent_to_sign_in(client):
    assert client.get("/staff/directory").location.startswith("/staff/login?next=")
    assert client.post(NEW, data=answers()).status_code == 303


@pytest.mark.parametrize("role", ["helpdesk", "coordinator"])
def test_only_admins_may_open_or_send_the_edit_forms(client, role):
    hospital = make_hospital()
    as_role(client, role)
    token = csrf_token(client.get("/staff/").text)
    edit = f"/staff/directory/hospitals/{hospital.id}/edit"
    assert client.get(NEW).status_code == 403
    assert client.get(edit).status_code == 403
    assert client.post(NEW, data={"csrf_token": token, **answers()}).status_code == 403
    assert client.post(edit, data={"csrf_token": token, **answers()}).status_code == 403
    assert session().scalars(select(Hospital).where(Hospital.code == "PAD")).first() is None


def test_an_admin_adds_a_hospital_with_domains_and_memberships(admin):
    form = admin.get(NEW)
    assert form.status_code == 200
    assert 'name="network_ReCONNET"' in form.text and form.text.count("<select") == 25
    response = post_form(admin, NEW, answers())
    assert response.status_code == 303
    hospital = session().scalars(select(Hospital).where(Hospital.code == "PAD")).one()
    hospital = editing.get_hospital(session(), hospital.id)
    assert response.location == f"/staff/directory/hospitals/{hospital.id}?saved=1"
    assert [d.domain for d in hospital.domains] == ["aopd.example", "unipd.example"]
    assert {m.network.code: m.kind for m in hospital.memberships} == {
        "ReCONNET": "member", "ERKNet": "partner"}
    page = admin.get(response.location)
    assert "The hospital is saved." in page.text
    [row] = audit_rows("directory.hospital_created")
    assert row.subject_id == hospital.id and row.actor.startswith("staff:")
    assert "Padova" not in row.data


def test_an_admin_changes_a_hospital_and_its_memberships(admin):
    hospital = make_hospital(memberships={"ReCONNET": "member", "ERKNet": "partner"})
    edit = f"/staff/directory/hospitals/{hospital.id}/edit"
    form = admin.get(edit)
    assert form.status_code == 200
    assert 'value="Klinikum München"' in form.text
    assert 'name="code"' not in form.text  # the code cannot change
    assert '<option selected value="partner">' in form.text
    response = post_form(admin, edit, {
        "name": "Klinikum der Universität München", "country": "DE", "city": "München",
        "dpo_contact": "", "email_domains": "xn--klinik-mnchen-3ob.example\r\nMED.LMU.example",
        "network_ERKNet": "member", "network_EURO-NMD": "partner", "network_ReCONNET": ""})
    assert response.status_code == 303
    stored = editing.get_hospital(session(), hospital.id)
    assert stored.name == "Klinikum der Universität München" and stored.dpo_contact == ""
    assert [d.domain for d in stored.domains] == ["klinik-münchen.example", "med.lmu.example"]
    assert {m.network.code: m.kind for m in stored.memberships} == {
        "ERKNet": "member", "EURO-NMD": "partner"}
    [row] = audit_rows("directory.hospital_updated")
    data = json.loads(row.data)
    assert data["memberships_removed"] == "ReCONNET"
    assert data["memberships_changed"] == "ERKNet:member"


def test_a_unicode_domain_in_any_spelling_is_stored_in_unicode(admin):
    response = post_form(admin, NEW, answers(email_domains="KLINIK-MÜNCHEN.example\n"
                                                           "xn--bcher-kva.example"))
    assert response.status_code == 303
    hospital = session().scalars(select(Hospital).where(Hospital.code == "PAD")).one()
    hospital = editing.get_hospital(session(), hospital.id)  # domains by name, as stored
    assert [d.domain for d in hospital.domains] == ["bücher.example", "klinik-münchen.example"]


@pytest.mark.parametrize(("changes", "message"), [
    ({"email_domains": "aopd.example\nhttps://www.aopd.example/"},
     "This is not a domain that can be stored: https://www.aopd.example/."),
    ({"email_domains": "someone@aopd.example"}, "someone@aopd.example"),
    ({"email_domains": "straße.example"}, "straße.example"),
    ({"country": "XX"}, "Choose a country from the list."),
    ({"country": "UK"}, "UK is not an ISO country code. Choose GB."),
    ({"country": ""}, "Choose a country from the list."),
    ({"name": "   "}, "Enter the hospital's name."),
    ({"name": "A" * 201}, "Write at most 200 characters."),
    ({"city": "Pad\x07ova"}, "Remove the line breaks and other control characters."),
    ({"code": "PA D"}, "Use 1 to 32 letters A to Z"),
    ({"code": ""}, "Enter the hospital's code."),
    ({"network_ReCONNET": "leader"}, "Choose one of the options listed."),
])
def test_bad_input_is_422_with_the_message_and_every_answer_kept(admin, changes, message):
    response = post_form(admin, NEW, answers(**changes))
    assert response.status_code == 422
    body = text(response)
    assert message in body
    assert "Please check the marked answers" in body
    assert 'aria-invalid="true"' in body
    assert 'value="Azienda Ospedale Università Padova"' in body or "name" in changes
    assert "aopd.example" in body or "email_domains" in changes
    assert '<option selected value="partner">' in body  # ERKNet stays a partner
    assert session().scalars(select(Hospital).where(Hospital.code == "PAD")).first() is None


@pytest.mark.parametrize("taken", ["MUC", "muc"])
def test_a_taken_code_is_409_with_the_answers_kept(admin, taken):
    make_hospital()
    response = post_form(admin, NEW, answers(code=taken))
    assert response.status_code == 409
    body = text(response)
    assert "Another hospital already has this code." in body
    assert f'value="{taken}"' in body and 'value="Azienda Ospedale Università Padova"' in body
    assert len(audit_rows("directory.hospital_created")) == 1  # make_hospital's only


def test_bad_input_on_the_edit_form_changes_nothing(admin):
    hospital = make_hospital()
    edit = f"/staff/directory/hospitals/{hospital.id}/edit"
    response = post_form(admin, edit, {"name": "", "country": "DE", "city": "München",
                                       "email_domains": "ok.example\nbad domain.example"})
    assert response.status_code == 422
    body = text(response)
    assert "Enter the hospital's name." in body and "bad domain.example" in body
    assert "ok.example" in body
    assert editing.get_hospital(session(), hospital.id).name == "Klinikum München"


def test_a_post_without_a_valid_csrf_token_is_400_with_the_answers_kept(admin):
    hospital = make_hospital()
    response = admin.post(NEW, data=answers())
    assert response.status_code == 400
    assert "For your safety this page timed out." in text(response)
    assert 'value="Azienda Ospedale Università Padova"' in text(response)
    edit = f"/staff/directory/hospitals/{hospital.id}/edit"
    response = admin.post(edit, data={**answers(), "csrf_token": "forged"})
    assert response.status_code == 400
    assert "UNIPD.example" in text(response)
    assert editing.get_hospital(session(), hospital.id).name == "Klinikum München"
    # An unknown id is refused for its missing token first, then as unknown.
    assert admin.post(f"/staff/directory/hospitals/{UNKNOWN_ID}/edit").status_code == 400
    token = csrf_token(admin.get(NEW).text)
    assert admin.post(f"/staff/directory/hospitals/{UNKNOWN_ID}/edit",
                      data={"csrf_token": token}).status_code == 404


def test_saving_an_unchanged_hospital_writes_no_audit_row(admin):
    hospital = make_hospital()
    edit = f"/staff/directory/hospitals/{hospital.id}/edit"
    page = admin.get(edit)
    response = admin.post(edit, data={
        "csrf_token": csrf_token(page.text), "name": "Klinikum München", "country": "DE",
        "city": "München", "dpo_contact": "DPO, dpo@klinik-münchen.example",
        "email_domains": "klinik-münchen.example", "network_ReCONNET": "member"})
    assert response.status_code == 303
    assert audit_rows("directory.hospital_updated") == []
