"""Staff operations: accounts, sign-in with lockout, TOTP; one transaction each, audited."""

from __future__ import annotations

import hmac
import logging
import re
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

import pyotp
from sqlalchemy import exists, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from .. import audit
from ..directory.models import Network
from .models import MAX_EMAIL_LENGTH, ROLES, StaffMember
from .passwords import (
    check_policy,
    hash_password,
    needs_rehash,
    spend_verification_time,
    verify_password,
)

SUBJECT = "staff_member"
ANONYMOUS = "anonymous"
TOTP_DIGITS = 6
_NETWORK_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,31}")
_CODE = re.compile(r"[0-9]{6}")
log = logging.getLogger(__name__)


class InvalidStaffData(ValueError):
    """Account data that cannot be stored; the message says why, in English, for the CLI."""


class EmailTaken(InvalidStaffData):
    """Another account already has this email address."""


class InvalidCredentials(Exception):
    """Wrong email or password, or a disabled account: deliberately one error for all."""


class AccountLocked(Exception):
    """Too many failed attempts: sign-in is refused until `until`."""

    def __init__(self, until: datetime):
        super().__init__("account locked")
        self.until = until


class InvalidCode(Exception):
    """A TOTP code that is wrong, too old, or already used."""


class OwnAccount(Exception):
    """A change staff may not make to their own account (another admin must make it)."""


@dataclass(frozen=True)
class Lockout:
    """How many failures in a row lock an account, and for how long."""

    max_failures: int = 5
    duration: timedelta = timedelta(minutes=15)


def normalise_email(value: str) -> str:
    """Return the address as stored: NFC, lower-case, outer spaces removed."""
    return unicodedata.normalize("NFC", unicodedata.normalize("NFC", value.strip()).lower())


def is_email(value: str) -> bool:
    """Return True for a plausible address; the domain may be in any script (IDN)."""
    if not 3 <= len(value) <= MAX_EMAIL_LENGTH or value.count("@") != 1:
        return False
    if any(ch.isspace() or unicodedata.category(ch).startswith("C") for ch in value):
        return False
    local, domain = value.split("@")
    labels = domain.split(".")
    return bool(local) and len(local) <= 64 and len(labels) >= 2 and all(
        label and not label.startswith("-") and not label.endswith("-")
        and all(ch.isalnum() or ch == "-" for ch in label) for label in labels)


def _clean_name(name: str) -> str:
    cleaned = " ".join(unicodedata.normalize("NFC", name).split())
    if not cleaned or len(cleaned) > 150 or any(
            unicodedata.category(ch).startswith("C") for ch in cleaned):
        raise InvalidStaffData("give a name of 1 to 150 visible characters")
    return cleaned


def _check_role(role: str, network_code: str | None) -> str | None:
    if role not in ROLES:
        raise InvalidStaffData(f"the role must be one of {', '.join(ROLES)}")
    if role != "coordinator":
        if network_code:
            raise InvalidStaffData("only coordinators belong to a network")
        return None
    code = (network_code or "").strip()
    if not _NETWORK_CODE.fullmatch(code):
        raise InvalidStaffData("a coordinator needs the code of their network (--network)")
    return code


def actor_of(member: StaffMember) -> str:
    """Return how audit rows name this staff member as the actor."""
    return f"staff:{member.id}"


def find_staff(db: Session, email: str) -> StaffMember | None:
    """Return the account with this email address, if any."""
    return db.scalars(select(StaffMember).where(
        StaffMember.email == normalise_email(email))).first()


