"""Staff operations without HTTP: accounts, sign-in, lockout, TOTP, audit rows."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pyotp
import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from consent_service.audit import AuditEvent
from consent_service.review import passwords, services
from consent_service.review.models import StaffMember
from consent_service.review.passwords import WeakPassword
from consent_service.review.services import (
    AccountLocked,
    InvalidCode,
    InvalidCredentials,
    InvalidStaffData,
    Lockout,
)
from tests.unit.review.factories import PASSWORD, TOTP_SECRET, staff_member

T0 = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)
STEP = timedelta(seconds=30)


def code_at(when: datetime) -> str:
    return pyotp.TOTP(TOTP_SECRET).at(when)


def audit_rows(db, member) -> list[AuditEvent]:
    return list(db.scalars(select(AuditEvent).where(AuditEvent.subject_id == member.id)
                           .order_by(AuditEvent.id)))


def actions(db, member) -> list[str]:
    return [row.action for row in audit_rows(db, member)]


# --- accounts ---------------------------------------------------------------------------------


def test_create_stores_the_address_lower_case_nfc_and_a_hash(db):
    member = staff_member("admin", email="  Ana.Garci\u0301a@Hôpital.Example ")
    assert member.email == "ana.garcía@hôpital.example"
    assert len(member.id) == 36 and member.password_hash.startswith("$argon2id$")
    assert member.failed_logins == 0 and member.session_version == 1
    assert member.locked_until is None and member.disabled_at is None
    assert not member.totp_enabled
    assert services.find_staff(db, "ANA.GARCÍA@HÔPITAL.EXAMPLE") is member


@pytest.mark.parametrize(("changes", "message"), [
    ({"email": "not-an-address"}, "email address like"),
    ({"email": "a@b"}, "email address like"),
    ({"email": "a b@example.org"}, "email address like"),
    ({"email": "a@-example.org"}, "email address like"),
    ({"name": "   "}, "name of 1 to 150"),
    ({"name": "x" * 151}, "name of 1 to 150"),
    ({"name": "Ada\u202eLovelace"}, "name of 1 to 150"),
    ({"role": "superuser"}, "the role must be one of admin, helpdesk, coordinator"),
    ({"role": "coordinator", "network_code": None}, "needs the code of their network"),
    ({"role": "coordinator", "network_code": "no spaces"}, "needs the code of their network"),
    ({"role": "helpdesk", "network_code": "ReCONNET"}, "only coordinators belong"),
])
def test_create_refuses_bad_account_data(db, changes, message):
    data = {"email": "new@example.org", "name": "Ada Lovelace", "password": PASSWORD,
            "role": "helpdesk", "network_code": None, **changes}
    with pytest.raises(InvalidStaffData, match=message):
        services.create_staff(db, actor="test", **data)
    assert db.scalars(select(StaffMember)).first() is None


def test_create_refuses_a_weak_password_and_a_taken_address(db):
    with pytest.raises(WeakPassword):
        services.create_staff(db, email="new@example.org", name="Ada", password="short",
                              role="admin", network_code=None, actor="test")
    staff_member(email="taken@example.org")
    with pytest.raises(services.EmailTaken):
        staff_member(email="TAKEN@example.org")


def test_a_coordinator_belongs_to_a_network(db):
    member = staff_member("coordinator", network_code="ERKNet")
    assert member.network_code == "ERKNet"


def test_a_coordinator_network_must_be_in_the_directory(db):
    with pytest.raises(services.InvalidStaffData, match="no network has the code ERN-XYZ"):
        staff_member("coordinator", network_code="ERN-XYZ")


def test_audit_rows_hold_ids_never_emails_or_secrets(db):
    member = staff_member("admin", email="private.person@example.org", totp=True)
    with pytest.raises(InvalidCredentials):
        services.authenticate(db, email=member.email, password="wrong password!", now=T0)
    rows = audit_rows(db, member)
    assert [row.action for row in rows] == ["staff.created", "staff.totp_enabled",
                                            "staff.login_failed"]
    for row in rows:
        text = f"{row.actor} {row.data}"
        assert "private.person" not in text and TOTP_SECRET not in text
        assert PASSWORD not in text
    assert json.loads(rows[0].data) == {"network": None, "role": "admin"}
    assert json.loads(rows[2].data) == {"failures": 1, "reason": "password"}


# --- sign-in and lockout ----------------------------------------------------------------------


def test_authenticate_returns_the_member_and_records_the_sign_in(db):
    member = staff_member()
    assert services.authenticate(db, email=member.email.upper(), password=PASSWORD,
                                 now=T0) is member
    assert member.last_login_at == T0
    assert actions(db, member)[-1] == "staff.logged_in"


def test_unknown_address_and_wrong_password_raise_the_same_error(db):
    member = staff_member()
    before = db.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1))
    with pytest.raises(InvalidCredentials) as unknown:
        services.authenticate(db, email="nobody@example.org", password=PASSWORD, now=T0)
    # No row names an address that has no account (it might be someone's mistyped address).
    assert db.scalar(select(AuditEvent.id).order_by(AuditEvent.id.desc()).limit(1)) == before
    with pytest.raises(InvalidCredentials) as wrong:
        services.authenticate(db, email=member.email, password="not the password", now=T0)
    assert type(unknown.value) is type(wrong.value) and str(unknown.value) == str(wrong.value)


def test_five_failures_lock_the_account_for_fifteen_minutes(db):
    member = staff_member()
    for attempt in range(1, 5):
        with pytest.raises(InvalidCredentials):
            services.authenticate(db, email=member.email, password="wrong password", now=T0)
        assert member.failed_logins == attempt
    with pytest.raises(AccountLocked) as locked:
        services.authenticate(db, email=member.email, password="wrong password", now=T0)
    assert locked.value.until == T0 + timedelta(minutes=15)
    assert actions(db, member)[-2:] == ["staff.login_failed", "staff.locked"]
    # While locked even the right password is refused, and attempts do not extend the lock.
    just_before = T0 + timedelta(minutes=15) - timedelta(seconds=1)
    with pytest.raises(AccountLocked):
        services.authenticate(db, email=member.email, password=PASSWORD, now=just_before)
    assert member.locked_until == T0 + timedelta(minutes=15)
    assert services.authenticate(db, email=member.email, password=PASSWORD,
                                 now=T0 + timedelta(minutes=15)) is member
    assert member.failed_logins == 0 and member.locked_until is None


def test_a_success_resets_the_count_of_failures(db):
    member = staff_member()
    for _ in range(4):
        with pytest.raises(InvalidCredentials):
            services.authenticate(db, email=member.email, password="wrong password", now=T0)
    services.authenticate(db, email=member.email, password=PASSWORD, now=T0)
    with pytest.raises(InvalidCredentials):  # a fresh count: not locked at the fifth in all
        services.authenticate(db, email=member.email, password="wrong password", now=T0)
    assert member.failed_logins == 1


def test_the_lockout_is_configurable(db):
    member = staff_member()
    policy = Lockout(max_failures=2, duration=timedelta(hours=1))
    with pytest.raises(InvalidCredentials):
        services.authenticate(db, email=member.email, password="wrong", now=T0, lockout=policy)
    with pytest.raises(AccountLocked) as locked:
        services.authenticate(db, email=member.email, password="wrong", now=T0, lockout=policy)
    assert locked.value.until == T0 + timedelta(hours=1)


def test_unlock_lifts_the_lock(db):
    member = staff_member()
    member.locked_until, member.failed_logins = T0 + timedelta(minutes=15), 3
    db.commit()
    services.unlock_staff(db, member=member, actor="cli")
    assert member.locked_until is None and member.failed_logins == 0
    assert services.authenticate(db, email=member.email, password=PASSWORD, now=T0) is member


def test_a_disabled_account_cannot_sign_in_even_with_its_password(db):
    member = staff_member()
    services.disable_staff(db, member=member, actor="cli", now=T0)
    assert member.session_version == 2
    with pytest.raises(InvalidCredentials):
        services.authenticate(db, email=member.email, password=PASSWORD, now=T0)
    assert actions(db, member)[-2:] == ["staff.disabled", "staff.login_failed"]


def test_an_old_hash_is_replaced_at_the_next_sign_in(db):
    member = staff_member()
    member.password_hash = PasswordHasher(time_cost=1, memory_cost=8 * 1024,
                                          parallelism=1).hash(PASSWORD)
    db.commit()
    old = member.password_hash
    services.authenticate(db, email=member.email, password=PASSWORD, now=T0)
    assert member.password_hash != old and not passwords.needs_rehash(member.password_hash)
    assert "staff.password_rehashed" in actions(db, member)
    assert services.authenticate(db, email=member.email, password=PASSWORD, now=T0) is member


def test_change_password_checks_the_policy_and_ends_sessions(db):
    member = staff_member()
    with pytest.raises(WeakPassword):
        services.change_password(db, member=member, password="short", actor="cli")
    services.change_password(db, member=member, password="another long passphrase",
                             actor="cli")
    assert member.session_version == 2
    with pytest.raises(InvalidCredentials):
        services.authenticate(db, email=member.email, password=PASSWORD, now=T0)
    services.authenticate(db, email=member.email, password="another long passphrase", now=T0)


# --- TOTP -------------------------------------------------------------------------------------


def totp_member(db) -> StaffMember:
    member = staff_member()
    services.enable_totp(db, member=member, secret=TOTP_SECRET, code=code_at(T0), now=T0)
    return member


def test_enable_totp_needs_a_code_from_the_new_secret(db):
    member = staff_member()
    with pytest.raises(InvalidCode):
        services.enable_totp(db, member=member, secret=TOTP_SECRET,
                             code=code_at(T0 - 3 * STEP), now=T0)
    assert not member.totp_enabled and member.session_version == 1
    services.enable_totp(db, member=member, secret=TOTP_SECRET, code=code_at(T0), now=T0)
    assert member.totp_enabled and member.session_version == 2
    assert actions(db, member)[-1] == "staff.totp_enabled"


def test_with_totp_the_password_alone_does_not_complete_the_sign_in(db):
    member = totp_member(db)
    services.authenticate(db, email=member.email, password=PASSWORD, now=T0 + STEP)
    assert member.last_login_at is None
    services.verify_totp(db, member=member, code=code_at(T0 + STEP), now=T0 + STEP)
    assert member.last_login_at == T0 + STEP
    assert actions(db, member)[-1] == "staff.logged_in"


@pytest.mark.parametrize(("offset", "accepted"), [
    (-2, False), (-1, True), (0, True), (1, True), (2, False),
])
def test_a_code_is_accepted_one_step_either_side(db, offset, accepted):
    member = totp_member(db)
    now = T0 + 10 * STEP
    code = code_at(now + offset * STEP)
    if accepted:
        services.verify_totp(db, member=member, code=code, now=now)
    else:
        with pytest.raises(InvalidCode):
            services.verify_totp(db, member=member, code=code, now=now)


def test_a_code_is_never_accepted_twice_nor_an_older_one_after_it(db):
    member = totp_member(db)
    now = T0 + 10 * STEP
    services.verify_totp(db, member=member, code=code_at(now), now=now)
    with pytest.raises(InvalidCode):  # replayed within its window
        services.verify_totp(db, member=member, code=code_at(now), now=now + STEP)
    with pytest.raises(InvalidCode):  # the step before it, still in the window
        services.verify_totp(db, member=member, code=code_at(now - STEP), now=now)
    services.verify_totp(db, member=member, code=code_at(now + STEP), now=now + STEP)


@pytest.mark.parametrize("code", ["", "12345", "1234567", "abcdef", "12 34 5x"])
def test_malformed_codes_are_wrong_codes(db, code):
    member = totp_member(db)
    with pytest.raises(InvalidCode):
        services.verify_totp(db, member=member, code=code, now=T0 + STEP)


def test_spaces_inside_a_code_are_ignored(db):
    member = totp_member(db)
    code = code_at(T0 + STEP)
    services.verify_totp(db, member=member, code=f" {code[:3]} {code[3:]} ", now=T0 + STEP)


def test_wrong_codes_count_towards_the_lockout(db):
    member = totp_member(db)
    now = T0 + 10 * STEP
    for _ in range(4):
        with pytest.raises(InvalidCode):
            services.verify_totp(db, member=member, code="000000", now=now)
        # A right password in between does not reset the count: only a full sign-in does.
        services.authenticate(db, email=member.email, password=PASSWORD, now=now)
    with pytest.raises(AccountLocked):
        services.verify_totp(db, member=member, code="000000", now=now)
    with pytest.raises(AccountLocked):
        services.verify_totp(db, member=member, code=code_at(now), now=now)


def test_disable_totp_turns_the_second_factor_off(db):
    member = totp_member(db)
    services.disable_totp(db, member=member, actor="cli")
    assert not member.totp_enabled and member.totp_last_step is None
    assert member.session_version == 3


def test_the_provisioning_uri_names_the_issuer_and_the_account(db):
    member = staff_member(email="ada@example.org")
    uri = services.totp_uri(member, TOTP_SECRET, "consent-service")
    assert uri.startswith("otpauth://totp/consent-service:ada%40example.org?")
    assert f"secret={TOTP_SECRET}" in uri and "issuer=consent-service" in uri


# --- demo -------------------------------------------------------------------------------------


def test_the_demo_admin_is_created_only_when_no_staff_exists(db):
    created = services.ensure_demo_admin(db)
    assert created is not None
    admin, password = created
    assert admin.role == "admin" and len(password) >= 16
    assert services.authenticate(db, email=admin.email, password=password, now=T0) is admin
    assert services.ensure_demo_admin(db) is None
