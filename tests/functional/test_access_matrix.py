"""Every route × every kind of caller: who gets in, who is refused, and how."""

import pytest
from flask import current_app

from consent_service.api.models import SCOPES
from consent_service.consent import services
from consent_service.consent.links import manage_url, signing_url
from consent_service.db import session
from consent_service.invitations.links import accept_url
from consent_service.onboarding.links import sponsor_url
from consent_service.review.models import ROLES
from tests import factories
from tests import onboarding_factories as onboarding
from tests.conftest import csrf_token
from tests.functional.journey import path_of
from tests.unit.invitations import factories as invitations
from tests.unit.review.factories import (
    PASSWORD,
    current_code,
    post_login,
    sign_in,
    staff_member,
)

SCOPED_KEYS = {
    "none": None,
    "consent:request": ("consent:request",),
    "consent:verify": ("consent:verify",),
    "onboarding:verify": ("onboarding:verify",),
    "panel:invite": ("panel:invite",),
}

# route → the scopes that may call it (any one suffices)
API_ROUTES = {
    ("POST", "/api/v1/consent-requests"): {"consent:request"},
    ("GET", "/api/v1/consent-requests/<request_id>"): {"consent:request", "consent:verify"},
    ("POST", "/api/v1/consent-tokens/verify"): {"consent:verify"},
    ("GET", "/api/v1/consents"): {"consent:request", "consent:verify"},
    ("GET", "/api/v1/consents/<consent_id>"): {"consent:request", "consent:verify"},
    ("GET", "/api/v1/consents/<consent_id>/receipt.pdf"): {"consent:request", "consent:verify"},
    ("POST", "/api/v1/readability"): set(SCOPES),
    ("POST", "/api/v1/onboarding-tokens/verify"): {"onboarding:verify"},
    ("POST", "/api/v1/invitations"): {"panel:invite"},
    ("GET", "/api/v1/invitations/<invitation_id>"): {"panel:invite"},
}
# A JSON body a route accepts, where the default below would not fit
API_BODIES = {
    ("POST", "/api/v1/readability"): {"text": "We talk. You decide.", "language": "en"},
    ("POST", "/api/v1/invitations"): {"panel_ref": "P1", "email": "invitee@example.org",
                                      "network": "ReCONNET", "role": "member"},
}
# What a permitted caller gets where it is not 200/201: an id left as a placeholder is unknown
API_STATUS = {("GET", "/api/v1/invitations/<invitation_id>"): 404}
# HTML routes reached by holding a link; POSTs must carry a CSRF token
LINK_ROUTES = {
    ("GET", "/c/<token>"), ("POST", "/c/<token>/check"), ("POST", "/c/<token>/sign"),
    ("GET", "/c/<token>/receipt"), ("GET", "/c/<token>/qr"),
    ("GET", "/m/<token>"), ("POST", "/m/<token>/choices"), ("GET", "/m/<token>/withdraw"),
    ("POST", "/m/<token>/withdraw"), ("POST", "/m/<token>/reconsent"),
    ("GET", "/m/<token>/receipt.pdf"),
    ("GET", "/join/verify/<token>"), ("GET", "/join/r/<token>"),
    ("GET", "/join/sponsor/<token>"), ("POST", "/join/sponsor/<token>"),
    ("GET", "/join/invitation/<token>"), ("POST", "/join/invitation/<token>"),
}
PUBLIC_ROUTES = {("GET", "/"), ("GET", "/healthz"), ("GET", "/readyz"),
                 ("GET", "/static/<path:filename>"), ("GET", "/join")}
# Where an applicant starts or asks for a new link: open to everyone; POSTs need CSRF
OPEN_FORM_ROUTES = {("POST", "/join"), ("POST", "/join/resend")}
# An applicant's own request, known from the session that an emailed link opened → status a
# fresh, verified request gets (GET) or 400 for a POST without CSRF; no session → 403
APPLICANT_ROUTES = {
    ("GET", "/join/continue"): 303,
    **{("GET", f"/join/step/{step}"): 200
       for step in ("about", "workplace", "network", "why", "checks", "summary")},
    **{("POST", f"/join/step/{step}"): 400
       for step in ("about", "workplace", "network", "why", "checks")},
    ("POST", "/join/request/submit"): 400,
    ("GET", "/join/request/status"): 200,
    ("GET", "/join/request/edit"): 303,  # only a returned request is edited in one page
    ("POST", "/join/request/edit"): 409,
}
# Sign-in pages: open to everyone, being the way in; POSTs need CSRF
SIGN_IN_ROUTES = {("GET", "/staff/login"), ("POST", "/staff/login"),
                  ("GET", "/staff/login/totp"), ("POST", "/staff/login/totp")}
