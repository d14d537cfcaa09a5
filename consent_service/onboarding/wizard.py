"""The wizard's pages: one topic per step, pre-checks, summary, submission, edits after a return.

Plain view functions; views.py wires them to the blueprint's addresses.
"""

from __future__ import annotations

from flask import redirect, render_template, request, url_for

from ..db import session, utcnow
from ..directory.models import Hospital
from ..directory.services import find_hospitals
from ..i18n import _, _l
from . import prechecks, services
from .errors import ChecksOpen, IllegalTransition
from .forms import (
    OTHER_HOSPITAL,
    AboutForm,
    ChecksForm,
    NetworkForm,
    SubmitForm,
    WhyForm,
    WorkplaceForm,
)
from .models import EDITABLE, GUEST, MEMBER, NON_CLINICAL_PROFESSIONS, RETURNED, WAITING
from .web import applicant_page, conflict, form_status, network_choices, where_to

STEPS = ("about", "workplace", "network", "why", "checks", "summary")
STEP_TITLES = {"about": _l("About you"), "workplace": _l("Where you work"),
               "network": _l("Network and role"), "why": _l("Why you need access"),
               "checks": _l("Checks before you send"), "summary": _l("Check your answers")}
RETURN_TO = ("summary", "edit", "checks")  # where a "Change" link comes back to
# Which step asks for each answer (prechecks.missing_fields names them).
STEP_OF_FIELD = {"name": "about", "profession": "about", "registration_number": "about",
                 "hospital": "workplace", "network": "network", "role": "network",
                 "reason": "why", "sponsor": "checks"}
FORM_FIELD = {"hospital_id": "hospital", "network_id": "network"}
GUEST_CODES = (prechecks.HOSPITAL_NOT_LISTED, prechecks.HOSPITAL_NOT_IN_NETWORK)
SPONSOR_CODES = (prechecks.EMAIL_DOMAIN, prechecks.SPONSOR_NEEDED, prechecks.SPONSOR_NOT_MEMBER,
                 prechecks.SPONSOR_IS_APPLICANT)


def next_step_url(access_request) -> str:
    """Return the address of the first step that still needs something from the applicant."""
    if access_request.status == RETURNED:
        return url_for("onboarding.edit")
    if access_request.status not in EDITABLE:
        return url_for("onboarding.status")
    missing = prechecks.missing_fields(access_request)
    for step in STEPS[:4]:
        if any(STEP_OF_FIELD[field] == step for field in missing):
            return url_for(f"onboarding.{step}")
    if not prechecks.can_submit(prechecks.run(session(), access_request)):
        return url_for("onboarding.checks")
    return url_for("onboarding.summary")


def _closed(access_request):
    """Return the answer for a request the wizard cannot change, else None."""
    if access_request.status in EDITABLE:
        return None
    return conflict(access_request) if request.method == "POST" else where_to(access_request)


def _then() -> str | None:
    then = request.args.get("then")
    return then if then in RETURN_TO else None


def _back(name: str) -> str | None:
    if _then():
        return url_for(f"onboarding.{_then()}")
    index = STEPS.index(name)
    return url_for(f"onboarding.{STEPS[index - 1]}") if index else None


def _render(step_name: str, form, access_request, status: int = 200, **context):
    return render_template(
        f"onboarding/step_{step_name}.html", form=form, access_request=access_request,
        step=STEPS.index(step_name) + 1, steps=len(STEPS), title=STEP_TITLES[step_name],
        back=_back(step_name), then=_then(), csrf_expired="csrf_token" in form.errors,
        action=url_for(f"onboarding.{step_name}", then=_then(), **context.pop("args", {})),
        **context), status


def _save(step_name: str, form, access_request, context: dict, **answers):
    """Save answers and go on; refusals re-render the step (422) or answer 409."""
    try:
        services.save(session(), access_request, now=utcnow(), **answers)
    except IllegalTransition:
        return conflict(access_request)
    except services.InvalidAnswer as error:
        field = form[FORM_FIELD.get(error.field, error.field)]
        field.errors = [*field.errors, _("Check this answer.")]
        return _render(step_name, form, access_request, 422, **context)
    if _then():
        return redirect(url_for(f"onboarding.{_then()}"), 303)
    return redirect(url_for(f"onboarding.{STEPS[STEPS.index(step_name) + 1]}"), 303)


@applicant_page
def about(access_request):
    """Step 1: name, profession, registration number."""
    if (answer := _closed(access_request)) is not None:
        return answer
    form = AboutForm(data={"name": access_request.name, "profession": access_request.profession,
                           "registration_number": access_request.registration_number})
    if request.method == "POST":
        if not form.validate():
            return _render("about", form, access_request, form_status(form))
        return _save("about", form, access_request, {}, name=form.name.data,
                     profession=form.profession.data,
                     registration_number=form.registration_number.data)
    return _render("about", form, access_request)


def _hospital_label(hospital: Hospital) -> str:
    place = ", ".join(part for part in (hospital.city, hospital.country) if part)
    return f"{hospital.name} ({place})" if place else hospital.name


