"""Services behind the administrators' pages, without HTTP: own-account rules, lists, keys."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from consent_service.api import services as api_services
from consent_service.api.models import ApiClient
from consent_service.audit import AuditEvent
from consent_service.review import services
from consent_service.review.passwords import check_policy
from tests.unit.review.factories import staff_member

T0 = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)


def actions(db, subject_id: str) -> list[tuple[str, str, str]]:
    rows = db.scalars(select(AuditEvent).where(AuditEvent.subject_id == subject_id)
                      .order_by(AuditEvent.id))
    return [(row.action, row.actor, row.data) for row in rows]


def test_an_admin_may_not_disable_their_own_account(db):
    admin = staff_member("admin")
    with pytest.raises(services.OwnAccount):
        services.disable_staff(db, member=admin, actor=services.actor_of(admin), now=T0)
    assert admin.disabled_at is None
    assert [a for a, *_ in actions(db, admin.id)] == ["staff.created"]


def test_an_admin_may_not_turn_off_their_own_second_factor(db):
    admin = staff_member("admin", totp=True)
    with pytest.raises(services.OwnAccount):
        services.disable_totp(db, member=admin, actor=services.actor_of(admin))
    assert admin.totp_enabled


def test_another_admin_and_the_command_line_may(db):
    first, second = staff_member("admin", totp=True), staff_member("admin")
    services.disable_totp(db, member=first, actor=services.actor_of(second))
    services.disable_staff(db, member=first, actor="cli", now=T0)
    assert not first.totp_enabled and first.disabled_at == T0
    assert actions(db, first.id)[-2:] == [
        ("staff.totp_disabled", f"staff:{second.id}", "{}"), ("staff.disabled", "cli", "{}")]


def test_accounts_are_listed_active_first_then_by_name(db):
    zed = staff_member("helpdesk")
    zed.name = "Zed"
    gone = staff_member("helpdesk")
    gone.name = "Abe"
    ann = staff_member("coordinator")
    ann.name = "Ann"
    db.commit()
    services.disable_staff(db, member=gone, actor="test", now=T0)
    assert [m.name for m in services.staff_accounts(db)] == ["Ann", "Zed", "Abe"]


def test_new_passwords_are_random_and_meet_the_policy():
    made = {services.new_password() for _ in range(20)}
    assert len(made) == 20
    for password in made:
        assert len(password) >= 20
        check_policy(password, email="someone@example.org")


def test_a_client_name_is_cleaned_and_checked(db):
    client, _key = api_services.create_client(db, name="  Cafe\u0301   Padova  ",
                                              scopes=["panel:invite"], actor="test")
    assert client.name == "Caf\u00e9 Padova"
    for name in ("", "   ", "x" * 81, "bell\u0007"):
        with pytest.raises(api_services.InvalidClientName):
            api_services.create_client(db, name=name, scopes=["panel:invite"], actor="test")


def test_revoking_a_client_is_audited_once_and_stops_its_key(db):
    client, key = api_services.create_client(db, name="Panel", scopes=["consent:verify"],
                                             actor="test")
    assert api_services.find_client(db, key) is client
    api_services.revoke_client(db, client=client, actor="staff:someone", now=T0)
    assert client.revoked_at == T0
    assert api_services.find_client(db, key) is None
    with pytest.raises(api_services.AlreadyRevoked):
        api_services.revoke_client(db, client=client, actor="staff:someone",
                                   now=T0 + timedelta(days=1))
    assert db.get(ApiClient, client.id).revoked_at == T0
    assert [a[:2] for a in actions(db, client.id)] == [
        ("api_client.created", "test"), ("api_client.revoked", "staff:someone")]
    assert key not in " ".join(a[2] for a in actions(db, client.id))


def test_clients_are_listed_active_first(db):
    old, _ = api_services.create_client(db, name="Old", scopes=["panel:invite"], actor="test")
    new, _ = api_services.create_client(db, name="New", scopes=["panel:invite"], actor="test")
    api_services.revoke_client(db, client=new, actor="test", now=T0)
    assert [c.name for c in api_services.api_clients(db)] == ["Old", "New"]
