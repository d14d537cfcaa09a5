"""Invitees' page: the accept link of an invitation email."""

from __future__ import annotations

from contextlib import suppress

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask import session as browser_session

from .. import tokens
from ..db import session, utcnow
from ..i18n import current_language
from ..linkpages import load_linked
from ..onboarding.errors import NotEligible
from ..onboarding.labels import ROLE_LABELS
from ..onboarding.links import SESSION_KEY
from . import services
from .forms import OUTSIDE, CountryForm
from .models import Invitation

bp = Blueprint("invitations", __name__, template_folder="templates")


def _open_invitation(token: str) -> Invitation:
    """Return the invitation of an accept link, or stop with a page saying why it cannot be used."""
    invitation, _payload = load_linked(tokens.INVITATION, token, Invitation, "i",
                                       invalid_page="invitations/invalid_link.html",
                                       expired_page="invitations/expired.html")
    g.content_language = invitation.language
    g.language_switch_path = url_for(".accept", token=token)
    return invitation


def _go_to_request(access_request):
    # The session now names the request, as after an email verification in onboarding.
    browser_session[SESSION_KEY] = access_request.id
    return redirect(url_for("onboarding.resume"), 303)


def _already_accepted(invitation: Invitation):
    access_request = services.request_of(session(), invitation)
    if access_request is not None:
        return _go_to_request(access_request)
    return render_template("invitations/already_access.html", invitation=invitation)


@bp.route("/join/invitation/<token>", methods=["GET", "POST"], endpoint="accept")
def accept(token: str):
    """Show who invites to what, ask the country of work, then open the prefilled request."""
    invitation = _open_invitation(token)
    if invitation.accepted_at is not None:
        return _already_accepted(invitation)
    now = utcnow()
    if invitation.expires_at <= now:
        return render_template("invitations/expired.html"), 410
    professional = services.active_professional(session(), invitation, now)
    if professional is not None:
        # A second tab may have closed it a moment ago: same outcome.
        with suppress(services.AlreadyAccepted):
            services.accept_with_existing_access(session(), invitation,
                                                 professional=professional, now=now)
        return render_template("invitations/already_access.html", invitation=invitation)
    form = CountryForm(language=current_language())
    context = {"invitation": invitation, "token": token, "form": form,
               "role_label": ROLE_LABELS[invitation.role]}
    if request.method == "GET":
        return render_template("invitations/accept.html", **context)
    if not form.validate():
        # A missing or stale CSRF token answers 400 but keeps the answer given.
        csrf_expired = "csrf_token" in form.errors
        return render_template("invitations/accept.html", csrf_expired=csrf_expired,
                               **context), 400 if csrf_expired else 422
    if form.country.data == OUTSIDE:
        return render_template("invitations/not_eligible.html", invitation=invitation)
    try:
        access_request = services.accept(session(), invitation, country=form.country.data,
                                         now=now)
    except NotEligible:
        return render_template("invitations/not_eligible.html", invitation=invitation)
    except services.AlreadyAccepted:
        session().refresh(invitation)
        return _already_accepted(invitation)
    return _go_to_request(access_request)
