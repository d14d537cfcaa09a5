"""Mail transports: SMTP for real delivery, memory for tests; both behind one small interface."""

from __future__ import annotations

import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from typing import Protocol

from ..db import utcnow

# IDNA 2003 (the only codec in the standard library) maps these to other letters, so "straße.de"
# would become "strasse.de": a different domain. Refuse rather than deliver to a stranger.
_IDNA_DEVIATIONS = frozenset("ßς\u200c\u200d")


@dataclass(frozen=True)
class OutgoingEmail:
    """What a transport needs to deliver one outbox message."""

    id: str
    to: str
    language: str
    subject: str
    text: str
    html: str


class DeliveryError(Exception):
    """Delivery failed; the message is short and holds no address or server reply text."""


class TemporaryFailure(DeliveryError):
    """Worth another try later: server down, busy, or a 4xx reply."""


class ServerUnavailable(TemporaryFailure):
    """The server could not be reached or would not talk: the next message would fare no better."""


class PermanentFailure(DeliveryError):
    """Another try would fail the same way: a 5xx refusal or an address the server cannot take."""


class Transport(Protocol):
    """Hands emails to a mail server."""

    def send(self, email: OutgoingEmail) -> None:
        """Deliver email or raise TemporaryFailure or PermanentFailure."""

    def close(self) -> None:
        """Release any connection held between sends."""


@dataclass
class MemoryTransport:
    """Keeps every email in a list instead of sending it (tests, dry runs)."""

    sent: list[OutgoingEmail] = field(default_factory=list)

    def send(self, email: OutgoingEmail) -> None:
        """Record email as sent."""
        self.sent.append(email)

    def close(self) -> None:
        """Do nothing: no connection to release."""


def idna_domain(domain: str) -> str:
    """Return domain in ASCII (xn-- labels) for servers without SMTPUTF8."""
    if _IDNA_DEVIATIONS & set(domain.lower()):
        raise PermanentFailure("domain not encodable without SMTPUTF8 (IDNA 2008 deviation)")
    try:
        return domain.encode("idna").decode("ascii")
    except UnicodeError:
        raise PermanentFailure("domain not valid IDNA") from None


def smtp_recipient(address: str, smtputf8: bool) -> tuple[str, bool]:
    """Return the address to give the server and whether the message needs SMTPUTF8."""
    if address.isascii():
        return address, False
    if smtputf8:
        return address, True
    local, _, domain = address.rpartition("@")
    if not local.isascii():
        raise PermanentFailure("non-ASCII mailbox name needs SMTPUTF8; the server lacks it")
    return f"{local}@{idna_domain(domain)}", False


def build_message(email: OutgoingEmail, *, sender: str, to: str, domain: str) -> EmailMessage:
    """Return the MIME message: text and HTML alternatives, in the recipient's language."""
    message = EmailMessage()
    message["Subject"] = email.subject
    message["From"] = sender
    message["To"] = to
    message["Date"] = format_datetime(utcnow())
    # Derived from the outbox id: a resend after a crash carries the same id, so it can be
    # recognised as the same message.
    message["Message-ID"] = f"<{email.id}@{domain}>"
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a robot
    # Quoted-printable keeps the parts 7-bit: any server takes them, and they stay readable.
    message.set_content(email.text, cte="quoted-printable")
    message.add_alternative(email.html, subtype="html", cte="quoted-printable")
    # After the parts: setting content drops every Content-* header set before.
    message["Content-Language"] = email.language
    return message


def _reply_failure(what: str, code: int) -> DeliveryError:
    kind = PermanentFailure if 500 <= code < 600 else TemporaryFailure
    return kind(f"{what}: SMTP {code}")


class SMTPTransport:
    """Delivers over SMTP, reusing one connection for a run of sends."""

    def __init__(self, *, host: str, port: int, sender: str, use_tls: bool = False,
                 username: str | None = None, password: str | None = None,
                 timeout: float = 30.0):
        self.host, self.port, self.use_tls, self.timeout = host, port, use_tls, timeout
        self.username, self.password = username, password
        # The sender is made ASCII once (IDNA domain) so that every server takes it.
        display_name, address = parseaddr(sender)
        local, _, domain = address.rpartition("@")
        if not local or not local.isascii():
            raise ValueError("MAIL_FROM needs an address with an ASCII mailbox name")
        self.domain = domain.encode("idna").decode("ascii")
        self.envelope_from = f"{local}@{self.domain}"
        self.sender = str(Address(display_name=display_name, addr_spec=self.envelope_from))
        self._smtp: smtplib.SMTP | None = None

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is None:
            smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            try:
                smtp.ehlo()
                if self.use_tls:
                    smtp.starttls(context=ssl.create_default_context())
                    smtp.ehlo()
                if self.username:
                    smtp.login(self.username, self.password or "")
            except BaseException:
                smtp.close()
                raise
            self._smtp = smtp
        return self._smtp

    def send(self, email: OutgoingEmail) -> None:
        """Deliver email; raise TemporaryFailure or PermanentFailure with a short reason."""
        try:
            smtp = self._connection()
        except smtplib.SMTPResponseException as exc:  # refused greeting, STARTTLS or login
            raise ServerUnavailable(f"{type(exc).__name__}: SMTP {exc.smtp_code}") from None
        except (smtplib.SMTPException, OSError) as exc:
            raise ServerUnavailable(type(exc).__name__) from None
        try:
            to, utf8 = smtp_recipient(email.to, smtp.has_extn("smtputf8"))
            message = build_message(email, sender=self.sender, to=to, domain=self.domain)
            data = message.as_bytes(policy=policy.SMTPUTF8 if utf8 else policy.SMTP)
            # RFC 6531: UTF-8 headers are 8-bit data, so declare 8BITMIME along with SMTPUTF8.
            smtp.sendmail(self.envelope_from, [to], data,
                          mail_options=["SMTPUTF8", "BODY=8BITMIME"] if utf8 else [])
        except smtplib.SMTPRecipientsRefused as exc:
            # The connection stays usable (smtplib sent RSET); only this message is refused.
            code = next(iter(exc.recipients.values()))[0]
            raise _reply_failure("recipient refused", code) from None
        except smtplib.SMTPDataError as exc:
            raise _reply_failure("message refused", exc.smtp_code) from None
        except smtplib.SMTPResponseException as exc:  # sender refused: a setup problem
            self.close()
            raise TemporaryFailure(f"{type(exc).__name__}: SMTP {exc.smtp_code}") from None
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            self.close()
            raise ServerUnavailable(type(exc).__name__) from None
        except smtplib.SMTPException as exc:
            self.close()
            raise TemporaryFailure(type(exc).__name__) from None

    def close(self) -> None:
        """Say QUIT if the server still listens, and forget the connection."""
        smtp, self._smtp = self._smtp, None
        if smtp is None:
            return
        try:
            smtp.quit()
        except (smtplib.SMTPException, OSError):
            smtp.close()


def transport_from_config(config: Mapping[str, object]) -> SMTPTransport:
    """Return the SMTP transport described by the MAIL_* settings."""
    username, password = config.get("MAIL_USERNAME"), config.get("MAIL_PASSWORD")
    # Environment values are parsed as JSON: a password of digits would arrive as a number.
    return SMTPTransport(
        host=str(config["MAIL_SERVER"]), port=int(str(config["MAIL_PORT"])),
        sender=str(config["MAIL_FROM"]), use_tls=bool(config.get("MAIL_USE_TLS")),
        username=None if username is None else str(username),
        password=None if password is None else str(password),
        timeout=float(str(config.get("MAIL_TIMEOUT", 30))),
    )
