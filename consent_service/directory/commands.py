"""`flask directory import FILE.csv [--dry-run]` and `flask directory networks`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import NoReturn

import click
from flask.cli import AppGroup
from sqlalchemy.exc import IntegrityError

from ..db import session
from . import services
from .csvfile import MAX_FILE_BYTES, InvalidDirectory, RowError, read_rows

directory_cli = AppGroup("directory", help="The directory of networks and hospitals.")


def _fail(errors: list[RowError]) -> NoReturn:
    for error in errors:
        click.echo(str(error), err=True)
    click.echo(f"{len(errors)} problem(s); nothing was imported.", err=True)
    sys.exit(1)


@directory_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check the file and report; write nothing.")
def directory_import(file: Path, dry_run: bool) -> None:
    """Create or update hospitals from a CSV FILE (docs/directory.md): all rows or none."""
    with file.open("rb") as stream:
        data = stream.read(MAX_FILE_BYTES + 1)  # one byte more tells a file that is too large
    try:
        summary = services.import_directory(session(), rows=read_rows(data), actor="cli",
                                            dry_run=dry_run)
    except InvalidDirectory as exc:
        _fail(exc.errors)
    except IntegrityError:
        # Another import committed the same new code first; nothing of this one was written.
        raise click.ClickException("the directory changed during the import; nothing was "
                                   "imported: run it again") from None
    counts = (f"{summary.created} to create, {summary.updated} to update, "
              f"{summary.unchanged} unchanged" if dry_run else
              f"{summary.created} created, {summary.updated} updated, "
              f"{summary.unchanged} unchanged")
    click.echo(f"{file.name}: {summary.rows} hospitals: {counts}.")
    if summary.networks_added:
        verb = "would add" if dry_run else "added"
        click.echo(f"{verb} {summary.networks_added} networks missing from the database.")
    if dry_run:
        click.echo("Dry run: the file is valid; nothing was written.")


@directory_cli.command("networks")
def directory_networks() -> None:
    """List the networks with their numbers of full members and affiliated partners."""
    counts = services.network_counts(session())
    if not counts:
        click.echo("no networks yet: run `flask db upgrade`")
        return
    width = max(len(count.code) for count in counts)
    click.echo(f"{'code':<{width}}  members  partners  name")
    for count in counts:
        click.echo(f"{count.code:<{width}}  {count.members:>7}  {count.partners:>8}  {count.name}")
