"""Patient pages: read, check, sign, receipt, QR code, manage, withdraw, re-consent."""

from __future__ import annotations

from datetime import date

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    url_for,
)

from .. import tokens
from ..db import session
from ..i18n import _, current_language
from ..limits import limiter
from . import services
from .display import event_label, paragraphs, role_label
from .formfiles import CHOICE_KEYS
from .forms import ChoicesForm, ConfirmForm, quiz_form, sign_form
from .links import form_text_for, load_consent, load_request, manage_url, qr_svg, signing_url
from .pdf import render_receipt

bp = Blueprint("consent", __name__, template_folder="templates")
bp.add_app_template_filter(paragraphs)
bp.add_app_template_global(role_label)
bp.add_app_template_global(event_label)
patient_limit = limiter.shared_limit(
    lambda: current_app.config["RATELIMIT_PATIENT_POST"], scope="patient-post",
    exempt_when=lambda: request.method != "POST",
)


@bp.app_context_processor
def today_for_templates():
    """Give the sign page today's date."""
    return {"today": date.today()}


def _forms():
    return current_app.extensions["forms"]


def _open_request(token: str):
    """Return the request behind a signing link, or render why it cannot be used."""
    consent_request = load_request(token)
    g.content_language = consent_request.language
    g.language_switch_path = url_for(".read", token=token)
    return consent_request


def _text(consent_request, consent=None):
    """Return the form text in the page's language (or the signed one, once signed)."""
    return form_text_for(consent_request, consent, language=current_language())


@bp.get("/c/<token>")
def read(token: str):
    """Show the form in layers, then the comprehension check."""
    consent_request = _open_request(token)
    status = services.request_status(consent_request)
    if status in ("signed", "declined"):
        return redirect(url_for(".receipt", token=token), 303)
    if status == "expired":
        return render_template("consent/expired.html"), 410
    text = _text(consent_request)
    return render_template("consent/read.html", text=text, form=quiz_form(text, None),
                           wrong=[], token=token, request_obj=consent_request)


@bp.post("/c/<token>/check")
@patient_limit
def check(token: str):
    """Check the answers: explain the wrong ones, or open the signature step."""
    consent_request = _open_request(token)
    if services.request_status(consent_request) != "pending":
        return redirect(url_for(".read", token=token), 303)
    text = _text(consent_request)
    form = quiz_form(text, request.form)
    answers = {q.key: form[f"q_{q.key}"].data for q in text.questions}
    form.validate()
    if "csrf_token" in form.errors:
        return render_template("consent/read.html", text=text, form=form, wrong=[],
                               token=token, request_obj=consent_request,
                               csrf_expired=True), 400
    wrong = services.wrong_answers(text, answers)
    if wrong:
        return render_template("consent/read.html", text=text, form=form, wrong=wrong,
                               token=token, request_obj=consent_request), 422
    sign = sign_form(text, None)
    for key, value in answers.items():
        sign[f"q_{key}"].data = value
    return render_template("consent/sign.html", text=text, form=sign, token=token,
                           request_obj=consent_request)


@bp.post("/c/<token>/sign")
@patient_limit
def sign(token: str):
    """Record the decision once and show the receipt."""
    consent_request = _open_request(token)
    status = services.request_status(consent_request)
    if status in ("signed", "declined"):
        return redirect(url_for(".receipt", token=token), 303)
    if status == "expired":
        return render_template("consent/expired.html"), 410
    text = _text(consent_request)
    form = sign_form(text, request.form)
    answers = {q.key: form[f"q_{q.key}"].data for q in text.questions}
    if services.wrong_answers(text, answers):
        return redirect(url_for(".read", token=token), 303)
    if not form.validate():
        # A missing or stale CSRF token answers 400 but keeps every answer given so far.
        code = 400 if "csrf_token" in form.errors else 422
        return render_template("consent/sign.html", text=text, form=form, token=token,
                               request_obj=consent_request,
                               csrf_expired="csrf_token" in form.errors), code
    signer = services.Signer(
        role=form.signer_role.data, name=form.signer_name.data,
        relationship=form.relationship.data if form.signer_role.data == "representative"
        else None,
        child_name=form.child_name.data if form.signer_role.data == "guardian" else None,
        child_birth_date=form.child_birth_date.data if form.signer_role.data == "guardian"
        else None,
    )
    choices = {key: form[key].data == "yes" for key in CHOICE_KEYS}
    services.sign(session(), request=consent_request, text=text, choices=choices,
                  signer=signer, answers=answers)
    return redirect(url_for(".receipt", token=token), 303)


