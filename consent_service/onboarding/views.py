"""Applicants' pages: email first, the wizard, pre-checks, summary, status; sponsors' page."""

from __future__ import annotations

import math

from flask import (
    Blueprint,
    current_app,
    redirect,
    render_template,
    request,
    url_for,
)

from .. import tokens
from ..db import session, utcnow
from ..directory.countries import is_country, is_eu_eea
from ..i18n import _, current_language, ngettext, switch_language_here
from ..limits import limiter
from . import links, resubmit, services, wizard
from .errors import IllegalTransition, NotEligible, TooManyLinks
from .forms import EMAIL_SHAPE, ResendForm, SponsorForm, StartForm
from .labels import FIELD_LABELS, PROFESSION_LABELS, REASON_LABELS, ROLE_LABELS, STATUS_LABELS
from .models import DECIDED, DRAFT, RETURNED, WAITING
from .web import applicant_page, country_choices, current_request, remember

bp = Blueprint("onboarding", __name__, template_folder="templates")

# Settings of this feature (each also a CONSENT_SERVICE_* variable; docs/operations.md).
DEFAULTS = {
    "RATELIMIT_JOIN": "10 per minute",  # per client address: starts and resends together
}


def _configure(state) -> None:
    for key, value in DEFAULTS.items():
        state.app.config.setdefault(key, value)


bp.record_once(_configure)
join_limit = limiter.shared_limit(
    lambda: current_app.config["RATELIMIT_JOIN"], scope="join",
    exempt_when=lambda: request.method != "POST",
)


bp.before_request(switch_language_here)


@bp.app_template_global()
def onboarding_resend_form() -> ResendForm:
    """Give the expired-link page a form to ask for a new link."""
    return ResendForm()


@bp.context_processor
def labels_for_templates() -> dict:
    """Give the applicant's pages the translated names of statuses, answers and reasons."""
    return {"status_labels": STATUS_LABELS, "profession_labels": PROFESSION_LABELS,
            "role_labels": ROLE_LABELS, "field_labels": FIELD_LABELS,
            "reason_labels": REASON_LABELS}


def _start_page(form: StartForm, status: int = 200, **context):
    form.country.choices = [("", "")] + country_choices()
    return render_template("onboarding/start.html", form=form, **context), status


def _check_email_page(email: str, status: int = 200, **context):
    form = ResendForm(data={"email": email})
    return render_template("onboarding/check_email.html", email=email, form=form,
                           **context), status


@bp.route("/join", methods=["GET", "POST"])
@join_limit
def start():
    """Ask for the work address and the country; email a link to go on."""
    form = StartForm()
    if request.method == "GET":
        return _start_page(form)
    country = (form.country.data or "").strip().upper()
    form.validate()
    if "csrf_token" in form.errors:
        return _start_page(form, 400, csrf_expired=True)
    if is_country(country) and not is_eu_eea(country):
        # Said before anything else: nothing the applicant types next would change it.
        return render_template("onboarding/not_eligible.html"), 200
    if not is_country(country) and "country" not in form.errors:
        form.country.errors = [*form.country.errors, form.country.validators[0].message]
    if form.errors:
        return _start_page(form, 422)
    try:
        services.start(session(), email=form.email.data, country=country,
                       language=current_language(), now=utcnow())
    except NotEligible:
        return render_template("onboarding/not_eligible.html"), 200
    except services.InvalidAnswer:
        form.email.errors = [*form.email.errors, EMAIL_SHAPE]
        return _start_page(form, 422)
    return _check_email_page(form.email.data)


def _too_many(error: TooManyLinks, email: str):
    minutes = math.ceil(error.retry_after / 60)
    if error.retry_after <= 60:
        wait = ngettext("Please wait %(num)d second, then ask again.",
                        "Please wait %(num)d seconds, then ask again.", error.retry_after)
    else:
        wait = ngettext("Please wait %(num)d minute, then ask again.",
                        "Please wait %(num)d minutes, then ask again.", minutes)
    page, status = _check_email_page(email, 429, too_many=wait)
    return page, status, {"Retry-After": str(error.retry_after)}


