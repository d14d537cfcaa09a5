"""Administrators' pages: staff accounts and API clients; roles, bad input, CSRF, secrets once."""

import html
import logging

import pytest
from sqlalchemy import select

from consent_service.api.models import ApiClient
from consent_service.audit import AuditEvent
from consent_service.db import session, utcnow
from consent_service.review import services
from consent_service.review.models import ROLES, StaffMember
from tests.conftest import csrf_token
from tests.unit.review.factories import post_login, sign_in, staff_member

STAFF = "/staff/admin/staff"
CLIENTS = "/staff/admin/clients"
UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
READABILITY = {"text": "We talk. You decide.", "language": "en"}


@pytest.fixture
def admin(client):
    member = staff_member("admin")
    sign_in(client, member)
    return member


def text(response) -> str:
    return html.unescape(response.text)


def post_form(client, url: str, data: dict, page: str | None = None):
    token = csrf_token(client.get(page or url).text)
    return client.post(url, data={"csrf_token": token, **data})


def new_staff(**changes) -> dict:
    data = {"email": "Grace.Hopper@Klinik-München.example", "name": "Grace Hopper",
            "role": "helpdesk", "network": ""}
    data.update(changes)
    return data


def audit_rows(*actions: str) -> list[AuditEvent]:
    return list(session().scalars(select(AuditEvent).where(AuditEvent.action.in_(actions))
                                  .order_by(AuditEvent.id)))


def shown_secret(response) -> str:
    """Return the password or key that a creation page shows (the first .token block)."""
    return text(response).split('<p class="token">')[1].split("</p>")[0].strip()


def assert_secret_kept_out(secret: str, caplog, *also: str) -> None:
    for row in session().scalars(select(AuditEvent)):
        stored = " ".join([row.action, row.subject_id, row.actor, row.data])
        for value in (secret, *also):
            assert value.casefold() not in stored.casefold()
    assert secret not in caplog.text


# Pages and roles


@pytest.mark.parametrize("path", [STAFF, CLIENTS])
@pytest.mark.parametrize("role", ROLES)
def test_only_admins_open_the_pages(client, path, role):
    sign_in(client, staff_member(role))
    response = client.get(path)
    assert response.status_code == (200 if role == "admin" else 403)
    assert response.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(("method", "path"), [
    ("GET", STAFF), ("POST", STAFF), ("GET", CLIENTS), ("POST", CLIENTS),
    ("POST", f"{STAFF}/{UNKNOWN_ID}/disable"), ("POST", f"{CLIENTS}/{UNKNOWN_ID}/revoke")])
def test_anonymous_callers_are_sent_to_sign_in(client, method, path):
    response = client.open(path, method=method)
    assert response.status_code == (302 if method == "GET" else 303)
    assert response.location.startswith("/staff/login?next=/staff/admin/")


@pytest.mark.parametrize("role", ROLES)
def test_home_links_to_the_admin_pages_for_admins_only(client, role):
    sign_in(client, staff_member(role))
    page = client.get("/staff/").text
    assert (f'href="{STAFF}"' in page) == (role == "admin")
    assert (f'href="{CLIENTS}"' in page) == (role == "admin")


def test_the_list_shows_each_account_and_its_state(client, admin):
    coordinator = staff_member("coordinator", totp=True)
    disabled = staff_member("helpdesk")
    services.disable_staff(session(), member=disabled, actor="test", now=utcnow())
    page = text(client.get(STAFF))
    row = page.split(f'id="s-{coordinator.id}"')[1].split("</tr>")[0]
    assert coordinator.email in row and "ReCONNET" in row and "Network coordinator" in row
    assert "<td>On</td>" in row and "Not locked" in row
    assert "Turn off two-step sign-in" in row and "Disable this account" in row
    own = page.split(f'id="s-{admin.id}"')[1].split("</tr>")[0]
    assert "(you)" in own and "Disable this account" not in own
    gone = page.split(f'id="s-{disabled.id}"')[1].split("</tr>")[0]
    assert "Yes, on" in gone and "<button" not in gone
    assert 'class="table-scroll" tabindex="0" role="region"' in page


