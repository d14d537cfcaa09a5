"""Reviewers' pages: the queue of waiting requests, one request, and the decision on it."""

from __future__ import annotations

import re

from flask import abort, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_wtf.csrf import validate_csrf
from wtforms.validators import ValidationError

from ..db import session as db_session
from ..db import utcnow
from ..i18n import _
from ..onboarding import labels as applicant_labels
from ..onboarding import prechecks
from ..onboarding.errors import IllegalTransition, InvalidDecision, SponsorPending
from ..onboarding.models import WAITING, AccessRequest
from . import decisions, labels
from .auth import can_see_network, current_staff, staff_required
from .decision_forms import DecisionForm
from .models import StaffMember
from .views import bp

PUBLIC_ID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")  # db.new_id


def _done_notice(status: str) -> str | None:
    # Built per call, in the page's language.
    return {
        "approved": _("Approved. The applicant gets an email saying so."),
        "returned": _("Returned. The applicant gets an email with your reasons and message."),
        "rejected": _("Rejected. The applicant gets an email with your reasons and message."),
    }.get(status)


def language_name(code: str) -> str:
    """Return a language's name in the page's language, e.g. "German" on an English page."""
    return get_locale().languages.get(code, code)


def country_name(code: str) -> str:
    """Return a country's name in the page's language."""
    return get_locale().territories.get(code, code)


@bp.context_processor
def review_labels() -> dict:
    """Give staff templates the translated names of codes."""
    return {"labels": {"check": labels.CHECK_LABELS, "sponsor": labels.SPONSOR_LABELS,
            "event": labels.EVENT_LABELS, "status": labels.STATUS_LABELS,
            "profession": applicant_labels.PROFESSION_LABELS,
            "role": applicant_labels.ROLE_LABELS, "reason": applicant_labels.REASON_LABELS,
            "field": applicant_labels.FIELD_LABELS}}


def actor_names(access_request: AccessRequest) -> dict[str, str]:
    """Return who did each step of the timeline, in words (staff by name)."""
    names = {"applicant": _("Applicant"), "sponsor": _("Sponsor"), "system": _("System")}
    for event in access_request.events:
        if event.actor.startswith("staff:") and event.actor not in names:
            member = db_session().get(StaffMember, event.actor.removeprefix("staff:"))
            names[event.actor] = member.name if member else _("Staff")
    return names


def csrf_valid() -> bool:
    """Return True when the posted form carries this session's CSRF token."""
    try:
        validate_csrf(request.form.get("csrf_token"))
    except ValidationError:
        return False
    return True


def not_found(csrf_ok: bool = True):
    """Stop with 404; a form post without its CSRF token learns nothing, not even that."""
    if not csrf_ok:
        abort(400, _("The form expired. Go back, reload the page and try again."))
    abort(404)


def load_request(request_id: str, *, csrf_ok: bool = True) -> AccessRequest:
    """Return the request that the signed-in staff member may see, or stop with 404 or 403."""
    access_request = db_session().get(AccessRequest, request_id) \
        if PUBLIC_ID.fullmatch(request_id) else None
    if access_request is None:
        not_found(csrf_ok)
    code = access_request.network.code if access_request.network else None
    if not can_see_network(current_staff(), code):
        abort(403, _("This request is for another network. Coordinators see only the "
                     "requests of their own network."))
    return access_request


@bp.get("/staff/requests")
@staff_required()
def queue():
    """List the requests waiting for a decision, the longest wait first."""
    entries = decisions.queue(db_session(), staff=current_staff(), now=utcnow())
    return render_template("review/queue.html", entries=entries)


def _request_page(access_request: AccessRequest, form: DecisionForm, status: int = 200, *,
                  csrf_expired: bool = False):
    db = db_session()
    return render_template(
        "review/request.html", req=access_request, form=form, csrf_expired=csrf_expired,
        checks=prechecks.run(db, access_request),
        sponsor=decisions.sponsor_state(db, access_request),
        can_decide=access_request.status in WAITING,
        language=language_name(access_request.language),
        country=country_name(access_request.country), actors=actor_names(access_request),
        notice=_done_notice(access_request.status) if request.args.get("decided") else None,
    ), status


@bp.get("/staff/requests/<request_id>")
@staff_required()
def request_detail(request_id: str):
    """Show every answer, the pre-check findings, the timeline, and the decision form."""
    access_request = load_request(request_id)
    return _request_page(access_request, DecisionForm(formdata=None))


def _cannot_decide(access_request: AccessRequest):
    message = labels.CANNOT_DECIDE.get(access_request.status)
    abort(409, str(message) if message else None)


@bp.post("/staff/requests/<request_id>/decision")
@staff_required()
def decide(request_id: str):
    """Record the decision; the applicant is told by email in their language."""
    access_request = load_request(request_id, csrf_ok=csrf_valid())
    if access_request.status not in WAITING:
        _cannot_decide(access_request)
    form = DecisionForm()
    if not form.validate():
        csrf_expired = "csrf_token" in form.errors
        return _request_page(access_request, form, 400 if csrf_expired else 422,
                             csrf_expired=csrf_expired)
    db = db_session()
    try:
        decisions.decide(db, access_request, reviewer=current_staff(),
                         decision=form.decision.data, reason_codes=form.reason_codes.data,
                         fields=form.fields.data, message=form.message.data or "",
                         now=utcnow())
    except IllegalTransition:
        db.rollback()  # another reviewer decided first
        _cannot_decide(db.get(AccessRequest, request_id))
    except SponsorPending:
        db.rollback()
        form.decision.errors = [_(
            "The sponsor has not confirmed this request yet. Wait for the sponsor, or return "
            "the request.")]
        return _request_page(access_request, form, 409)
    except InvalidDecision:
        db.rollback()
        return _request_page(access_request, form, 422)
    return redirect(url_for(".request_detail", request_id=request_id, decided=1), 303)
