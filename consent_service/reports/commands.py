"""`flask report funnel`: the onboarding funnel as a table or JSON."""

from __future__ import annotations

import json
from datetime import date, datetime

import click
from flask.cli import AppGroup
from flask_babel import force_locale

from ..db import session, utcnow
from . import labels, services

report_cli = AppGroup("report", help="Reports about onboarding.")


def _day(_ctx, _param, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter("give the day as YYYY-MM-DD, e.g. 2025-03-27") from None


def render_table(funnel: services.Funnel) -> str:
    """Return the funnel as aligned English text lines."""
    scope = funnel.network_code or "all networks"
    period = f"{funnel.since or 'the start'} to {funnel.until or 'today'}"
    median = funnel.median_days_to_decision
    with force_locale("en"):
        rows = [(str(label), str(getattr(funnel, key)))
                for key, label in labels.REQUEST_ROWS.items()]
        rows.append((str(labels.MEDIAN_LABEL), "-" if median is None else f"{median:.1f}"))
        rows += [(f"  rejected for {code}", str(count))
                 for code, count in funnel.rejected_by_reason.items()]
        rows += [(str(label), str(getattr(funnel, key)))
                 for key, label in labels.INVITATION_ROWS.items()]
    width = max(len(label) for label, _value in rows)
    lines = [f"Onboarding funnel: {scope}, requests started from {period}"]
    lines += [f"{label:<{width}}  {value:>6}" for label, value in rows]
    return "\n".join(lines)


@report_cli.command("funnel")
@click.option("--network", help="A network's code, e.g. ReCONNET (default: every network).")
@click.option("--since", callback=_day, help="First day, YYYY-MM-DD (requests started).")
@click.option("--until", callback=_day, help="Last day, YYYY-MM-DD, included.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
def report_funnel(network: str | None, since: date | None, until: date | None,
                  as_json: bool) -> None:
    """Print how many access requests reached each step (counts only)."""
    if since and until and until < since:
        raise click.BadParameter("the last day is before the first", param_hint="--until")
    now: datetime = utcnow()
    try:
        funnel = services.funnel(session(), network_code=network, since=since, until=until,
                                 now=now)
    except services.UnknownNetwork as exc:
        raise click.ClickException(f"no network has the code {exc}") from exc
    click.echo(json.dumps(funnel.as_dict(), indent=2) if as_json else render_table(funnel))
