"""What the applicant's pages share: who the applicant is, choices, and refusal pages."""

from __future__ import annotations

from functools import wraps

from babel import Locale, UnknownLocaleError
from flask import redirect, render_template, url_for
from flask import session as cookie
from sqlalchemy import select

from ..db import session
from ..directory.countries import ISO_3166_1
from ..directory.models import Network
from ..i18n import _, current_language
from .forms import ResendForm
from .links import SESSION_KEY
from .models import DECIDED, DRAFT, WAITING, AccessRequest


def current_request() -> AccessRequest | None:
    """Return the request whose link this browser opened, if any."""
    request_id = cookie.get(SESSION_KEY)
    if not isinstance(request_id, str):
        return None
    return session().get(AccessRequest, request_id)


def remember(access_request: AccessRequest) -> None:
    """Let this browser work on the request: it proved access to the address."""
    cookie[SESSION_KEY] = access_request.id


def applicant_page(view):
    """Pass the session's request to view; without one, say how to get back to it."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        access_request = current_request()
        if access_request is None:
            return render_template("onboarding/no_request.html", form=ResendForm()), 403
        return view(access_request, *args, **kwargs)

    return wrapper


def form_status(form) -> int:
    """Return 400 for an expired or missing CSRF token, else 422."""
    return 400 if "csrf_token" in form.errors else 422


def conflict(access_request: AccessRequest):
    """Render the 409 page: what the request's state allows instead."""
    if access_request.status in WAITING:
        message = _("Your request is already with the reviewers. You cannot change it while "
                    "they look at it.")
    elif access_request.status in DECIDED:
        message = _("Your request has been decided. It can no longer be changed or sent again.")
    elif access_request.status == DRAFT:
        message = _("Confirm your email address first: open the link we emailed you.")
    else:
        message = _("This cannot be done in the current state of your request.")
    return render_template("onboarding/conflict.html", message=message,
                           access_request=access_request), 409


def where_to(access_request: AccessRequest):
    """Redirect to the page that fits the request's state; None when it is being filled in."""
    if access_request.status == DRAFT:
        return redirect(url_for("onboarding.resume"), 303)
    if access_request.status in WAITING + DECIDED:
        return redirect(url_for("onboarding.status"), 303)
    return None


def country_choices() -> list[tuple[str, str]]:
    """Return every country as (code, name in the page's language), sorted by name."""
    try:
        names = Locale.parse(current_language()).territories
    except (UnknownLocaleError, ValueError):
        names = Locale("en").territories
    english = Locale("en").territories
    pairs = [(code, names.get(code) or english.get(code) or code) for code in ISO_3166_1]
    return sorted(pairs, key=lambda pair: pair[1].casefold())


def network_choices() -> list[tuple[str, str]]:
    """Return the networks as (id, "code – name"), by code."""
    return [(network.id, f"{network.code} – {network.name}") for network in
            session().scalars(select(Network).order_by(Network.code))]
