"""Staff pages on approved professionals: who has access, extending guests, revoking."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for

from ..db import session as db_session
from ..db import utcnow
from ..i18n import _
from ..onboarding.errors import IllegalTransition, InvalidDecision
from ..onboarding.models import Professional
from . import decisions
from .auth import can_see_network, current_staff, staff_required
from .decision_forms import ExtendForm, RevokeForm
from .queue_views import PUBLIC_ID, csrf_valid, not_found
from .views import bp


def _load(professional_id: str) -> Professional:
    professional = db_session().get(Professional, professional_id) \
        if PUBLIC_ID.fullmatch(professional_id) else None
    if professional is None:
        not_found(csrf_valid())
    if not can_see_network(current_staff(), professional.network.code):
        abort(403, _("This person belongs to another network. Coordinators manage only the "
                     "people of their own network."))
    return professional


def _page(status: int = 200, *, failed: Professional | None = None,
          revoke_form: RevokeForm | None = None, csrf_expired: bool = False):
    people = decisions.professionals(db_session(), staff=current_staff())
    done = request.args.get("done")
    return render_template(
        "review/professionals.html", people=people, now=utcnow(), extend_form=ExtendForm(),
        blank=RevokeForm(formdata=None), failed=failed, revoke_form=revoke_form,
        csrf_expired=csrf_expired, done=done if done in ("extended", "revoked") else None,
    ), status


@bp.get("/staff/professionals")
@staff_required()
def professionals():
    """List the approved people, with their role, network, end of access and revocation."""
    return _page()


def _refused(professional: Professional):
    if professional.revoked_at is not None:
        abort(409, _("This person's access is already revoked. Nothing more can change."))
    abort(409, _("Only a guest's access can be extended: members have no end date."))


@bp.post("/staff/professionals/<professional_id>/extend")
@staff_required()
def extend(professional_id: str):
    """Give a guest another 90 days."""
    if not ExtendForm().validate():
        abort(400, _("The form expired. Go back, reload the page and try again."))
    professional = _load(professional_id)
    db = db_session()
    try:
        decisions.extend(db, professional, staff=current_staff(), now=utcnow())
    except (IllegalTransition, decisions.NotExtendable):
        db.rollback()
        _refused(professional)
    return redirect(url_for(".professionals", done="extended") + f"#p-{professional.id}", 303)


@bp.post("/staff/professionals/<professional_id>/revoke")
@staff_required()
def revoke(professional_id: str):
    """End a person's access at once, with a reason and a confirmation."""
    professional = _load(professional_id)
    if professional.revoked_at is not None:
        _refused(professional)
    form = RevokeForm()
    if not form.validate():
        csrf_expired = "csrf_token" in form.errors
        return _page(400 if csrf_expired else 422, failed=professional, revoke_form=form,
                     csrf_expired=csrf_expired)
    db = db_session()
    try:
        decisions.revoke(db, professional, staff=current_staff(), reason=form.reason.data,
                         now=utcnow())
    except IllegalTransition:
        db.rollback()
        _refused(professional)
    except InvalidDecision:  # only blanks: the form let them through as text
        db.rollback()
        form.reason.errors = [_("Write why access ends.")]
        return _page(422, failed=professional, revoke_form=form)
    return redirect(url_for(".professionals", done="revoked") + f"#p-{professional.id}", 303)