@bp.post("/join/resend")
@join_limit
def resend():
    """Email the link again, to the session's request or to the address given."""
    form = ResendForm()
    access_request = current_request()
    if not form.validate():
        return _check_email_page(form.email.data or "", 400 if "csrf_token" in form.errors
                                 else 422, csrf_expired="csrf_token" in form.errors)
    if form.email.data:
        access_request = services.open_request_for(session(), form.email.data)
    elif access_request is None:
        form.email.errors = [*form.email.errors, _("Enter your email address.")]
        return render_template("onboarding/no_request.html", form=form), 422
    email = form.email.data or (access_request.email if access_request else "")
    if access_request is not None:
        try:
            services.send_link(session(), access_request, now=utcnow())
        except TooManyLinks as error:
            return _too_many(error, email)
    # The same answer whether or not the address is known.
    return _check_email_page(email, resent=True)


@bp.get("/join/verify/<token>")
def verify(token: str):
    """Confirm the address and open the wizard."""
    access_request, payload = links.load(tokens.EMAIL_VERIFY, token)
    if payload.get("email") != links.address_digest(access_request.email):
        # Sent to an address the request no longer has.
        return render_template("onboarding/invalid_link.html"), 404
    services.verify_email(session(), access_request, now=utcnow())
    remember(access_request)
    return redirect(url_for(".resume"), 303)


@bp.get("/join/r/<token>")
def open_request(token: str):
    """Open the request from an emailed link: its edit page, status, or the next step."""
    access_request, _payload = links.load(tokens.ACCESS_REQUEST, token)
    remember(access_request)
    if access_request.status == RETURNED:
        return redirect(url_for(".edit"), 303)
    if access_request.status in WAITING + DECIDED:
        return redirect(url_for(".status"), 303)
    return redirect(url_for(".resume"), 303)


@bp.get("/join/continue")
@applicant_page
def resume(access_request):
    """Go to the first step that still needs an answer."""
    if access_request.status == DRAFT:
        return _check_email_page(access_request.email)
    return redirect(wizard.next_step_url(access_request), 303)


@bp.get("/join/request/status")
@applicant_page
def status(access_request):
    """Show where the request stands, its timeline and, once approved, the onboarding token."""
    professional = access_request.professional
    token = links.onboarding_token(professional) if professional is not None else None
    return render_template(
        "onboarding/status.html", access_request=access_request, professional=professional,
        token=token, timeline=services.timeline(access_request),
        decision=services.last_decision(access_request),
        verify_endpoint=current_app.config["PUBLIC_URL"].rstrip("/")
        + "/api/v1/onboarding-tokens/verify", now=utcnow())


@bp.route("/join/sponsor/<token>", methods=["GET", "POST"])
def sponsor(token: str):
    """Let a sponsor confirm or decline, from the emailed link, without an account."""
    access_request, payload = links.load(tokens.SPONSOR, token)
    if not access_request.sponsor_email or payload.get("sponsor") != links.address_digest(
            access_request.sponsor_email):
        return render_template("onboarding/invalid_link.html"), 404
    answered = access_request.sponsor_confirmed_at or access_request.sponsor_declined_at
    if answered or access_request.status not in WAITING:
        status = 409 if request.method == "POST" else 200
        return render_template("onboarding/sponsor_closed.html", access_request=access_request,
                               answered=answered), status
    form = SponsorForm()
    if request.method == "POST":
        if not form.validate():
            code = 400 if "csrf_token" in form.errors else 422
            return render_template("onboarding/sponsor.html", form=form, token=token,
                                   access_request=access_request,
                                   csrf_expired=code == 400), code
        agree = form.answer.data == "yes"
        try:
            services.confirm_sponsor(session(), access_request, agree=agree, now=utcnow())
        except IllegalTransition:
            return render_template("onboarding/sponsor_closed.html",
                                   access_request=access_request, answered=True), 409
        return render_template("onboarding/sponsor_done.html", agree=agree)
    return render_template("onboarding/sponsor.html", form=form, token=token,
                           access_request=access_request)


# The wizard's pages: one topic per step, then checks, summary, submission and edits.
bp.add_url_rule("/join/step/about", "about", wizard.about, methods=["GET", "POST"])
bp.add_url_rule("/join/step/workplace", "workplace", wizard.workplace, methods=["GET", "POST"])
bp.add_url_rule("/join/step/network", "network", wizard.network, methods=["GET", "POST"])
bp.add_url_rule("/join/step/why", "why", wizard.why, methods=["GET", "POST"])
bp.add_url_rule("/join/step/checks", "checks", wizard.checks, methods=["GET", "POST"])
bp.add_url_rule("/join/step/summary", "summary", wizard.summary)
bp.add_url_rule("/join/request/submit", "submit", wizard.submit, methods=["POST"])
bp.add_url_rule("/join/request/edit", "edit", resubmit.edit, methods=["GET", "POST"])
