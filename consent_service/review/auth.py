"""Who is signed in: the staff session in Flask's signed cookie, and route protection.

The cookie holds the staff id, the account's session version and the sign-in time, never a
secret. Flask cannot revoke a cookie on the server, so the version stands in for a server-side
session: signing out, disabling the account, changing its password or turning on TOTP raises
the version in the database, and every copy of every older cookie stops working at once.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from flask import abort, current_app, g, make_response, redirect, request, session, url_for

from ..db import session as db_session
from .models import StaffMember

SESSION_KEY = "staff"
PENDING_KEY = "staff_pending"  # password checked, TOTP code still to come
SETUP_KEY = "staff_totp_setup"
_KEEP_ON_SIGN_IN = ("lang",)  # the page language survives; everything else starts afresh


def _member(data: object, lifetime: int) -> StaffMember | None:
    """Return the live account a session entry names, or None when it no longer holds."""
    if not isinstance(data, dict) or not isinstance(data.get("id"), str):
        return None
    started = data.get("at")
    if not isinstance(started, int | float) or time.time() - started > lifetime:
        return None
    member = db_session().get(StaffMember, data["id"])
    if member is None or member.disabled_at is not None:
        return None
    return member if data.get("v") == member.session_version else None


def current_staff() -> StaffMember | None:
    """Return the signed-in staff member of this request, or None."""
    if "staff_member" not in g:
        lifetime = current_app.config["STAFF_SESSION_LIFETIME"]
        g.staff_member = _member(session.get(SESSION_KEY), lifetime)
        if g.staff_member is None and SESSION_KEY in session:
            session.pop(SESSION_KEY)  # expired or revoked: forget it
    return g.staff_member


def _fresh_session() -> None:
    kept = {key: session[key] for key in _KEEP_ON_SIGN_IN if key in session}
    session.clear()  # drops the old CSRF secret too: forms from before sign-in stop working
    session.update(kept)


def sign_in(member: StaffMember) -> None:
    """Start the staff session in this browser."""
    _fresh_session()
    session[SESSION_KEY] = {"id": member.id, "v": member.session_version,
                            "at": int(time.time())}
    session.permanent = True  # expires after STAFF_SESSION_LIFETIME (PERMANENT_SESSION_...)
    g.staff_member = member


def refresh_version(member: StaffMember) -> None:
    """Keep this browser signed in after its own change raised the session version."""
    data = session.get(SESSION_KEY)
    if isinstance(data, dict) and data.get("id") == member.id:
        session[SESSION_KEY] = {**data, "v": member.session_version}


def forget() -> None:
    """Remove every trace of staff sign-in from this browser's cookie."""
    _fresh_session()
    g.staff_member = None


def start_pending(member: StaffMember, next_url: str | None) -> None:
    """Remember, briefly, that the password was right and a TOTP code must follow."""
    _fresh_session()
    session[PENDING_KEY] = {"id": member.id, "v": member.session_version,
                            "at": int(time.time()), "next": next_url}


def pending_member() -> tuple[StaffMember, str | None] | None:
    """Return the account waiting for its TOTP code and where to go next, if still valid."""
    data = session.get(PENDING_KEY)
    member = _member(data, current_app.config["STAFF_LOGIN_STEP_LIFETIME"])
    if member is None or not member.totp_enabled:
        session.pop(PENDING_KEY, None)
        return None
    return member, safe_next(data.get("next"))


def setup_secret(member: StaffMember) -> str:
    """Return the TOTP secret on offer to this browser until set-up ends (same on reload).

    Derived from a random nonce in the cookie and the server's key, so the secret itself never
    travels in the cookie.
    """
    nonce = session.get(SETUP_KEY)
    if not isinstance(nonce, str):
        nonce = session[SETUP_KEY] = secrets.token_urlsafe(16)
    key = current_app.config["SECRET_KEY"].encode()
    digest = hmac.new(key, f"totp-setup\0{member.id}\0{nonce}".encode(), hashlib.sha256)
    return base64.b32encode(digest.digest()[:20]).decode()


def safe_next(value: object) -> str | None:
    """Return value when it is a path on this site; anything else (an open redirect) is None."""
    if not isinstance(value, str) or not value.startswith("/") or len(value) > 2000:
        return None
    # "//host" and "/\host" are other sites to browsers; control characters hide such tricks.
    if value.startswith(("//", "/\\")) or any(ord(ch) < 32 or ch == "\\" for ch in value):
        return None
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else None


def _this_page() -> str:
    return request.full_path.rstrip("?") if request.method == "GET" else request.path


def staff_required(*roles: str) -> Callable:
    """Let in signed-in staff (of one of roles, when given); send others to sign in or 403."""

    def decorate(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(*args, **kwargs):
            member = current_staff()
            if member is None:
                code = 302 if request.method == "GET" else 303
                return redirect(url_for("review.login", next=_this_page()), code)
            if roles and member.role not in roles:
                abort(403)
            response = make_response(view(*args, **kwargs))
            response.headers["Cache-Control"] = "no-store"  # staff pages hold personal data
            return response

        return wrapper

    return decorate


def can_see_network(staff: StaffMember, network_code: str | None) -> bool:
    """Return True when staff may see requests of this network (coordinators: their own)."""
    if staff.role in ("admin", "helpdesk"):
        return True
    return staff.role == "coordinator" and network_code is not None \
        and staff.network_code == network_code
