"""`flask forms check`: the readability and parity of every consent form file."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from ..config import data_dir
from .services import FormsReport, check_forms

forms_cli = AppGroup("forms", help="Consent form files.")

HEADER = ("form", "version", "language", "section", "formula", "score", "threshold", "pass")


def report_rows(report: FormsReport) -> list[tuple[str, ...]]:
    """Return one table row per check of every part; an unscored part gets one row."""
    rows = []
    for part in report.scores:
        where = (part.form_id, part.version, part.language, part.part)
        if part.result is None:
            rows.append((*where, "-", "-", "-", f"ERROR: {part.error}"))
            continue
        for check in part.result.checks:
            sign = "≥" if check.direction == "min" else "≤"
            verdict = "yes" if check.passed else "NO"
            rows.append(
                (*where, check.metric, f"{check.score:g}", f"{sign} {check.threshold:g}", verdict)
            )
    return rows


def format_table(rows: list[tuple[str, ...]]) -> str:
    """Return rows as a plain-text table with aligned columns."""
    widths = [max(len(row[i]) for row in [HEADER, *rows]) for i in range(len(HEADER))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        for row in [HEADER, *rows]
    ]
    return "\n".join(line.rstrip() for line in lines)


@forms_cli.command("check")
@click.option(
    "--forms-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Forms directory (default: the app's FORMS_DIR).",
)
def forms_check(forms_dir: Path | None) -> None:
    """Score every form text against its language's thresholds and compare files with English."""
    root = forms_dir or Path(current_app.config["FORMS_DIR"] or data_dir("forms"))
    report = check_forms(root)
    click.echo(format_table(report_rows(report)))
    for problem in report.problems:
        click.echo(f"{problem}", err=True)
    failed = sum(not part.passed for part in report.scores)
    if report.passed:
        click.echo(f"all {len(report.scores)} parts pass; every language matches English")
        return
    click.echo(
        f"{failed} of {len(report.scores)} parts fail; {len(report.problems)} parity problems",
        err=True,
    )
    sys.exit(1)
