"""A returned request: every answer on one page, the flagged ones marked, resubmitted at once."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for

from ..db import session, utcnow
from ..i18n import _
from . import services
from .errors import ChecksOpen, IllegalTransition
from .forms import OTHER_HOSPITAL, EditForm
from .models import RETURNED
from .web import applicant_page, conflict, form_status, network_choices
from .wizard import FORM_FIELD, findings_context, hospital_choices, next_step_url


def _edit_page(form, access_request, status: int = 200, **context):
    form.network.choices = [("", _("Choose a network"))] + network_choices()
    hospital_choices(form, access_request, "")
    return render_template(
        "onboarding/edit.html", form=form, access_request=access_request,
        decision=services.last_decision(access_request),
        flagged=set(access_request.flagged_fields or ()),
        csrf_expired="csrf_token" in form.errors, **findings_context(access_request),
        **context), status


@applicant_page
def edit(access_request):
    """A returned request: every answer on one page, the flagged ones marked; resubmit at once."""
    if access_request.status != RETURNED:
        if request.method == "POST":
            return conflict(access_request)
        return redirect(next_step_url(access_request), 303)
    form = EditForm(data={
        "name": access_request.name, "profession": access_request.profession,
        "registration_number": access_request.registration_number,
        "hospital": access_request.hospital_id or (
            OTHER_HOSPITAL if access_request.hospital_other else None),
        "hospital_other": access_request.hospital_other, "network": access_request.network_id,
        "role": access_request.role, "reason": access_request.reason,
        "sponsor_email": access_request.sponsor_email or "",
        "sponsor_name": access_request.sponsor_name,
        "confidentiality": access_request.confidentiality_accepted_at is not None})
    if request.method == "GET":
        return _edit_page(form, access_request)
    if not form.validate():
        return _edit_page(form, access_request, form_status(form))
    other = form.hospital.data == OTHER_HOSPITAL
    try:
        services.save(
            session(), access_request, now=utcnow(), name=form.name.data,
            profession=form.profession.data, registration_number=form.registration_number.data,
            hospital_id=None if other else form.hospital.data,
            hospital_other=form.hospital_other.data if other else "",
            network_id=form.network.data, role=form.role.data, reason=form.reason.data,
            sponsor_email=form.sponsor_email.data, sponsor_name=form.sponsor_name.data,
            confidentiality=form.confidentiality.data)
        services.submit(session(), access_request, now=utcnow())
    except IllegalTransition:
        return conflict(access_request)
    except services.InvalidAnswer as error:
        field = form[FORM_FIELD.get(error.field, error.field)]
        field.errors = [*field.errors, _("Check this answer.")]
        return _edit_page(form, access_request, 422)
    except ChecksOpen:
        return _edit_page(form, access_request, 422, checks_failed=True)
    return redirect(url_for("onboarding.status"), 303)