# Creating staff accounts


def test_an_admin_creates_an_account_and_sees_its_password_once(client, admin, caplog):
    caplog.set_level(logging.DEBUG)
    response = post_form(client, STAFF, new_staff())
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"
    password = shown_secret(response)
    assert len(password) >= 20
    assert "shown only now" in response.text and "flask staff password" in response.text
    member = services.find_staff(session(), "grace.hopper@klinik-münchen.example")
    assert (member.name, member.role, member.network_code) == ("Grace Hopper", "helpdesk", None)
    assert password not in client.get(STAFF).text
    (row,) = audit_rows("staff.created")[-1:]
    assert (row.subject_id, row.actor) == (member.id, f"staff:{admin.id}")
    assert_secret_kept_out(password, caplog, member.email, member.name)
    other = client.application.test_client()
    assert post_login(other, member.email, password).status_code == 303


def test_a_coordinator_gets_the_chosen_network(client, admin):
    response = post_form(client, STAFF, new_staff(role="coordinator", network="ERKNet"))
    assert response.status_code == 201
    member = services.find_staff(session(), new_staff()["email"])
    assert (member.role, member.network_code) == ("coordinator", "ERKNet")


def test_the_form_offers_the_24_networks_and_every_role(client, admin):
    page = client.get(STAFF).text
    select_html = page.split('id="network" name="network"')[1].split("</select>")[0]
    assert select_html.count("<option") == 25  # "No network" and the 24 networks
    assert all(f'value="{role}"' in page for role in ROLES)


@pytest.mark.parametrize(("changes", "message"), [
    ({"email": "not-an-address"}, "Enter an email address like name@example.org."),
    ({"email": ""}, "Enter the email address."),
    ({"name": "   "}, "Enter the name."),
    ({"name": "x" * 151}, "Write at most 150 characters."),
    ({"role": ""}, "Choose a role."),
    ({"role": "superuser"}, "Choose a role from the list."),
    ({"role": "coordinator"}, "Choose the network of this coordinator."),
    ({"role": "coordinator", "network": "NOPE"}, "Choose a network from the list."),
    ({"role": "admin", "network": "ERKNet"}, "Only coordinators have a network."),
])
def test_bad_answers_are_refused_and_kept(client, admin, changes, message):
    answers = new_staff(**changes)
    response = post_form(client, STAFF, answers)
    assert response.status_code == 422
    page = text(response)
    assert message in page and 'class="error-summary"' in page
    if answers["email"]:
        assert f'value="{answers["email"]}"' in page
    assert services.find_staff(session(), new_staff()["email"]) is None


def test_a_taken_email_address_is_refused_whatever_its_case(client, admin):
    staff_member("helpdesk", email="grace.hopper@klinik-münchen.example")
    response = post_form(client, STAFF, new_staff(name="Another Grace"))
    assert response.status_code == 409
    assert "Another staff account has this email address." in text(response)
    assert 'value="Another Grace"' in text(response)


# Actions on accounts


def test_disabling_an_account_ends_its_sessions(client, app, admin):
    member = staff_member("helpdesk")
    theirs = app.test_client()
    sign_in(theirs, member)
    response = post_form(client, f"{STAFF}/{member.id}/disable", {}, page=STAFF)
    assert response.status_code == 303
    assert response.location == f"{STAFF}?done=disabled#s-{member.id}"
    assert "Account disabled." in client.get(response.location).text
    assert session().get(StaffMember, member.id).disabled_at is not None
    assert theirs.get("/staff/").status_code == 302
    (row,) = audit_rows("staff.disabled")
    assert (row.subject_id, row.actor) == (member.id, f"staff:{admin.id}")


