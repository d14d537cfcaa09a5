"""`flask reminders run`, and the schedule on which the outbox worker runs reminders."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import click
from flask import Flask, current_app
from flask.cli import AppGroup
from sqlalchemy.exc import OperationalError

from ..db import session, utcnow
from . import services

log = logging.getLogger(__name__)
# Settings of this feature (each also a CONSENT_SERVICE_* variable; docs/operations.md).
DEFAULTS = {"REMINDERS_INTERVAL": 900}  # seconds between the outbox worker's reminder runs
reminders_cli = AppGroup("reminders", help="Reminders that are due, each sent once.")


def init_app(app: Flask) -> None:
    """Fill in this feature's defaults and register `flask reminders`."""
    for key, value in DEFAULTS.items():
        app.config.setdefault(key, value)
    app.cli.add_command(reminders_cli)


def run_reminders() -> services.ReminderSummary:
    """Queue the reminders due now (one transaction)."""
    return services.run(session(), now=utcnow())


class ReminderSchedule:
    """Tell a long-running loop when reminders are due: at once, then every interval seconds.

    An interval of 0 or less turns the reminders off (another process runs them, e.g. cron).
    """

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.interval = interval
        self.clock = clock
        self.next_at = clock()

    def due(self) -> bool:
        """Return True (and plan the next run) when a run is due."""
        if self.interval <= 0 or self.clock() < self.next_at:
            return False
        self.next_at = self.clock() + self.interval
        return True


def schedule_from_config() -> ReminderSchedule:
    """Return the worker's schedule from REMINDERS_INTERVAL (seconds)."""
    interval = float(current_app.config.get("REMINDERS_INTERVAL",
                                            DEFAULTS["REMINDERS_INTERVAL"]))
    return ReminderSchedule(interval)


def run_if_due(schedule: ReminderSchedule) -> services.ReminderSummary | None:
    """Run the reminders when schedule says so; a failure is logged and the caller goes on.

    The worker's first duty is delivering email: a reminder that cannot be built (a bad
    template, say) must not stop it. A database outage is left to the worker's own handling.
    """
    if not schedule.due():
        return None
    try:
        summary = run_reminders()
    except OperationalError:
        raise
    except Exception:
        session().rollback()
        log.exception("reminders run failed")
        return None
    if summary.total:
        click.echo(f"reminders: {summary}")
    return summary


@reminders_cli.command("run")
def reminders_run() -> None:
    """Queue every reminder that is due and was never sent; print how many of each."""
    summary = run_reminders()
    click.echo(f"reminders: {summary} (total {summary.total})")
