"""Staff accounts for tests, created through the services, and signing them in over HTTP."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pyotp

from consent_service.db import session, utcnow
from consent_service.review import services
from consent_service.review.models import StaffMember
from tests.conftest import csrf_token

PASSWORD = "plain staff passphrase"
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
NETWORK = "ReCONNET"
_counter = itertools.count(1)


def staff_member(role: str = "helpdesk", *, email: str | None = None,
                 network_code: str | None = None, password: str = PASSWORD,
                 totp: bool = False) -> StaffMember:
    """Create an account; coordinators get a network, `totp` turns on the second factor."""
    if role == "coordinator" and network_code is None:
        network_code = NETWORK
    member = services.create_staff(
        session(), email=email or f"staff{next(_counter)}@example.org", name="Ada Lovelace",
        password=password, role=role, network_code=network_code, actor="test")
    if totp:
        # Set up ten minutes ago, so that every code of the present is newer than the one used.
        earlier = utcnow() - timedelta(minutes=10)
        services.enable_totp(session(), member=member, secret=TOTP_SECRET,
                             code=pyotp.TOTP(TOTP_SECRET).at(earlier), now=earlier)
    return member


def current_code() -> str:
    """Return the code an authenticator app shows now for TOTP_SECRET."""
    return pyotp.TOTP(TOTP_SECRET).now()


def post_login(client, email: str, password: str = PASSWORD, next_url: str = "", **kwargs):
    """Send the sign-in form as a browser does (CSRF token from the page)."""
    page = client.get("/staff/login")
    return client.post("/staff/login", data={"csrf_token": csrf_token(page.text),
                                             "email": email, "password": password,
                                             "next": next_url}, **kwargs)


def sign_in(client, member: StaffMember, password: str = PASSWORD):
    """Sign member in (with the TOTP step when it is on); return the last response."""
    response = post_login(client, member.email, password)
    assert response.status_code == 303, response.text
    if response.location.endswith("/staff/login/totp"):
        page = client.get("/staff/login/totp")
        response = client.post("/staff/login/totp", data={"csrf_token": csrf_token(page.text),
                                                          "code": current_code()})
        assert response.status_code == 303, response.text
    return response
