"""Staff pages of the directory: networks, hospitals, domains and memberships.

Every staff role may look (the directory is no secret to staff); only admins change it.
"""

from __future__ import annotations

import re

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_wtf.csrf import validate_csrf
from wtforms.validators import ValidationError

from ..db import session as db_session
from ..i18n import _
from ..review.auth import current_staff, staff_required
from ..review.services import actor_of
from . import editing, services
from .countries import is_eu_eea
from .forms import KIND_LABELS, SearchForm, country_name, form_data, hospital_form
from .models import Hospital

bp = Blueprint("directory", __name__, template_folder="templates")

HOSPITAL_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")  # new_id
EDITORS = ("admin",)


@bp.context_processor
def for_templates() -> dict:
    """Give the staff layout the signed-in member, and the pages their labels."""
    staff = current_staff()
    return {"staff": staff, "can_edit": staff is not None and staff.role in EDITORS,
            "kind_labels": KIND_LABELS, "country_name": country_name, "is_eu_eea": is_eu_eea,
            "idna": _ascii_domain}


def _ascii_domain(domain: str) -> str:
    """Return a stored (Unicode) domain's IDNA form, as mail servers see it."""
    return domain.encode("idna").decode("ascii")


def _hospital_or_404(hospital_id: str) -> Hospital:
    """Return the hospital, or answer 404 (400 first for a POST without a valid CSRF token)."""
    hospital = (editing.get_hospital(db_session(), hospital_id)
                if HOSPITAL_ID.fullmatch(hospital_id) else None)
    if hospital is None:
        if request.method == "POST":
            try:
                validate_csrf(request.form.get("csrf_token"))
            except ValidationError:
                abort(400, _("The form expired. Go back, reload the page and try again."))
        abort(404)
    return hospital


@bp.get("/staff/directory")
@staff_required()
def index():
    """List the networks with their counts, and find hospitals by name, city or code."""
    form = SearchForm(request.args)
    query = form.q.data or ""
    found = (services.find_hospitals(db_session(), query, limit=services.MAX_RESULTS)
             if query else [])
    return render_template("directory/index.html", form=form, query=query, found=found,
                           counts=services.network_counts(db_session()),
                           max_results=services.MAX_RESULTS)


@bp.get("/staff/directory/hospitals/<hospital_id>")
@staff_required()
def hospital(hospital_id: str):
    """Show everything the directory holds about one hospital."""
    found = _hospital_or_404(hospital_id)
    memberships = sorted(found.memberships, key=lambda m: m.network.code.lower())
    return render_template("directory/hospital.html", hospital=found, memberships=memberships,
                           saved=request.args.get("saved") == "1")


def _form_page(form, status: int, *, hospital: Hospital | None = None):
    csrf_expired = "csrf_token" in form.errors
    networks = {network.code: network for network in editing.networks(db_session())}
    return render_template("directory/edit.html", form=form, hospital=hospital,
                           networks=networks, csrf_expired=csrf_expired), status


@bp.route("/staff/directory/hospitals/new", methods=["GET", "POST"])
@staff_required(*EDITORS)
def new_hospital():
    """Add a hospital: code, details, domains and memberships."""
    db = db_session()
    form = hospital_form([n.code for n in editing.networks(db)], new=True)
    if not form.is_submitted():
        return _form_page(form, 200)
    if not form.validate():
        return _form_page(form, 400 if "csrf_token" in form.errors else 422)
    try:
        created = editing.create_hospital(db, code=form.code.data, details=form.details(),
                                          actor=actor_of(current_staff()))
    except editing.CodeTaken:
        form.code.errors.append(_("Another hospital already has this code. Choose another "
                                  "code, or edit that hospital."))
        return _form_page(form, 409)
    return redirect(url_for(".hospital", hospital_id=created.id, saved=1), 303)


@bp.route("/staff/directory/hospitals/<hospital_id>/edit", methods=["GET", "POST"])
@staff_required(*EDITORS)
def edit_hospital(hospital_id: str):
    """Change a hospital's details, domains and memberships; its code stays."""
    db = db_session()
    found = _hospital_or_404(hospital_id)
    codes = [n.code for n in editing.networks(db)]
    if request.method != "POST":
        return _form_page(hospital_form(codes, new=False, data=form_data(found)), 200,
                          hospital=found)
    form = hospital_form(codes, new=False)
    if not form.validate():
        return _form_page(form, 400 if "csrf_token" in form.errors else 422, hospital=found)
    editing.update_hospital(db, hospital=found, details=form.details(),
                            actor=actor_of(current_staff()))
    return redirect(url_for(".hospital", hospital_id=found.id, saved=1), 303)


@bp.get("/staff/directory/networks/<code>")
@staff_required()
def network(code: str):
    """List a network's full members and affiliated partners."""
    found = editing.network_hospitals(db_session(), code) if len(code) <= 32 else None
    if found is None:
        abort(404)
    return render_template("directory/network.html", found=found)
