"""flask staff: create the first admin, list accounts, unlock, reset, disable."""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup
from sqlalchemy import select

from ..db import session, utcnow
from . import services
from .models import ROLES, StaffMember
from .passwords import WeakPassword

staff_cli = AppGroup("staff", help="Staff accounts: reviewers, helpdesk, administrators.")
ACTOR = "cli"


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        # One line; scripts pipe it in so that it shows in no process list or shell history.
        return sys.stdin.readline().rstrip("\r\n")
    return click.prompt("Password", hide_input=True, confirmation_prompt=True)


def _member(email: str) -> StaffMember:
    member = services.find_staff(session(), email)
    if member is None:
        raise click.ClickException("no staff member has this email address")
    return member


password_stdin = click.option("--password-stdin", is_flag=True,
                              help="Read the password from the first line of standard input.")


@staff_cli.command("create")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice(ROLES))
@click.option("--network", "network_code", help="The network's code (coordinators only).")
@password_stdin
def staff_create(email: str, name: str, role: str, network_code: str | None,
                 password_stdin: bool) -> None:
    """Create a staff account (the first one: --role admin); asks for the password twice."""
    password = _read_password(password_stdin)
    try:
        member = services.create_staff(session(), email=email, name=name, password=password,
                                       role=role, network_code=network_code, actor=ACTOR)
    except WeakPassword as error:
        raise click.ClickException(f"password refused: {error}") from error
    except services.InvalidStaffData as error:
        raise click.ClickException(str(error)) from error
    click.echo(f"staff member {member.id} created ({member.role})")


@staff_cli.command("list")
def staff_list() -> None:
    """List the accounts: email, role, network, two-step sign-in, state, last sign-in."""
    now = utcnow()
    members = session().scalars(select(StaffMember).order_by(StaffMember.email)).all()
    for member in members:
        state = ("disabled" if member.disabled_at else
                 "locked" if member.locked_at(now) else "active")
        last = member.last_login_at.isoformat(timespec="minutes") if member.last_login_at \
            else "never"
        click.echo("\t".join([member.email, member.role, member.network_code or "-",
                              "totp" if member.totp_enabled else "no-totp", state, last]))
    if not members:
        click.echo("no staff accounts yet: flask staff create --role admin …")


@staff_cli.command("unlock")
@click.argument("email")
def staff_unlock(email: str) -> None:
    """Lift the lockout that failed sign-in attempts put on an account."""
    member = _member(email)
    services.unlock_staff(session(), member=member, actor=ACTOR)
    click.echo(f"staff member {member.id} unlocked")


@staff_cli.command("password")
@click.argument("email")
@password_stdin
def staff_password(email: str, password_stdin: bool) -> None:
    """Set a new password; every session of the account ends."""
    member = _member(email)
    try:
        services.change_password(session(), member=member,
                                 password=_read_password(password_stdin), actor=ACTOR)
    except WeakPassword as error:
        raise click.ClickException(f"password refused: {error}") from error
    click.echo(f"password of staff member {member.id} changed")


@staff_cli.command("reset-totp")
@click.argument("email")
def staff_reset_totp(email: str) -> None:
    """Turn off two-step sign-in (a lost phone); the person can set it up again."""
    member = _member(email)
    services.disable_totp(session(), member=member, actor=ACTOR)
    click.echo(f"two-step sign-in of staff member {member.id} turned off")


@staff_cli.command("disable")
@click.argument("email")
def staff_disable(email: str) -> None:
    """Stop an account from signing in and end its sessions; its history stays."""
    member = _member(email)
    services.disable_staff(session(), member=member, actor=ACTOR, now=utcnow())
    click.echo(f"staff member {member.id} disabled")
