"""Staff models: the people who sign in to review requests and manage the service."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ..db import Base, PublicId, Timestamp, UTCDateTime

ROLES = ("admin", "helpdesk", "coordinator")
MAX_EMAIL_LENGTH = 254  # RFC 5321's limit on a forward path


class StaffMember(Base):
    """A staff account: email and argon2 password, a role, an optional TOTP second factor."""

    __tablename__ = "staff_members"
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'helpdesk', 'coordinator')", name="role"),
        CheckConstraint("role <> 'coordinator' OR network_code IS NOT NULL",
                        name="coordinator_network"),
    )

    id: Mapped[PublicId]
    email: Mapped[str] = mapped_column(String(MAX_EMAIL_LENGTH), unique=True)  # lower-case NFC
    name: Mapped[str] = mapped_column(String(150))
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    # A coordinator's network, by the code everyone uses for it (e.g. ReCONNET).
    network_code: Mapped[str | None] = mapped_column(ForeignKey("networks.code"))
    # Base32 TOTP seed. The server must read it to check codes, so it cannot be hashed; it is
    # never logged, audited, printed or shown after set-up (docs/operations.md, Staff accounts).
    totp_secret: Mapped[str | None] = mapped_column(String(64))
    totp_last_step: Mapped[int | None] = mapped_column(Integer)  # no code is accepted twice
    # Part of every signed session cookie: raising it signs out every copy of every cookie.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[Timestamp]
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    @property
    def totp_enabled(self) -> bool:
        """Return True when sign-in asks for a TOTP code after the password."""
        return self.totp_secret is not None

    def locked_at(self, now: datetime) -> bool:
        """Return True while failed attempts keep the account locked."""
        return self.locked_until is not None and self.locked_until > now

    def __repr__(self) -> str:
        # Ids and roles only: a repr ends up in logs and tracebacks.
        return f"<StaffMember {self.id} {self.role}>"
