"""The worker and the catcher as commands: `flask outbox run|status` and `flask mail catch`."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from consent_service import migrate
from consent_service.db import make_engine
from consent_service.outbox import services
from consent_service.outbox.catcher import read_caught, start_catcher
from consent_service.outbox.transport import MemoryTransport
from tests.conftest import TEST_KEYS, make_test_app
from tests.functional.test_outbox_smtp import SMTPServer, free_port

CONTEXT = {"hospital_name": "Hôpital Necker", "signing_url": "https://x.example/c/T",
           "expires_at": datetime(2026, 12, 9, 12, 0, tzinfo=UTC)}


def queue(db, to="patient@example.org", language="fr"):
    return services.queue_email(db, kind="consent_signing_link", to=to, language=language,
                                context=CONTEXT)


@pytest.fixture
def mail_port():
    return free_port()


@pytest.fixture
def app_config(mail_port):
    return {"MAIL_PORT": mail_port}


@pytest.fixture
def catcher(tmp_path, mail_port):
    directory = tmp_path / "mail"
    controller = start_catcher(directory, "127.0.0.1", mail_port)
    yield directory
    controller.stop()


def test_catcher_keeps_each_message_as_a_private_eml_file(db, catcher, runner, mail_port):
    subject = queue(db, to="müller@bücher.example").subject
    db.commit()
    result = runner.invoke(args=["outbox", "run", "--once"])
    assert result.exit_code == 0, result.output
    assert f"outbox: sent 1, retrying 0, failed 0 via 127.0.0.1:{mail_port}" in result.output
    [caught] = read_caught(catcher)
    assert caught.recipients == ["müller@bücher.example"]
    assert caught.subject == subject and "Hôpital Necker" in subject
    assert "https://x.example/c/T" in caught.text and 'lang="fr"' in caught.html
    assert caught.message["Content-Language"] == "fr"
    assert abs(caught.received_at - datetime.now(UTC)) < timedelta(minutes=1)
    assert stat.S_IMODE((catcher / caught.name).stat().st_mode) == 0o600


def test_outbox_status_counts_every_status(db, runner):
    queue(db)
    queue(db)
    db.commit()
    services.deliver_due(db, transport=MemoryTransport(), batch_size=1)
    result = runner.invoke(args=["outbox", "status"])
    assert result.exit_code == 0, result.output
    assert result.output.split() == ["queued", "1", "sending", "0", "sent", "1", "failed", "0"]


def test_outbox_retry_queues_failed_messages_again(db, runner):
    failed = queue(db, to="refuse-permanently@example.org")
    db.commit()
    server = SMTPServer()
    server.start()
    try:
        services.deliver_due(db, transport=server.transport())
    finally:
        server.stop()
    assert services.failed_messages(db) == [failed]
    result = runner.invoke(args=["outbox", "retry", "--all-failed"])
    assert result.exit_code == 0 and "queued again: 1" in result.output
    assert (failed.status, failed.attempts) == ("queued", 0)
    result = runner.invoke(args=["outbox", "retry", failed.id, "no-such-id"])
    assert result.exit_code == 1
    assert f"{failed.id}: not failed but queued" in result.output
    assert "no-such-id: no such message" in result.output
    assert runner.invoke(args=["outbox", "retry"]).exit_code == 2


def test_read_caught_of_a_missing_directory_is_empty(tmp_path):
    assert read_caught(tmp_path / "nothing") == []


def flask(*args: str, env: dict[str, str]) -> subprocess.Popen:
    command = [sys.executable, "-m", "flask", "--app", "consent_service", *args]
    return subprocess.Popen(command, env=env, stdout=subprocess.PIPE,  # noqa: S603 (our own args)
                            stderr=subprocess.STDOUT, text=True)


def wait_for_line(process: subprocess.Popen, text: str) -> None:
    for line in process.stdout:
        if text in line:
            return
    pytest.fail(f"{text!r} never printed; exit code {process.wait()}")


def test_make_run_setup_worker_and_catcher_deliver_then_stop_cleanly_on_signals(tmp_path):
    url = f"sqlite:///{tmp_path}/run.db"
    engine = make_engine(url)
    with engine.begin() as conn:
        migrate.upgrade("head", connection=conn)
    app = make_test_app(url, INSTANCE_PATH=str(tmp_path / "instance"))
    with app.app_context(), Session(engine) as db:
        queue(db, language="en")
        db.commit()
    engine.dispose()
    app.extensions["db"].engine.dispose()

    port, directory = free_port(), tmp_path / "caught"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CONSENT_SERVICE_")}
    env.update(PYTHONUNBUFFERED="1", CONSENT_SERVICE_DATABASE_URL=url,
               CONSENT_SERVICE_INSTANCE_PATH=str(tmp_path / "instance"),
               CONSENT_SERVICE_SECRET_KEYS=",".join(TEST_KEYS),
               CONSENT_SERVICE_MAIL_PORT=str(port))
    catcher = flask("mail", "catch", "--port", str(port), "--dir", str(directory), env=env)
    worker = None
    try:
        wait_for_line(catcher, "catching mail on")
        worker = flask("outbox", "run", "--interval", "0.2", env=env)
        wait_for_line(worker, "outbox worker delivering")
        deadline = time.monotonic() + 20
        while not list(directory.glob("*.eml")) and time.monotonic() < deadline:
            time.sleep(0.1)
        [caught] = read_caught(directory)
        assert caught.recipients == ["patient@example.org"]
        worker.send_signal(signal.SIGTERM)
        assert worker.wait(timeout=10) == 0
        assert "outbox worker stopped" in worker.stdout.read()
        catcher.send_signal(signal.SIGINT)
        assert catcher.wait(timeout=10) == 0
        assert "mail catcher stopped" in catcher.stdout.read()
    finally:
        for process in (catcher, worker):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
            if process is not None:
                process.stdout.close()