def create_staff(db: Session, *, email: str, name: str, password: str, role: str,
                 network_code: str | None, actor: str) -> StaffMember:
    """Create an account after checking its address, role, network and password."""
    email = normalise_email(email)
    if not is_email(email):
        raise InvalidStaffData("give an email address like name@example.org")
    member = StaffMember(email=email, name=_clean_name(name), role=role,
                         network_code=_check_role(role, network_code))
    if member.network_code is not None and db.scalar(
            select(Network.id).where(Network.code == member.network_code)) is None:
        raise InvalidStaffData(f"no network has the code {member.network_code}; use a code "
                               "of the directory, such as ReCONNET or ERKNet")
    check_policy(password, email=email)
    if find_staff(db, email) is not None:
        raise EmailTaken("a staff member with this email address already exists")
    member.password_hash = hash_password(password)
    db.add(member)
    try:
        db.flush()
    except IntegrityError as error:  # created by someone else since the check above
        db.rollback()
        raise EmailTaken("a staff member with this email address already exists") from error
    audit.record(db, "staff.created", SUBJECT, member.id, actor, role=role,
                 network=member.network_code)
    db.commit()
    return member


def _record_failure(db: Session, member: StaffMember, *, now: datetime, lockout: Lockout,
                    reason: str) -> None:
    """Count a failed attempt (atomically: attempts may run in parallel), lock at the limit."""
    member.failed_logins = StaffMember.failed_logins + 1
    db.flush()
    failures = member.failed_logins  # reloaded: includes attempts committed meanwhile
    audit.record(db, "staff.login_failed", SUBJECT, member.id, ANONYMOUS, reason=reason,
                 failures=failures)
    if failures >= lockout.max_failures:
        member.locked_until = now + lockout.duration
        member.failed_logins = 0  # a fresh count once the lock ends
        audit.record(db, "staff.locked", SUBJECT, member.id, ANONYMOUS,
                     until=member.locked_until.isoformat())
    db.commit()
    if member.locked_at(now):
        raise AccountLocked(member.locked_until)


def _signed_in(db: Session, member: StaffMember, now: datetime) -> None:
    member.failed_logins = 0
    member.locked_until = None
    member.last_login_at = now
    db.flush()
    audit.record(db, "staff.logged_in", SUBJECT, member.id, actor_of(member),
                 totp=member.totp_enabled)


def authenticate(db: Session, *, email: str, password: str, now: datetime,
                 lockout: Lockout = Lockout()) -> StaffMember:
    """Check the password; complete the sign-in unless a TOTP code is still needed."""
    member = find_staff(db, email)
    if member is None:
        spend_verification_time(password)
        log.info("staff sign-in refused: no such account")  # no address: it is personal data
        raise InvalidCredentials()
    if member.locked_at(now):
        raise AccountLocked(member.locked_until)
    if not verify_password(member.password_hash, password) or member.disabled_at is not None:
        if member.disabled_at is not None:
            audit.record(db, "staff.login_failed", SUBJECT, member.id, ANONYMOUS,
                         reason="disabled")
            db.commit()
        else:
            _record_failure(db, member, now=now, lockout=lockout, reason="password")
        raise InvalidCredentials()
    if needs_rehash(member.password_hash):
        member.password_hash = hash_password(password)
        db.flush()
        audit.record(db, "staff.password_rehashed", SUBJECT, member.id, actor_of(member))
    if not member.totp_enabled:
        _signed_in(db, member, now)
    db.commit()
    return member


def _matching_step(secret: str, code: str, now: datetime, after: int | None) -> int | None:
    """Return the time step whose code this is (now ± 1 step), if later than `after`."""
    code = "".join(code.split())
    if not _CODE.fullmatch(code):
        return None
    totp = pyotp.TOTP(secret, digits=TOTP_DIGITS)
    current = totp.timecode(now)
    for step in (current - 1, current, current + 1):
        # RFC 6238 §5.2: a code, once accepted, is never accepted again (nor an older one).
        if (after is None or step > after) and hmac.compare_digest(
                totp.generate_otp(step), code):
            return step
    return None


def totp_uri(member: StaffMember, secret: str, issuer: str) -> str:
    """Return the otpauth:// address that authenticator apps read from a QR code."""
    return pyotp.TOTP(secret, digits=TOTP_DIGITS).provisioning_uri(
        name=member.email, issuer_name=issuer)


