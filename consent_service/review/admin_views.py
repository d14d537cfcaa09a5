"""Administrators' pages: staff accounts and the API clients of panel services.

A new account's password and a new client's key are made on the server and shown once, in the
answer to the form post: never in a URL, a log or an audit row, and only their hashes are kept.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for

from ..api import services as api_services
from ..api.models import ApiClient
from ..db import session as db_session
from ..db import utcnow
from ..directory import editing
from ..i18n import _
from . import services
from .admin_forms import SCOPE_LABELS, ActionForm, ClientForm, staff_form
from .auth import current_staff, staff_required
from .models import StaffMember
from .passwords import WeakPassword
from .queue_views import PUBLIC_ID
from .views import ROLE_LABELS, bp

ADMIN = ("admin",)
CREATED = 201  # the answer shows what was made; reloading it would post the form again


def _expired():
    abort(400, _("The form expired. Go back, reload the page and try again."))


def _staff_notice(done: str | None) -> str | None:
    # Built per call, in the page's language.
    return {
        "disabled": _("Account disabled. The person is signed out and can no longer sign in."),
        "unlocked": _("Account unlocked. The person can sign in again."),
        "totp_reset": _("Two-step sign-in is off. The person can set it up again after "
                        "signing in."),
    }.get(done or "")


def _staff_page(form, status: int = 200, *, problem: str | None = None):
    return render_template(
        "review/admin_staff.html", form=form, action=ActionForm(formdata=None),
        members=services.staff_accounts(db_session()), now=utcnow(), problem=problem,
        csrf_expired="csrf_token" in form.errors,
        notice=_staff_notice(request.args.get("done")) if request.method == "GET" else None,
    ), status


def _new_staff_form(**kwargs):
    codes = [network.code for network in editing.networks(db_session())]
    return staff_form(codes, ROLE_LABELS, **kwargs)


@bp.get("/staff/admin/staff")
@staff_required(*ADMIN)
def admin_staff():
    """List the staff accounts, with a form to add one."""
    return _staff_page(_new_staff_form(formdata=None))


@bp.post("/staff/admin/staff")
@staff_required(*ADMIN)
def admin_create_staff():
    """Create an account with a new random password, and show that password once."""
    form = _new_staff_form()
    if not form.validate():
        return _staff_page(form, 400 if "csrf_token" in form.errors else 422)
    db = db_session()
    password = services.new_password()
    try:
        member = services.create_staff(
            db, email=form.email.data, name=form.name.data, password=password,
            role=form.role.data, network_code=form.network.data or None,
            actor=services.actor_of(current_staff()))
    except services.EmailTaken:
        db.rollback()
        form.email.errors.append(_("Another staff account has this email address."))
        return _staff_page(form, 409)
    except (services.InvalidStaffData, WeakPassword):  # the form checks shape; rare
        db.rollback()
        return _staff_page(form, 422, problem=_(
            "The account could not be created. Check the answers and try again."))
    return render_template("review/admin_staff_created.html", member=member,
                           password=password), CREATED


def _member(member_id: str) -> StaffMember:
    """Return the account of a posted action, after its CSRF token; else 400 or 404."""
    if not ActionForm().validate():
        _expired()
    member = db_session().get(StaffMember, member_id) if PUBLIC_ID.fullmatch(member_id) \
        else None
    if member is None:
        abort(404)
    if member.disabled_at is not None:
        abort(409, _("This account is disabled. Nothing more can change."))
    return member


def _back_to_staff(member: StaffMember, done: str):
    return redirect(url_for(".admin_staff", done=done) + f"#s-{member.id}", 303)


def _own_account():
    abort(409, _("You cannot do this to your own account. Ask another administrator."))


@bp.post("/staff/admin/staff/<member_id>/disable")
@staff_required(*ADMIN)
def admin_disable_staff(member_id: str):
    """Stop an account from signing in and end its sessions."""
    member = _member(member_id)
    try:
        services.disable_staff(db_session(), member=member,
                               actor=services.actor_of(current_staff()), now=utcnow())
    except services.OwnAccount:
        _own_account()
    return _back_to_staff(member, "disabled")


@bp.post("/staff/admin/staff/<member_id>/unlock")
@staff_required(*ADMIN)
def admin_unlock_staff(member_id: str):
    """Lift a lockout after failed sign-in attempts."""
    member = _member(member_id)
    services.unlock_staff(db_session(), member=member, actor=services.actor_of(current_staff()))
    return _back_to_staff(member, "unlocked")


@bp.post("/staff/admin/staff/<member_id>/reset-totp")
@staff_required(*ADMIN)
def admin_reset_totp(member_id: str):
    """Turn off an account's two-step sign-in (a lost phone) and end its sessions."""
    member = _member(member_id)
    if not member.totp_enabled:
        abort(409, _("Two-step sign-in is already off for this account."))
    try:
        services.disable_totp(db_session(), member=member,
                              actor=services.actor_of(current_staff()))
    except services.OwnAccount:
        _own_account()
    return _back_to_staff(member, "totp_reset")


def _clients_page(form: ClientForm, status: int = 200, *, problem: str | None = None):
    revoked = request.method == "GET" and request.args.get("done") == "revoked"
    return render_template(
        "review/admin_clients.html", form=form, action=ActionForm(formdata=None),
        clients=api_services.api_clients(db_session()), scope_labels=SCOPE_LABELS,
        csrf_expired="csrf_token" in form.errors, problem=problem,
        notice=_("Key revoked. Calls with it are refused from now on.") if revoked else None,
    ), status


@bp.get("/staff/admin/clients")
@staff_required(*ADMIN)
def admin_clients():
    """List the API clients, with a form to add one."""
    return _clients_page(ClientForm(formdata=None))


@bp.post("/staff/admin/clients")
@staff_required(*ADMIN)
def admin_create_client():
    """Create a client with a new random key, and show that key once."""
    form = ClientForm()
    if not form.validate():
        return _clients_page(form, 400 if "csrf_token" in form.errors else 422)
    db = db_session()
    try:
        client, key = api_services.create_client(
            db, name=form.name.data, scopes=form.scopes.data,
            actor=services.actor_of(current_staff()))
    except (api_services.InvalidClientName, api_services.UnknownScope):  # the form checks
        db.rollback()
        return _clients_page(form, 422, problem=_(
            "The client could not be created. Check the answers and try again."))
    return render_template("review/admin_client_created.html", client=client, key=key,
                           scope_labels=SCOPE_LABELS), CREATED


@bp.post("/staff/admin/clients/<client_id>/revoke")
@staff_required(*ADMIN)
def admin_revoke_client(client_id: str):
    """Stop a client's key from working at once."""
    if not ActionForm().validate():
        _expired()
    client = db_session().get(ApiClient, client_id) if PUBLIC_ID.fullmatch(client_id) else None
    if client is None:
        abort(404)
    try:
        api_services.revoke_client(db_session(), client=client,
                                   actor=services.actor_of(current_staff()), now=utcnow())
    except api_services.AlreadyRevoked:
        abort(409, _("This client's key is already revoked. Nothing more can change."))
    return redirect(url_for(".admin_clients", done="revoked") + f"#c-{client.id}", 303)