def test_an_admin_cannot_disable_or_reset_their_own_account(client):
    admin = staff_member("admin", totp=True)
    sign_in(client, admin)
    for action in ("disable", "reset-totp"):
        response = post_form(client, f"{STAFF}/{admin.id}/{action}", {}, page=STAFF)
        assert response.status_code == 409, action
        assert "your own account" in text(response)
    assert session().get(StaffMember, admin.id).disabled_at is None
    assert session().get(StaffMember, admin.id).totp_enabled


def test_unlocking_lifts_a_lockout(client, admin):
    member = staff_member("coordinator")
    for _ in range(5):
        with pytest.raises((services.InvalidCredentials, services.AccountLocked)):
            services.authenticate(session(), email=member.email, password="wrong password!",
                                  now=utcnow())
    assert "Unlock" in client.get(STAFF).text.split(f'id="s-{member.id}"')[1].split("</tr>")[0]
    response = post_form(client, f"{STAFF}/{member.id}/unlock", {}, page=STAFF)
    assert response.status_code == 303
    assert session().get(StaffMember, member.id).locked_until is None
    assert post_login(client.application.test_client(), member.email).status_code == 303
    assert [row.actor for row in audit_rows("staff.unlocked")] == [f"staff:{admin.id}"]


def test_resetting_two_step_sign_in(client, admin):
    member = staff_member("helpdesk", totp=True)
    url = f"{STAFF}/{member.id}/reset-totp"
    response = post_form(client, url, {}, page=STAFF)
    assert response.status_code == 303
    assert not session().get(StaffMember, member.id).totp_enabled
    assert [row.subject_id for row in audit_rows("staff.totp_disabled")] == [member.id]
    again = post_form(client, url, {}, page=STAFF)
    assert again.status_code == 409
    assert "already off" in text(again)


@pytest.mark.parametrize("action", ["disable", "unlock", "reset-totp"])
def test_actions_on_a_disabled_account_are_refused(client, admin, action):
    member = staff_member("helpdesk", totp=True)
    services.disable_staff(session(), member=member, actor="test", now=utcnow())
    response = post_form(client, f"{STAFF}/{member.id}/{action}", {}, page=STAFF)
    assert response.status_code == 409
    assert "This account is disabled." in text(response)


@pytest.mark.parametrize("member_id", [UNKNOWN_ID, "not-an-id"])
@pytest.mark.parametrize("action", ["disable", "unlock", "reset-totp"])
def test_unknown_accounts_are_not_found(client, admin, member_id, action):
    response = post_form(client, f"{STAFF}/{member_id}/{action}", {}, page=STAFF)
    assert response.status_code == 404


@pytest.mark.parametrize("path", [STAFF, CLIENTS, "{staff}/disable", "{staff}/unlock",
                                  "{staff}/reset-totp", "{client}/revoke"])
def test_every_post_needs_its_csrf_token(client, admin, path):
    member = staff_member("helpdesk", totp=True)
    client_id = _client(client)
    url = path.format(staff=f"{STAFF}/{member.id}", client=f"{CLIENTS}/{client_id}")
    response = client.post(url, data={**new_staff(), "name": "CSRF test",
                                      "scopes": ["panel:invite"]})
    assert response.status_code == 400
    if path in (STAFF, CLIENTS):
        assert 'value="CSRF test"' in response.text  # the answers are kept
    assert session().get(StaffMember, member.id).totp_enabled
    assert session().get(ApiClient, client_id).revoked_at is None


# API clients


def _client(client, name: str = "Panel system", scopes=("consent:verify",)) -> str:
    response = post_form(client, CLIENTS, {"name": name, "scopes": list(scopes)})
    assert response.status_code == 201, response.text
    return session().scalars(select(ApiClient.id).where(ApiClient.name == name)).one()