def hospital_choices(form, access_request, query: str) -> list[Hospital]:
    """Offer the found hospitals, the one chosen before, and "not listed"."""
    found = find_hospitals(session(), query) if query else []
    offered = [access_request.hospital] if access_request.hospital is not None else []
    posted = form.hospital.data
    if posted and posted != OTHER_HOSPITAL and posted not in {h.id for h in offered + found}:
        hospital = session().get(Hospital, posted)
        offered += [hospital] if hospital is not None else []
    offered += [hospital for hospital in found if hospital not in offered]
    form.hospital.choices = [(h.id, _hospital_label(h)) for h in offered] + [
        (OTHER_HOSPITAL, _("My hospital is not listed"))]
    return found


@applicant_page
def workplace(access_request):
    """Step 2: the hospital, found by name or city (a plain GET search works without script)."""
    if (answer := _closed(access_request)) is not None:
        return answer
    query = request.args.get("q", "").strip()[:100]
    chosen = access_request.hospital_id or (
        OTHER_HOSPITAL if access_request.hospital_other else None)
    form = WorkplaceForm(data={"hospital": chosen,
                               "hospital_other": access_request.hospital_other})
    found = hospital_choices(form, access_request, query)
    context = {"query": query, "found": found, "args": {"q": query} if query else {}}
    if request.method == "POST":
        if not form.validate():
            return _render("workplace", form, access_request, form_status(form), **context)
        if form.hospital.data == OTHER_HOSPITAL:
            answers = {"hospital_id": None, "hospital_other": form.hospital_other.data}
        else:
            answers = {"hospital_id": form.hospital.data, "hospital_other": ""}
        return _save("workplace", form, access_request, context, **answers)
    return _render("workplace", form, access_request, **context)


@applicant_page
def network(access_request):
    """Step 3: the network and the role, member or guest."""
    if (answer := _closed(access_request)) is not None:
        return answer
    form = NetworkForm(data={"network": access_request.network_id, "role": access_request.role})
    form.network.choices = [("", _("Choose a network"))] + network_choices()
    if request.method == "POST":
        if not form.validate():
            return _render("network", form, access_request, form_status(form))
        return _save("network", form, access_request, {}, network_id=form.network.data,
                     role=form.role.data)
    return _render("network", form, access_request)


@applicant_page
def why(access_request):
    """Step 4: why access is needed."""
    if (answer := _closed(access_request)) is not None:
        return answer
    form = WhyForm(data={"reason": access_request.reason})
    if request.method == "POST":
        if not form.validate():
            return _render("why", form, access_request, form_status(form))
        return _save("why", form, access_request, {}, reason=form.reason.data)
    return _render("why", form, access_request)


def findings_context(access_request) -> dict:
    """Return the pre-checks' findings and which inputs can resolve them."""
    findings = prechecks.run(session(), access_request)
    codes = {finding.code for finding in findings}
    show_guest = bool(codes & set(GUEST_CODES))
    return {"findings": findings, "codes": codes, "show_guest": show_guest,
            "show_sponsor": show_guest or access_request.role == GUEST
            or bool(codes & set(SPONSOR_CODES)),
            "show_confidentiality": access_request.profession in NON_CLINICAL_PROFESSIONS,
            "blocking": not prechecks.can_submit(findings), "step_of": STEP_OF_FIELD}


@applicant_page
def checks(access_request):
    """Step 5: every finding with its explanation and the inputs that resolve it."""
    if (answer := _closed(access_request)) is not None:
        return answer
    context = findings_context(access_request)
    form = ChecksForm(data={
        "become_guest": access_request.role == GUEST,
        "sponsor_email": access_request.sponsor_email or "",
        "sponsor_name": access_request.sponsor_name,
        "confidentiality": access_request.confidentiality_accepted_at is not None})
    if request.method == "POST":
        if not form.validate():
            return _render("checks", form, access_request, form_status(form), **context)
        answers: dict = {}
        if context["show_guest"]:
            answers["role"] = GUEST if form.become_guest.data else (
                MEMBER if access_request.role == GUEST else access_request.role)
        if context["show_sponsor"] or form.become_guest.data:
            answers |= {"sponsor_email": form.sponsor_email.data,
                        "sponsor_name": form.sponsor_name.data}
        if context["show_confidentiality"]:
            answers["confidentiality"] = form.confidentiality.data
        response = _save("checks", form, access_request, context, **answers)
        saved = not isinstance(response, tuple)
        if saved and not _then() and not prechecks.can_submit(
                prechecks.run(session(), access_request)):
            return redirect(url_for("onboarding.checks"), 303)  # show what remains
        return response
    return _render("checks", form, access_request, **context)


@applicant_page
def summary(access_request):
    """Show every answer with a way to change it, and the button that sends the request."""
    if access_request.status == RETURNED:
        return redirect(url_for("onboarding.edit"), 303)
    if (answer := _closed(access_request)) is not None:
        return answer
    return _render("summary", SubmitForm(), access_request, **findings_context(access_request))


@applicant_page
def submit(access_request):
    """Send the request; a second click finds it sent and shows its status."""
    if access_request.status in WAITING:
        return redirect(url_for("onboarding.status"), 303)
    form = SubmitForm()
    if not form.validate():
        return _render("summary", form, access_request, 400, **findings_context(access_request))
    try:
        services.submit(session(), access_request, now=utcnow())
    except IllegalTransition:
        return conflict(access_request)
    except ChecksOpen:
        return redirect(url_for("onboarding.checks"), 303)
    return redirect(url_for("onboarding.status"), 303)
