"""Staff pages: sign-in (password, then TOTP when enabled), sign-out, home, TOTP set-up."""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from flask import (
    Blueprint,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from ..consent.links import qr_svg
from ..db import session as db_session
from ..db import utcnow
from ..i18n import _, _l, ngettext, switch_language_here
from ..limits import limiter
from . import services
from .auth import (
    SETUP_KEY,
    current_staff,
    forget,
    pending_member,
    refresh_version,
    safe_next,
    setup_secret,
    sign_in,
    staff_required,
    start_pending,
)
from .forms import CodeForm, LoginForm, SignOutForm

bp = Blueprint("review", __name__, template_folder="templates")

# Settings of this feature (each also a CONSENT_SERVICE_* variable; docs/operations.md).
DEFAULTS = {
    "STAFF_SESSION_LIFETIME": 8 * 3600,  # seconds from sign-in; becomes PERMANENT_SESSION_...
    "STAFF_LOGIN_STEP_LIFETIME": 300,  # seconds between a right password and its TOTP code
    "STAFF_LOGIN_MAX_FAILURES": 5,
    "STAFF_LOCKOUT_MINUTES": 15,
    "STAFF_TOTP_ISSUER": "consent-service",  # the name authenticator apps show
    "RATELIMIT_STAFF_LOGIN": "10 per minute",  # per client address, password and code together
}
ROLE_LABELS = {"admin": _l("Administrator"), "helpdesk": _l("Helpdesk"),
               "coordinator": _l("Network coordinator")}


def _configure(state) -> None:
    """Fill in this feature's defaults; the staff session lifetime is the cookie's."""
    for key, value in DEFAULTS.items():
        state.app.config.setdefault(key, value)
    state.app.permanent_session_lifetime = timedelta(
        seconds=state.app.config["STAFF_SESSION_LIFETIME"])


bp.record_once(_configure)


@bp.context_processor
def staff_for_templates() -> dict:
    """Give staff pages the signed-in member and the role names."""
    return {"staff": current_staff(), "role_labels": ROLE_LABELS}


bp.before_request(switch_language_here)


sign_in_limit = limiter.shared_limit(
    lambda: current_app.config["RATELIMIT_STAFF_LOGIN"], scope="staff-login",
    exempt_when=lambda: request.method != "POST",
)


def _lockout() -> services.Lockout:
    config = current_app.config
    return services.Lockout(max_failures=int(config["STAFF_LOGIN_MAX_FAILURES"]),
                            duration=timedelta(minutes=float(config["STAFF_LOCKOUT_MINUTES"])))


def _login_page(form: LoginForm, status: int = 200, *, problem: str | None = None,
                csrf_expired: bool = False, headers: dict | None = None):
    return render_template("review/login.html", form=form, problem=problem,
                           csrf_expired=csrf_expired,
                           signed_out=request.args.get("signed_out") == "1"), status, \
        headers or {}


def _locked(until: datetime, now: datetime, form: LoginForm):
    """Render the sign-in page explaining the lockout, with Retry-After."""
    seconds = max(1, math.ceil((until - now).total_seconds()))
    minutes = math.ceil(seconds / 60)
    problem = ngettext(
        "Too many failed attempts. Wait %(num)d minute, then try again, or ask an "
        "administrator to unlock your account.",
        "Too many failed attempts. Wait %(num)d minutes, then try again, or ask an "
        "administrator to unlock your account.", minutes)
    return _login_page(form, 429, problem=problem,
                       headers={"Retry-After": str(seconds)})


@bp.route("/staff/login", methods=["GET", "POST"])
@sign_in_limit
def login():
    """Ask for email and password; go on to the TOTP step or to where the person was going."""
    form = LoginForm()
    next_url = safe_next(form.next.data if form.is_submitted() else request.args.get("next"))
    if not form.is_submitted():
        if current_staff() is not None:
            return redirect(next_url or url_for(".home"), 303)
        form.next.data = next_url or ""
        return _login_page(form)
    if not form.validate():
        csrf_expired = "csrf_token" in form.errors
        return _login_page(form, 400 if csrf_expired else 422, csrf_expired=csrf_expired)
    now = utcnow()
    try:
        member = services.authenticate(db_session(), email=form.email.data,
                                       password=form.password.data, now=now,
                                       lockout=_lockout())
    except services.InvalidCredentials:
        # One message whether the address is unknown or the password wrong: no guessing who
        # has an account.
        return _login_page(form, 422, problem=_(
            "The email address or the password is not right. Check both and try again."))
    except services.AccountLocked as locked:
        return _locked(locked.until, now, form)
    if member.totp_enabled:
        start_pending(member, next_url)
        return redirect(url_for(".login_totp"), 303)
    sign_in(member)
    return redirect(next_url or url_for(".home"), 303)


@bp.route("/staff/login/totp", methods=["GET", "POST"])
@sign_in_limit
def login_totp():
    """Ask for the TOTP code that completes a sign-in."""
    pending = pending_member()
    if pending is None:
        return redirect(url_for(".login"), 303)
    member, next_url = pending
    form = CodeForm()
    status, csrf_expired = 200, False
    if form.is_submitted():
        if form.validate():
            now = utcnow()
            try:
                services.verify_totp(db_session(), member=member, code=form.code.data, now=now,
                                     lockout=_lockout())
            except services.InvalidCode:
                form.code.errors.append(_(
                    "This code is not right. Enter the code that your app shows now."))
                status = 422
            except services.AccountLocked as locked:
                forget()
                return _locked(locked.until, now, LoginForm(formdata=None))
            except services.InvalidCredentials:
                forget()
                return redirect(url_for(".login"), 303)
            else:
                sign_in(member)
                return redirect(next_url or url_for(".home"), 303)
        else:
            csrf_expired = "csrf_token" in form.errors
            status = 400 if csrf_expired else 422
    return render_template("review/login_totp.html", form=form,
                           csrf_expired=csrf_expired), status


@bp.post("/staff/logout")
@staff_required()
def logout():
    """Sign out here and on every other device of this account."""
    if not SignOutForm().validate():
        abort(400, _("The form expired. Go back, reload the page and try again."))
    services.sign_out(db_session(), member=current_staff())
    forget()
    return redirect(url_for(".login", signed_out=1), 303)


@bp.get("/staff/")
@staff_required()
def home():
    """Say who is signed in, with which role, and link to the staff pages."""
    return render_template("review/home.html", sign_out=SignOutForm(),
                           totp_on=request.args.get("totp") == "on")


@bp.route("/staff/account/totp", methods=["GET", "POST"])
@staff_required()
def totp_setup():
    """Show a new TOTP secret as text and QR code; turn it on once a code confirms it."""
    member = current_staff()
    if member.totp_enabled:
        if request.method == "POST":
            return redirect(url_for(".totp_setup"), 303)
        return render_template("review/totp_setup.html", enabled=True)
    secret = setup_secret(member)
    form = CodeForm()
    status, csrf_expired = 200, False
    if form.is_submitted():
        if form.validate():
            try:
                services.enable_totp(db_session(), member=member, secret=secret,
                                     code=form.code.data, now=utcnow())
            except services.InvalidCode:
                form.code.errors.append(_(
                    "This code is not right. Check that the app has the key shown here, and "
                    "enter the code that it shows now."))
                status = 422
            else:
                session.pop(SETUP_KEY, None)
                refresh_version(member)
                return redirect(url_for(".home", totp="on"), 303)
        else:
            csrf_expired = "csrf_token" in form.errors
            status = 400 if csrf_expired else 422
    uri = services.totp_uri(member, secret, current_app.config["STAFF_TOTP_ISSUER"])
    key = " ".join(secret[i:i + 4] for i in range(0, len(secret), 4))
    return render_template("review/totp_setup.html", enabled=False, form=form, key=key,
                           qr=qr_svg(uri), csrf_expired=csrf_expired), status


# Pages of the reviewers' work on this blueprint; imported last, as they use `bp` from here.
from . import admin_views as _admin_views  # noqa: E402, F401
from . import professional_views as _professional_views  # noqa: E402, F401
from . import queue_views as _queue_views  # noqa: E402, F401
