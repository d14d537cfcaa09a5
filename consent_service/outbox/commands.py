"""`flask outbox run|status|retry` (the delivery worker) and `flask mail catch` (the catcher)."""

from __future__ import annotations

import signal
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy.exc import OperationalError

from ..db import get_db, session
from ..reminders.commands import run_if_due, schedule_from_config
from . import services
from .catcher import default_dir, start_catcher
from .transport import transport_from_config

BATCH_SIZE = 50
outbox_cli = AppGroup("outbox", help="The email outbox and its delivery worker.")
mail_cli = AppGroup("mail", help="Email tools for local development.")


class StopFlag:
    """Set by a signal handler, polled by the loops.

    Not a threading.Event: its set() takes a lock, and a handler that interrupts the main
    thread while that thread holds the same lock inside wait() would deadlock.
    """

    def __init__(self) -> None:
        self.stopped = False

    def set(self) -> None:
        """Ask the loop to stop."""
        self.stopped = True

    def is_set(self) -> bool:
        """Return whether a stop was asked for."""
        return self.stopped

    def wait(self, seconds: float) -> bool:
        """Sleep up to seconds, waking early on a stop; return whether to stop."""
        deadline = time.monotonic() + seconds
        while not self.stopped and (left := deadline - time.monotonic()) > 0:
            time.sleep(min(left, 0.2))
        return self.stopped


@contextmanager
def stop_on_signals() -> Iterator[StopFlag]:
    """Yield a flag set by SIGINT or SIGTERM; restore the previous handlers afterwards."""
    stop = StopFlag()
    previous = {sig: signal.signal(sig, lambda _sig, _frame: stop.set())
                for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def deliver_all_due(stop: StopFlag | None = None) -> services.DeliveryReport:
    """Deliver due messages batch after batch until none is left (or stop is set)."""
    config = current_app.config
    total = services.DeliveryReport()
    while True:
        report = services.deliver_due(
            session(), transport=transport_from_config(config), batch_size=BATCH_SIZE,
            max_attempts=int(config["MAIL_MAX_ATTEMPTS"]),
            should_stop=stop.is_set if stop is not None else None)
        total.sent += report.sent
        total.retrying += report.retrying
        total.failed += report.failed
        if report.total < BATCH_SIZE or (stop is not None and stop.is_set()):
            return total


def _summary(report: services.DeliveryReport) -> str:
    return f"sent {report.sent}, retrying {report.retrying}, failed {report.failed}"


@outbox_cli.command("run")
@click.option("--once", is_flag=True, help="Deliver what is due now, then exit.")
@click.option("--interval", type=click.FloatRange(min=0.1), default=5.0, show_default=True,
              help="Seconds to wait between looks at the outbox.")
def outbox_run(once: bool, interval: float) -> None:
    """Deliver queued email over SMTP until stopped (SIGINT or SIGTERM); queue reminders too."""
    config = current_app.config
    where = f"{config['MAIL_SERVER']}:{config['MAIL_PORT']}"
    try:
        transport_from_config(config)  # a bad MAIL_* setting stops the worker here, clearly
    except (KeyError, ValueError) as exc:
        raise click.ClickException(f"mail settings: {exc}") from exc
    if once:
        click.echo(f"outbox: {_summary(deliver_all_due())} via {where}")
        return
    reminders = schedule_from_config()  # reminders queue email too: every REMINDERS_INTERVAL
    with stop_on_signals() as stop:
        click.echo(f"outbox worker delivering via {where} every {interval:g} s; "
                   "Ctrl-C stops it")
        while not stop.is_set():
            try:
                run_if_due(reminders)
                report = deliver_all_due(stop)
            except OperationalError as exc:
                # The database may be restarting: keep the worker alive and look again later.
                session().rollback()
                click.echo(f"outbox: database unavailable ({type(exc.orig).__name__})", err=True)
            else:
                if report.total:
                    click.echo(f"outbox: {_summary(report)}")
            # Hand the connection back to the pool while idle.
            get_db().session.remove()
            stop.wait(interval)
    click.echo("outbox worker stopped")


@outbox_cli.command("status")
def outbox_status() -> None:
    """Print how many messages are queued, sending, sent and failed."""
    for status, count in services.counts_by_status(session()).items():
        click.echo(f"{status:<8} {count}")


@outbox_cli.command("retry")
@click.argument("message_ids", nargs=-1)
@click.option("--all-failed", is_flag=True, help="Retry every failed message.")
def outbox_retry(message_ids: tuple[str, ...], all_failed: bool) -> None:
    """Queue failed messages again, with a fresh set of attempts."""
    if all_failed:
        message_ids = tuple(m.id for m in services.failed_messages(session(), limit=10_000))
    elif not message_ids:
        raise click.UsageError("give message ids, or --all-failed")
    refused = 0
    for message_id in message_ids:
        try:
            services.retry_failed(session(), message_id=message_id)
        except services.UnknownMessage:
            click.echo(f"{message_id}: no such message", err=True)
            refused += 1
        except services.NotRetryable as exc:
            click.echo(f"{message_id}: not failed but {exc}", err=True)
            refused += 1
    click.echo(f"queued again: {len(message_ids) - refused}")
    if refused:
        raise SystemExit(1)


@mail_cli.command("catch")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(1, 65535), default=8025, show_default=True)
@click.option("--dir", "directory", type=click.Path(file_okay=False, path_type=Path),
              help="Where to store caught messages [default: <instance>/mail].")
def mail_catch(host: str, port: int, directory: Path | None) -> None:
    """Run an SMTP server that stores every message as a .eml file instead of sending it."""
    directory = directory or default_dir(current_app)
    try:
        controller = start_catcher(directory, host, port)
    except (RuntimeError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    with stop_on_signals() as stop:
        click.echo(f"catching mail on {host}:{port} into {directory}; Ctrl-C stops it")
        while not stop.wait(3600):
            pass
    controller.stop()
    click.echo("mail catcher stopped")
