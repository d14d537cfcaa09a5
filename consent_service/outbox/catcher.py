"""Local mail catcher: an SMTP server that keeps every message as a .eml file (development)."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

from flask import Flask

from ..db import utcnow

STAMP = "%Y%m%dT%H%M%S%f"  # file names sort by arrival

def default_dir(app: Flask) -> Path:
    """Return where caught mail goes unless told otherwise: <instance>/mail."""
    return Path(app.instance_path) / "mail"


class SaveToDirectory:
    """aiosmtpd handler: write each message, with its envelope, to directory/<time>-<id>.eml."""

    def __init__(self, directory: Path):
        self.directory = directory

    async def handle_DATA(self, server, session, envelope) -> str:
        """Store the message and accept it."""
        self.save(envelope.mail_from, envelope.rcpt_tos, envelope.original_content)
        return "250 Message accepted for delivery"

    def save(self, mail_from: str, rcpt_tos: list[str], content: bytes) -> Path:
        """Write one message atomically, readable by its owner only (it holds live links)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        # The envelope says who the message was really for (Bcc is not in the headers).
        envelope = "".join(f"X-Caught-Rcpt-To: {rcpt}\r\n" for rcpt in rcpt_tos)
        envelope = f"X-Caught-Mail-From: {mail_from}\r\n{envelope}"
        name = f"{utcnow():{STAMP}}-{uuid.uuid4().hex[:8]}.eml"
        partial = self.directory / f".{name}.part"
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(envelope.encode("utf-8") + content)
        # A reader listing the directory sees whole messages only.
        os.replace(partial, self.directory / name)
        return self.directory / name


def start_catcher(directory: Path, host: str = "127.0.0.1", port: int = 8025):
    """Start the catcher in a background thread and return its aiosmtpd Controller."""
    try:
        from aiosmtpd.controller import Controller
    except ImportError as exc:  # a development tool: installed with the [dev] extra
        raise RuntimeError("the mail catcher needs aiosmtpd: pip install -e '.[dev]'") from exc
    # SMTPUTF8: catch mail to Unicode addresses as a modern server would accept it.
    controller = Controller(SaveToDirectory(directory), hostname=host, port=port,
                            enable_SMTPUTF8=True)
    controller.start()
    return controller


@dataclass(frozen=True)
class CaughtMail:
    """One caught message, parsed for listing."""

    name: str
    received_at: datetime
    recipients: list[str]
    subject: str
    message: EmailMessage

    @property
    def text(self) -> str:
        """Return the plain-text part."""
        part = self.message.get_body(preferencelist=("plain",))
        return part.get_content() if part is not None else ""

    @property
    def html(self) -> str:
        """Return the HTML part."""
        part = self.message.get_body(preferencelist=("html",))
        return part.get_content() if part is not None else ""


def read_caught(directory: Path) -> list[CaughtMail]:
    """Return the caught messages, newest first."""
    if not directory.is_dir():
        return []
    caught = []
    for path in sorted(directory.glob("*.eml"), reverse=True):
        message = message_from_bytes(path.read_bytes(), policy=policy.default)
        assert isinstance(message, EmailMessage)
        caught.append(CaughtMail(
            name=path.name,
            received_at=datetime.strptime(path.name.split("-")[0], STAMP).replace(tzinfo=UTC),
            recipients=[str(value) for value in message.get_all("X-Caught-Rcpt-To", [])],
            # Raw UTF-8 headers (SMTPUTF8) can come back with folding whitespace left in.
            subject=" ".join(str(message.get("Subject", "")).split()),
            message=message,
        ))
    return caught