# Staff pages → the roles that may use them; anonymous callers are sent to sign in; POSTs need CSRF
ANY_ROLE = frozenset(ROLES)
ADMIN = frozenset({"admin"})
STAFF_ROUTES = {
    ("GET", "/staff/"): ANY_ROLE,
    ("POST", "/staff/logout"): ANY_ROLE,
    ("GET", "/staff/account/totp"): ANY_ROLE,
    ("POST", "/staff/account/totp"): ANY_ROLE,
    ("GET", "/authoring/readability"): ANY_ROLE,
    ("POST", "/authoring/readability"): ANY_ROLE,
    ("GET", "/staff/mail/caught"): ANY_ROLE,
    ("GET", "/staff/mail/caught/<name>"): ANY_ROLE,
    ("GET", "/staff/mail/failed"): frozenset({"admin", "helpdesk"}),
    ("POST", "/staff/mail/failed/<message_id>/retry"): frozenset({"admin", "helpdesk"}),
    ("GET", "/staff/requests"): ANY_ROLE,
    ("GET", "/staff/requests/<request_id>"): ANY_ROLE,
    ("POST", "/staff/requests/<request_id>/decision"): ANY_ROLE,
    ("GET", "/staff/professionals"): ANY_ROLE,
    ("POST", "/staff/professionals/<professional_id>/extend"): ANY_ROLE,
    ("POST", "/staff/professionals/<professional_id>/revoke"): ANY_ROLE,
    ("GET", "/staff/reports/funnel"): ANY_ROLE,
    ("GET", "/staff/directory"): ANY_ROLE,
    ("GET", "/staff/directory/hospitals/<hospital_id>"): ANY_ROLE,
    ("GET", "/staff/directory/networks/<code>"): ANY_ROLE,
    ("GET", "/staff/directory/hospitals/new"): ADMIN,
    ("POST", "/staff/directory/hospitals/new"): ADMIN,
    ("GET", "/staff/directory/hospitals/<hospital_id>/edit"): ADMIN,
    ("POST", "/staff/directory/hospitals/<hospital_id>/edit"): ADMIN,
    ("GET", "/staff/admin/staff"): ADMIN,
    ("POST", "/staff/admin/staff"): ADMIN,
    ("POST", "/staff/admin/staff/<member_id>/disable"): ADMIN,
    ("POST", "/staff/admin/staff/<member_id>/unlock"): ADMIN,
    ("POST", "/staff/admin/staff/<member_id>/reset-totp"): ADMIN,
    ("GET", "/staff/admin/clients"): ADMIN,
    ("POST", "/staff/admin/clients"): ADMIN,
    ("POST", "/staff/admin/clients/<client_id>/revoke"): ADMIN,
}
STAFF_CALLERS = ("anonymous", *ROLES)
# What a staff POST sends, and the status a permitted caller gets (else GET 200, POST 200)
STAFF_BODIES = {
    ("POST", "/authoring/readability"): {"text": "We talk. You decide.", "language": "en"},
    ("POST", "/staff/account/totp"): {"code": "000000"},
}
STAFF_STATUS = {("POST", "/staff/logout"): 303, ("POST", "/staff/account/totp"): 422}
# Placeholders left in a path are not valid names or ids: permitted callers get 404
STAFF_STATUS.update({route: 404 for route in STAFF_ROUTES if "/<" in route[1]})
STAFF_STATUS[("POST", "/staff/directory/hospitals/new")] = 422  # an empty form
STAFF_STATUS[("POST", "/staff/admin/staff")] = 422  # an empty form
STAFF_STATUS[("POST", "/staff/admin/clients")] = 422  # an empty form


def test_every_route_is_in_the_matrix(app):
    seen = set()
    for rule in app.url_map.iter_rules():
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            seen.add((method, rule.rule))
    assert seen == (set(API_ROUTES) | LINK_ROUTES | PUBLIC_ROUTES | SIGN_IN_ROUTES
                    | set(STAFF_ROUTES) | OPEN_FORM_ROUTES | set(APPLICANT_ROUTES))


@pytest.fixture
def consent(app):
    return factories.consent()


def fill(path: str, consent) -> str:
    return (path.replace("<request_id>", consent.request_id)
            .replace("<consent_id>", consent.id))


@pytest.mark.parametrize("route", sorted(API_ROUTES))
@pytest.mark.parametrize("caller", sorted(SCOPED_KEYS))
def test_api_route_by_caller(client, consent, route, caller):
    method, path = route
    headers = {}
    if SCOPED_KEYS[caller]:
        headers["Authorization"] = "Bearer " + factories.api_key(*SCOPED_KEYS[caller])
    url = fill(path, consent)
    if path == "/api/v1/consents":
        url += f"?patient_ref={consent.patient_ref}&hospital={consent.hospital.code}"
    body = {"token": "x"} if "verify" in path else {"patient_ref": "P1",
                                                     "hospital": consent.hospital.code}
    body = API_BODIES.get(route, body)
    response = client.open(url, method=method, headers=headers,
                           json=body if method == "POST" else None)
    if caller == "none":
        assert response.status_code == 401
    elif caller in API_ROUTES[route]:
        assert response.status_code in ((API_STATUS[route],) if route in API_STATUS
                                        else (200, 201)), response.json
    else:
        assert response.status_code == 403
    if response.status_code >= 400:
        assert response.mimetype == "application/problem+json"