def test_an_admin_creates_a_client_and_sees_its_key_once(client, admin, caplog):
    caplog.set_level(logging.DEBUG)
    response = post_form(client, CLIENTS, {"name": "  CPMS   Padova ",
                                           "scopes": ["panel:invite", "consent:verify"]})
    assert response.status_code == 201
    assert response.headers["Cache-Control"] == "no-store"
    key = shown_secret(response)
    assert key.startswith("csk_")
    assert f"Authorization: Bearer {key}" in response.text
    created = session().scalars(select(ApiClient).where(ApiClient.name == "CPMS Padova")).one()
    assert created.scopes == ["consent:verify", "panel:invite"]
    listing = client.get(CLIENTS).text
    assert "CPMS Padova" in listing and key not in listing
    (row,) = audit_rows("api_client.created")
    assert (row.subject_id, row.actor) == (created.id, f"staff:{admin.id}")
    assert_secret_kept_out(key, caplog)
    api = client.application.test_client()
    answer = api.post("/api/v1/readability", json=READABILITY,
                      headers={"Authorization": f"Bearer {key}"})
    assert answer.status_code == 200


def test_the_form_describes_each_scope_in_a_fieldset(client, admin):
    page = client.get(CLIENTS).text
    fieldset = page.split('<fieldset id="scopes"')[1].split("</fieldset>")[0]
    assert "<legend>" in fieldset and "required" not in fieldset
    for scope in ("consent:request", "consent:verify", "onboarding:verify", "panel:invite"):
        assert f'value="{scope}"' in fieldset and f"{scope}: " in fieldset


@pytest.mark.parametrize(("data", "message"), [
    ({"name": "Panel", "scopes": []}, "Choose at least one."),
    ({"name": "Panel", "scopes": ["everything"]}, "Choose only from the list."),
    ({"name": "", "scopes": ["panel:invite"]}, "Enter the name."),
    ({"name": "x" * 81, "scopes": ["panel:invite"]}, "Write at most 80 characters."),
    ({"name": "line\u0007bell", "scopes": ["panel:invite"]}, "control characters"),
])
def test_bad_client_answers_are_refused_and_kept(client, admin, data, message):
    response = post_form(client, CLIENTS, data)
    assert response.status_code == 422
    assert message in text(response)
    if data["scopes"] == ["panel:invite"]:
        assert '<input checked id="scopes-3"' in response.text
    assert session().scalars(select(ApiClient)).first() is None


def test_revoking_a_key_takes_effect_at_once_and_only_once(client, admin):
    response = post_form(client, CLIENTS, {"name": "Old system", "scopes": ["panel:invite"]})
    key = shown_secret(response)
    client_id = session().scalars(select(ApiClient.id)).one()
    url = f"{CLIENTS}/{client_id}/revoke"
    done = post_form(client, url, {}, page=CLIENTS)
    assert done.status_code == 303
    assert done.location == f"{CLIENTS}?done=revoked#c-{client_id}"
    assert "Key revoked." in client.get(done.location).text
    api = client.application.test_client()
    answer = api.post("/api/v1/readability", json=READABILITY,
                      headers={"Authorization": f"Bearer {key}"})
    assert answer.status_code == 401
    again = post_form(client, url, {}, page=CLIENTS)
    assert again.status_code == 409
    assert "already revoked" in text(again)
    assert [row.subject_id for row in audit_rows("api_client.revoked")] == [client_id]


@pytest.mark.parametrize("client_id", [UNKNOWN_ID, "nope"])
def test_revoking_an_unknown_client_is_not_found(client, admin, client_id):
    response = post_form(client, f"{CLIENTS}/{client_id}/revoke", {}, page=CLIENTS)
    assert response.status_code == 404


@pytest.mark.parametrize("role", ["helpdesk", "coordinator"])
def test_other_roles_cannot_post(client, role):
    member = staff_member("helpdesk")
    sign_in(client, staff_member(role))
    token = csrf_token(client.get("/staff/").text)
    for url, data in [(STAFF, new_staff()), (f"{STAFF}/{member.id}/disable", {}),
                      (CLIENTS, {"name": "X", "scopes": ["panel:invite"]})]:
        assert client.post(url, data={"csrf_token": token, **data}).status_code == 403
    assert session().get(StaffMember, member.id).disabled_at is None
    assert session().scalars(select(ApiClient)).first() is None