def enable_totp(db: Session, *, member: StaffMember, secret: str, code: str,
                now: datetime) -> None:
    """Turn on the second factor once a code from the new secret proves the app has it."""
    step = _matching_step(secret, code, now, after=None)
    if step is None:
        raise InvalidCode()
    member.totp_secret = secret
    member.totp_last_step = step
    member.session_version += 1  # sessions opened with the password alone end here
    db.flush()
    audit.record(db, "staff.totp_enabled", SUBJECT, member.id, actor_of(member))
    db.commit()


def verify_totp(db: Session, *, member: StaffMember, code: str, now: datetime,
                lockout: Lockout = Lockout()) -> None:
    """Complete a sign-in with a TOTP code; wrong codes count towards the lockout."""
    if member.disabled_at is not None or not member.totp_enabled:
        raise InvalidCredentials()
    if member.locked_at(now):
        raise AccountLocked(member.locked_until)
    step = _matching_step(member.totp_secret, code, now, after=member.totp_last_step)
    if step is None:
        _record_failure(db, member, now=now, lockout=lockout, reason="totp")
        raise InvalidCode()
    member.totp_last_step = step
    _signed_in(db, member, now)
    db.commit()


def _not_own(member: StaffMember, actor: str) -> None:
    # Locking oneself out, or weakening one's own sign-in, needs a second administrator.
    if actor == actor_of(member):
        raise OwnAccount()


def disable_totp(db: Session, *, member: StaffMember, actor: str) -> None:
    """Turn off the second factor (a lost phone) and end the account's sessions."""
    _not_own(member, actor)
    member.totp_secret = None
    member.totp_last_step = None
    _change(db, member, "staff.totp_disabled", actor)


def _change(db: Session, member: StaffMember, action: str, actor: str, **data) -> None:
    member.session_version += 1  # every signed-in copy of the account ends
    db.flush()
    audit.record(db, action, SUBJECT, member.id, actor, **data)
    db.commit()


def sign_out(db: Session, *, member: StaffMember) -> None:
    """End every session of this account, on every device."""
    _change(db, member, "staff.logged_out", actor_of(member))


def change_password(db: Session, *, member: StaffMember, password: str, actor: str) -> None:
    """Set a new password (policy checked) and end every session of the account."""
    check_policy(password, email=member.email)
    member.password_hash = hash_password(password)
    _change(db, member, "staff.password_changed", actor)


def disable_staff(db: Session, *, member: StaffMember, actor: str, now: datetime) -> None:
    """Stop the account from signing in and end its sessions; its history stays."""
    _not_own(member, actor)
    member.disabled_at = now
    _change(db, member, "staff.disabled", actor)


def unlock_staff(db: Session, *, member: StaffMember, actor: str) -> None:
    """Lift a lockout and clear the count of failed attempts."""
    member.locked_until = None
    member.failed_logins = 0
    db.flush()
    audit.record(db, "staff.unlocked", SUBJECT, member.id, actor)
    db.commit()


def staff_accounts(db: Session) -> list[StaffMember]:
    """Return every account, active ones first, then by name."""
    return list(db.scalars(select(StaffMember).order_by(
        StaffMember.disabled_at.is_not(None), StaffMember.name, StaffMember.email)))


def new_password() -> str:
    """Return a random password (120 bits) for an account that an administrator creates."""
    return secrets.token_urlsafe(15)


DEMO_ADMIN_EMAIL = "demo-admin@example.org"


def ensure_demo_admin(db: Session) -> tuple[StaffMember, str] | None:
    """Create a demo admin with a random password when no staff exists; return both once."""
    if db.scalar(select(exists().where(StaffMember.id.isnot(None)))):
        return None
    password = new_password()
    member = create_staff(db, email=DEMO_ADMIN_EMAIL, name="Demo administrator (demo data)",
                          password=password, role="admin", network_code=None, actor="demo")
    return member, password