@pytest.mark.parametrize("route", sorted(LINK_ROUTES))
def test_link_routes_refuse_a_forged_link(client, route):
    method, path = route
    response = client.open(path.replace("<token>", "forged.token.value"), method=method)
    assert response.status_code == 404
    assert "This link does not work" in response.text


@pytest.mark.parametrize("route", sorted(LINK_ROUTES))
def test_signing_link_does_not_open_manage_routes_and_back(client, consent, route):
    """A token of one purpose never opens a route of the other."""
    method, path = route
    wrong = (manage_url(consent) if path.startswith("/c/") else signing_url(consent.request))
    token = path_of(wrong).split("/")[2]
    response = client.open(path.replace("<token>", token), method=method)
    assert response.status_code == 404


@pytest.mark.parametrize("route", sorted(r for r in LINK_ROUTES if r[0] == "POST"))
def test_every_form_post_needs_csrf(client, route):
    consent_request = factories.consent_request()
    pending = path_of(signing_url(consent_request)).split("/")[2]
    consent = factories.consent()
    services.withdraw(session(), consent=consent, forms=current_app.extensions["forms"])
    withdrawn = path_of(manage_url(consent)).split("/")[2]
    active = path_of(manage_url(factories.consent())).split("/")[2]
    method, path = route
    token = pending if path.startswith("/c/") else (
        withdrawn if path.endswith("reconsent") else active)
    if path.startswith("/join/sponsor/"):
        token = path_of(sponsor_url(onboarding.guest_submitted_request())).split("/")[3]
    elif path.startswith("/join/invitation/"):
        token = path_of(accept_url(invitations.invitation())).split("/")[3]
    answers = {f"q_{k}": v for k, v in factories.right_answers(consent_request).items()}
    data = {"registry": "yes", "research_contact": "yes", "care": "yes", "confirm": "y",
            "signer_role": "patient", "signer_name": "Maria Rossi", "answer": "confirm",
            "country": "IT", **answers}
    response = client.open(path.replace("<token>", token), method=method, data=data)
    assert response.status_code == 400, (route, response.status_code)


@pytest.mark.parametrize("route", sorted(STAFF_ROUTES))
@pytest.mark.parametrize("caller", STAFF_CALLERS)
def test_staff_route_by_caller(client, route, caller):
    method, path = route
    data = {}
    if caller != "anonymous":
        sign_in(client, staff_member(caller))
        data = {"csrf_token": csrf_token(client.get("/staff/").text)}
    response = client.open(path, method=method, data={**data, **STAFF_BODIES.get(route, {})})
    if caller == "anonymous":
        assert response.status_code == (302 if method == "GET" else 303)
        assert response.location.startswith("/staff/login?next=/")
    elif caller in STAFF_ROUTES[route]:
        assert response.status_code == STAFF_STATUS.get(route, 200), response.text
        assert response.headers["Cache-Control"] == "no-store"
    else:
        assert response.status_code == 403


def test_sign_in_routes_are_open_and_the_code_step_needs_a_password_first(client):
    assert client.get("/staff/login").status_code == 200
    assert client.get("/staff/login/totp").location == "/staff/login"
    assert client.post("/staff/login/totp").location == "/staff/login"


@pytest.mark.parametrize("route", sorted(r for r in set(STAFF_ROUTES) | SIGN_IN_ROUTES
                                         if r[0] == "POST"))
def test_every_staff_form_post_needs_csrf(client, route):
    role = "helpdesk" if "helpdesk" in STAFF_ROUTES.get(route, ANY_ROLE) else "admin"
    member = staff_member(role, totp=route == ("POST", "/staff/login/totp"))
    if route == ("POST", "/staff/login/totp"):
        post_login(client, member.email)  # the password is right: the code step is open
    elif route != ("POST", "/staff/login"):
        sign_in(client, member)
    method, path = route
    data = {"text": "We talk.", "language": "en", "email": member.email,
            "password": PASSWORD, "code": current_code()}
    response = client.open(path, method=method, data=data)
    assert response.status_code == 400, (route, response.status_code)


@pytest.mark.parametrize("route", sorted(OPEN_FORM_ROUTES))
def test_open_forms_are_open_but_need_csrf(client, route):
    method, path = route
    response = client.open(path, method=method, data={"email": "doctor@example.org",
                                                      "country": "IT"})
    assert response.status_code == 400


@pytest.mark.parametrize("route", sorted(APPLICANT_ROUTES))
@pytest.mark.parametrize("caller", STAFF_CALLERS)
def test_applicant_routes_need_the_applicant_session(client, route, caller):
    """Without an opened link nobody reaches a request, whatever staff role they hold."""
    if caller != "anonymous":
        sign_in(client, staff_member(caller))
    method, path = route
    assert client.open(path, method=method).status_code == 403


@pytest.mark.parametrize("route", sorted(APPLICANT_ROUTES))
def test_applicant_routes_with_the_session_of_a_verified_request(client, route):
    onboarding.open_as_applicant(client, onboarding.verified_request())
    method, path = route
    response = client.open(path, method=method)
    assert response.status_code == APPLICANT_ROUTES[route], response.text
