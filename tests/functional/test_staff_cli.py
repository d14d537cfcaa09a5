"""flask staff …, and the demo admin of `flask demo load`."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from consent_service.audit import AuditEvent
from consent_service.db import utcnow
from consent_service.review import services
from consent_service.review.models import StaffMember
from tests.unit.review.factories import PASSWORD, post_login, staff_member


def create(runner, *extra: str, password: str = PASSWORD, stdin: bool = False):
    args = ["staff", "create", "--email", "Admin@Example.org", "--name", "Ada Lovelace",
            "--role", "admin", *extra]
    if stdin:
        return runner.invoke(args=[*args, "--password-stdin"], input=password + "\n")
    return runner.invoke(args=args, input=f"{password}\n{password}\n")


def test_create_asks_twice_for_a_hidden_password_and_makes_the_first_admin(runner, db, client):
    result = create(runner)
    assert result.exit_code == 0, result.output
    assert result.output.count("Password") == 1 and "Repeat for confirmation" in result.output
    assert PASSWORD not in result.output  # the prompt does not echo it
    member = db.scalars(select(StaffMember)).one()
    assert member.email == "admin@example.org" and member.role == "admin"
    assert f"staff member {member.id} created (admin)" in result.output
    assert post_login(client, "admin@example.org").location == "/staff/"


def test_create_reads_the_password_from_stdin_for_scripts(runner, db):
    result = create(runner, "--role", "coordinator", "--network", "ReCONNET", stdin=True)
    assert result.exit_code == 0, result.output
    member = db.scalars(select(StaffMember)).one()
    assert member.role == "coordinator" and member.network_code == "ReCONNET"
    assert services.authenticate(db, email=member.email, password=PASSWORD,
                                 now=utcnow()) is member


@pytest.mark.parametrize(("extra", "password", "message"), [
    ((), "short", "password refused: use at least 12 characters"),
    ((), "password1234", "password refused: this password is on the list"),
    ((), "admin@example.org", "password refused: do not use the email address"),
    (("--role", "coordinator"), PASSWORD, "a coordinator needs the code of their network"),
    (("--network", "ReCONNET"), PASSWORD, "only coordinators belong to a network"),
    (("--email", "nope"), PASSWORD, "give an email address like name@example.org"),
])
def test_create_refuses_with_the_reason(runner, db, extra, password, message):
    result = create(runner, *extra, password=password, stdin=True)
    assert result.exit_code != 0 and message in result.output
    assert db.scalars(select(StaffMember)).first() is None


def test_create_refuses_two_passwords_that_differ(runner, db):
    result = runner.invoke(args=["staff", "create", "--email", "a@example.org", "--name", "A",
                                 "--role", "admin"],
                           input=f"{PASSWORD}\nsomething else entirely\n")
    assert result.exit_code != 0 and "do not match" in result.output


def test_create_refuses_a_taken_address(runner):
    staff_member(email="admin@example.org")
    result = create(runner, stdin=True)
    assert result.exit_code != 0 and "already exists" in result.output


def test_list_shows_role_network_state_and_never_secrets(runner, db):
    staff_member("admin", email="b@example.org", totp=True)
    locked = staff_member("coordinator", email="a@example.org")
    locked.locked_until = utcnow() + timedelta(minutes=5)
    db.commit()
    result = runner.invoke(args=["staff", "list"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split("\t")[:5] == ["a@example.org", "coordinator", "ReCONNET", "no-totp",
                                        "locked"]
    assert lines[1].split("\t")[:5] == ["b@example.org", "admin", "-", "totp", "active"]
    assert "argon2" not in result.output and "JBSWY3DP" not in result.output


def test_unlock_lets_a_locked_account_sign_in(runner, db, client):
    member = staff_member(email="ada@example.org")
    member.locked_until = utcnow() + timedelta(minutes=15)
    db.commit()
    assert post_login(client, "ada@example.org").status_code == 429
    result = runner.invoke(args=["staff", "unlock", "ADA@example.org"])
    assert result.exit_code == 0 and f"staff member {member.id} unlocked" in result.output
    assert post_login(client, "ada@example.org").status_code == 303


def test_password_disable_and_reset_totp(runner, db):
    member = staff_member(email="ada@example.org", totp=True)
    result = runner.invoke(args=["staff", "password", "ada@example.org", "--password-stdin"],
                           input="a brand new passphrase\n")
    assert result.exit_code == 0, result.output
    weak = runner.invoke(args=["staff", "password", "ada@example.org", "--password-stdin"],
                         input="short\n")
    assert weak.exit_code != 0 and "use at least 12 characters" in weak.output
    assert runner.invoke(args=["staff", "reset-totp", "ada@example.org"]).exit_code == 0
    assert not member.totp_enabled
    assert runner.invoke(args=["staff", "disable", "ada@example.org"]).exit_code == 0
    assert member.disabled_at is not None
    assert "staff.disabled" in db.scalars(select(AuditEvent.action)).all()
    unknown = runner.invoke(args=["staff", "unlock", "nobody@example.org"])
    assert unknown.exit_code != 0 and "no staff member has this email address" in unknown.output


def test_demo_load_creates_an_admin_once_and_prints_its_password_once(runner, db, client):
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    index = next(i for i, line in enumerate(lines) if "/staff/login as " in line)
    email = lines[index].split(" as ")[1].split(",")[0]
    password = lines[index + 1].strip()
    assert post_login(client, email, password).location == "/staff/"
    again = runner.invoke(args=["demo", "load"])
    assert again.exit_code == 0 and password not in again.output
    assert "/staff/login as" not in again.output
    assert len(db.scalars(select(StaffMember)).all()) == 1


def test_demo_load_adds_no_admin_when_staff_exists(runner, db):
    staff_member("helpdesk")
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0 and "/staff/login as" not in result.output
