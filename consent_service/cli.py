"""Command line: flask db, demo, consent request, clients, audit verify, keys, forms check,
reminders run, report funnel."""

from __future__ import annotations

import os
import shlex
import sys
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from . import audit, migrate, tokens
from .api.models import SCOPES
from .api.services import InvalidClientName, UnknownScope, create_client
from .config import rotate_secret_keys
from .consent import services as consent_services
from .consent.links import signing_url
from .db import session
from .demo import load_demo, new_demo_key
from .directory.commands import directory_cli
from .outbox.commands import mail_cli, outbox_cli
from .readability.commands import forms_cli
from .reminders import commands as reminders_commands
from .reports.commands import report_cli
from .review.commands import staff_cli
from .review.services import ensure_demo_admin

db_cli = AppGroup("db", help="Create and migrate the database.")
consent_cli = AppGroup("consent", help="Consent requests.")
clients_cli = AppGroup("clients", help="API clients of panel services.")
audit_cli = AppGroup("audit", help="The hash-chained audit log.")
keys_cli = AppGroup("keys", help="Secret keys that sign tokens and links.")
demo_cli = AppGroup("demo", help="Demo data for trying the service locally.")


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Migrate the database up to REVISION (default: head)."""
    migrate.upgrade(revision)
    click.echo(f"database at {revision}")


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Migrate the database down to REVISION."""
    migrate.downgrade(revision)
    click.echo(f"database at {revision}")


def _new_request(patient_ref: str, hospital: str, language: str):
    return consent_services.create_request(
        session(), forms=current_app.extensions["forms"],
        form_id=current_app.config["DEFAULT_FORM_ID"], patient_ref=patient_ref,
        hospital_code=hospital, language=language, requested_by="cli",
        max_age=current_app.config["TOKEN_MAX_AGE"][tokens.CONSENT_SIGNING])


@consent_cli.command("request")
@click.option("--patient-ref", required=True, help="The patient's pseudonym, never a name.")
@click.option("--hospital", required=True, help="The hospital's code, e.g. DEMO.")
@click.option("--language", default="en", show_default=True)
def consent_request(patient_ref: str, hospital: str, language: str) -> None:
    """Create a consent request and print its signing link."""
    try:
        created = _new_request(patient_ref, hospital, language)
    except consent_services.UnknownHospital as exc:
        raise click.ClickException(f"no hospital has the code {exc}") from exc
    except consent_services.UnsupportedLanguage as exc:
        raise click.ClickException(f"the form is not available in {exc}") from exc
    click.echo(f"request {created.id}")
    click.echo(signing_url(created))


@clients_cli.command("create")
@click.argument("name")
@click.option("--scope", "scopes", multiple=True, required=True, type=click.Choice(SCOPES))
def clients_create(name: str, scopes: tuple[str, ...]) -> None:
    """Create an API client; its key is printed once, on the last line."""
    try:
        client, key = create_client(session(), name=name, scopes=list(scopes), actor="cli")
    except UnknownScope as exc:
        raise click.ClickException(f"unknown scope: {exc}") from exc
    except InvalidClientName as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"client {client.id} ({', '.join(client.scopes)})")
    click.echo("the key is shown only now; store it in the panel system's secrets:")
    click.echo(key)


@audit_cli.command("verify")
def audit_verify() -> None:
    """Check that no audit row was edited, inserted or deleted."""
    report = audit.verify_chain(session())
    if report.ok:
        click.echo(f"audit log intact: {report.rows} rows")
        return
    click.echo(f"audit log BROKEN at row {report.broken_at}: {report.problem}", err=True)
    sys.exit(1)


@keys_cli.command("rotate")
def keys_rotate() -> None:
    """Add a new signing key to instance/secret_keys; older keys still verify."""
    if os.environ.get("CONSENT_SERVICE_SECRET_KEYS"):
        raise click.ClickException("keys come from CONSENT_SERVICE_SECRET_KEYS; rotate there")
    count = rotate_secret_keys(Path(current_app.instance_path))
    click.echo(f"{count} keys; the newest signs from the next start")


@demo_cli.command("load")
def demo_load() -> None:
    """Load demo data and print a signing link, an API key and curl lines to try."""
    hospital = load_demo(session())
    key = new_demo_key(session())
    created = _new_request("DEMO-PATIENT-001", hospital.code, "en")
    admin = ensure_demo_admin(session())
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    auth = shlex.quote(f"Authorization: Bearer {key}")
    status_url = f"{base}/api/v1/consent-requests/{created.id}"
    fetch = (f"TOKEN=$(curl -s -H {auth} {status_url} | python3 -c "
             """'import json,sys; print(json.load(sys.stdin)["consent_token"])')""")
    verify = (f"curl -s -H {auth} -H 'Content-Type: application/json' "
              f"""-d "{{\\"token\\": \\"$TOKEN\\"}}" {base}/api/v1/consent-tokens/verify""")
    for line in [
        f"Demo data loaded (hospital {hospital.code}: {hospital.name}).", "",
        "1. Open this signing link in a browser and sign the consent:",
        f"   {signing_url(created)}", "",
        "2. Demo API key (every scope; a new one each start):",
        f"   {key}", "",
        "3. Fetch the consent token, then verify it:", f"   {fetch}", f"   {verify}", "",
        "4. Withdraw on the manage page (its link is on the receipt), then run the last",
        '   curl line again: it answers "withdrawn".', "",
        f"5. Request access as a doctor at {base}/join with an address such as",
        "   you@demo-hospital.example (Demo University Hospital, a ReCONNET member). Emails",
        f"   are caught locally: read them at {base}/staff/mail/caught (staff sign-in below).",
        f"   Review the request at {base}/staff/requests; once approved, the status page",
        "   shows the onboarding token. Verify it with:",
        f"   curl -s -H {auth} -H 'Content-Type: application/json' "
        f"""-d '{{"token": "PASTE-TOKEN"}}' {base}/api/v1/onboarding-tokens/verify""", "",
    ]:
        click.echo(line)
    if admin:  # only when no staff account existed; the password is shown this once
        click.echo(f"6. Staff sign-in at {base}/staff/login as {admin[0].email}, password:")
        click.echo(f"   {admin[1]}")


def init_app(app: Flask) -> None:
    """Register every command group."""
    for group in (db_cli, consent_cli, clients_cli, audit_cli, keys_cli, demo_cli, forms_cli,
                  outbox_cli, mail_cli, directory_cli, staff_cli, report_cli):
        app.cli.add_command(group)
    reminders_commands.init_app(app)  # `flask reminders` and the REMINDERS_INTERVAL default