@bp.get("/c/<token>/receipt")
def receipt(token: str):
    """Show what was agreed, the receipt id, the manage link and the PDF."""
    consent_request = _open_request(token)
    consent = consent_request.consent
    if consent is None:
        return redirect(url_for(".read", token=token), 303)
    text = _text(consent_request, consent)
    manage_link = manage_url(consent)
    return render_template("consent/receipt.html", consent=consent, text=text,
                           manage_link=manage_link, manage_token=manage_link.rsplit("/", 1)[1])


@bp.get("/c/<token>/qr")
def qr(token: str):
    """Show the signing link as a QR code, to open it on the patient's own phone."""
    consent_request = _open_request(token)
    link = signing_url(consent_request)
    return render_template("consent/qr.html", link=link, svg=qr_svg(link),
                           request_obj=consent_request)


def _open_consent(token: str):
    consent = load_consent(token)
    g.content_language = consent.language
    g.language_switch_path = url_for(".manage", token=token)
    return consent


@bp.get("/m/<token>")
def manage(token: str):
    """Show the current choices and the ways to change or withdraw them."""
    consent = _open_consent(token)
    status = services.consent_status(consent, _forms())
    form = ChoicesForm(data={key: "yes" if consent.choices[key] else "no"
                             for key in ("registry", "research_contact")})
    return render_template("consent/manage.html", consent=consent, status=status, form=form,
                           confirm=ConfirmForm(), text=_text(consent.request, consent),
                           token=token)


@bp.post("/m/<token>/choices")
@patient_limit
def change(token: str):
    """Save new optional choices."""
    consent = _open_consent(token)
    form = ChoicesForm(request.form)
    status = services.consent_status(consent, _forms())
    if status != "active":
        abort(409, _("This consent can no longer be changed."))
    if not form.validate():
        return render_template("consent/manage.html", consent=consent, status=status,
                               form=form, confirm=ConfirmForm(), token=token,
                               text=_text(consent.request, consent)), 400
    changed = services.change_choices(
        session(), consent=consent, forms=_forms(), registry=form.registry.data == "yes",
        research_contact=form.research_contact.data == "yes")
    return redirect(url_for(".manage", token=token, saved=int(changed)), 303)


@bp.route("/m/<token>/withdraw", methods=["GET", "POST"])
@patient_limit
def withdraw(token: str):
    """Ask once, then withdraw the whole consent."""
    consent = _open_consent(token)
    form = ConfirmForm()
    status = services.consent_status(consent, _forms())
    if request.method == "POST" and status in ("active", "superseded"):
        if not form.validate():
            return render_template("consent/withdraw.html", consent=consent, form=form,
                                   token=token, csrf_expired=True), 400
        services.withdraw(session(), consent=consent, forms=_forms())
        return redirect(url_for(".manage", token=token), 303)
    if status not in ("active", "superseded"):
        return redirect(url_for(".manage", token=token), 303)
    return render_template("consent/withdraw.html", consent=consent, form=form, token=token)


@bp.post("/m/<token>/reconsent")
@patient_limit
def reconsent(token: str):
    """Open the current form version for this patient and go to it."""
    consent = _open_consent(token)
    form = ConfirmForm()
    if not form.validate():
        abort(400, _("The form expired. Go back, reload the page and try again."))
    try:
        new_request = services.start_reconsent(
            session(), consent=consent, forms=_forms(),
            max_age=current_app.config["TOKEN_MAX_AGE"][tokens.CONSENT_SIGNING])
    except services.NotAllowed:
        return redirect(url_for(".manage", token=token), 303)
    return redirect(signing_url(new_request), 303)


@bp.get("/m/<token>/receipt.pdf")
def receipt_pdf(token: str):
    """Download the PDF copy of the consent."""
    consent = _open_consent(token)
    pdf = render_receipt(consent, form_text_for(consent.request, consent))
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="consent-{consent.receipt_id}.pdf"',
        "Cache-Control": "no-store",
    })
