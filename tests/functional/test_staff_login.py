"""Staff sign-in over HTTP: messages, lockout, TOTP step, sign-out, revoked sessions."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
from flask import Blueprint

from consent_service.db import utcnow
from consent_service.review import services
from consent_service.review.auth import staff_required
from tests.conftest import csrf_token
from tests.unit.review.factories import (
    PASSWORD,
    current_code,
    post_login,
    sign_in,
    staff_member,
)

CSRF_VALUE = re.compile(r'(name="csrf_token" type="hidden" value=")[^"]+')


def without_csrf(html: str) -> str:
    return CSRF_VALUE.sub(r"\1…", html)


def test_the_sign_in_page_has_labelled_fields_and_is_never_cached(client):
    page = client.get("/staff/login")
    assert page.status_code == 200
    assert '<label for="email">Email address</label>' in page.text
    assert '<label for="password">Password</label>' in page.text
    assert 'autocomplete="current-password"' in page.text and 'type="password"' in page.text
    assert page.headers["Cache-Control"] == "no-store"


def test_a_right_password_signs_in_and_the_home_page_says_who_and_which_role(client):
    member = staff_member("coordinator")
    response = post_login(client, member.email.upper(), PASSWORD)
    assert response.status_code == 303 and response.location == "/staff/"
    home = client.get("/staff/")
    assert home.status_code == 200
    assert "Signed in as Ada Lovelace" in home.text
    assert "Network coordinator" in home.text and "ReCONNET" in home.text
    assert 'href="/authoring/readability"' in home.text
    assert home.headers["Cache-Control"] == "no-store"


def test_unknown_address_and_wrong_password_get_the_same_answer(client, caplog):
    email = "maybe.staff@example.org"
    with caplog.at_level(logging.DEBUG):
        unknown = post_login(client, email, PASSWORD)
        staff_member(email=email)
        wrong = post_login(client, email, "not the password")
    assert unknown.status_code == wrong.status_code == 422
    assert "The email address or the password is not right." in unknown.text
    assert without_csrf(unknown.text) == without_csrf(wrong.text)
    assert PASSWORD not in unknown.text and "not the password" not in wrong.text
    # Neither the address nor the password reaches a log.
    for record in caplog.records:
        assert email not in record.getMessage() and PASSWORD not in record.getMessage()


@pytest.mark.parametrize(("email", "password", "message"), [
    ("", PASSWORD, "Enter your email address."),
    ("not an address", PASSWORD, "Enter an email address like name@example.org."),
    ("ada@example.org", "", "Enter your password."),
])
def test_missing_or_malformed_input_is_explained_next_to_its_field(client, email, password,
                                                                    message):
    response = post_login(client, email, password)
    assert response.status_code == 422
    assert message in response.text
    assert 'aria-invalid="true"' in response.text and "error-summary" in response.text


def test_a_unicode_address_signs_in(client):
    member = staff_member(email="jürgen@bücher.example")
    assert post_login(client, "Jürgen@Bücher.example").location == "/staff/"
    assert member.last_login_at is not None


def test_five_wrong_passwords_lock_the_account(app, client):
    member = staff_member()
    for _ in range(4):
        assert post_login(client, member.email, "wrong password").status_code == 422
    locked = post_login(client, member.email, "wrong password")
    assert locked.status_code == 429
    assert "Too many failed attempts. Wait 15 minutes" in locked.text
    assert 0 < int(locked.headers["Retry-After"]) <= 15 * 60
    assert post_login(client, member.email, PASSWORD).status_code == 429
    member.locked_until = utcnow() - timedelta(seconds=1)  # the quarter of an hour has passed
    app.extensions["db"].session.commit()
    assert post_login(client, member.email, PASSWORD).status_code == 303


def test_with_totp_a_code_completes_the_sign_in(client):
    member = staff_member(totp=True)
    response = post_login(client, member.email, next_url="/authoring/readability")
    assert response.location == "/staff/login/totp"
    assert client.get("/staff/").status_code == 302  # the password alone is not a sign-in
    page = client.get("/staff/login/totp")
    assert page.status_code == 200 and 'autocomplete="one-time-code"' in page.text
    wrong = client.post("/staff/login/totp", data={"csrf_token": csrf_token(page.text),
                                                   "code": "000000"})
    assert wrong.status_code == 422 and "This code is not right." in wrong.text
    blank = client.post("/staff/login/totp", data={"csrf_token": csrf_token(page.text),
                                                   "code": "12ab"})
    assert blank.status_code == 422 and "Enter the 6 digits" in blank.text
    right = client.post("/staff/login/totp", data={"csrf_token": csrf_token(page.text),
                                                   "code": current_code()})
    assert right.status_code == 303 and right.location == "/authoring/readability"
    assert client.get("/staff/").status_code == 200


def test_a_used_code_does_not_sign_in_again(client):
    member = staff_member(totp=True)
    code = current_code()
    sign_in(client, member)
    client.post("/staff/logout", data={"csrf_token": csrf_token(client.get("/staff/").text)})
    post_login(client, member.email)
    page = client.get("/staff/login/totp")
    again = client.post("/staff/login/totp", data={"csrf_token": csrf_token(page.text),
                                                   "code": code})
    assert again.status_code == 422


def test_the_code_step_expires_and_needs_a_password_first(app, client):
    assert client.get("/staff/login/totp").location == "/staff/login"
    member = staff_member(totp=True)
    post_login(client, member.email)
    app.config["STAFF_LOGIN_STEP_LIFETIME"] = -1
    assert client.get("/staff/login/totp").location == "/staff/login"


def test_sign_out_ends_the_session_and_every_copy_of_its_cookie(client):
    member = staff_member()
    sign_in(client, member)
    stolen = client.get_cookie("session").value
    home = client.get("/staff/")
    out = client.post("/staff/logout", data={"csrf_token": csrf_token(home.text)})
    assert out.status_code == 303 and out.location == "/staff/login?signed_out=1"
    assert "You are signed out." in client.get(out.location).text
    assert client.get("/staff/").status_code == 302
    client.set_cookie("session", stolen)
    assert client.get("/staff/").status_code == 302


@pytest.mark.parametrize("change", ["disable", "password", "totp_reset"])
def test_disabling_or_a_new_password_ends_open_sessions(app, client, db, change):
    member = staff_member()
    sign_in(client, member)
    if change == "disable":
        services.disable_staff(db, member=member, actor="cli", now=utcnow())
    elif change == "password":
        services.change_password(db, member=member, password="a brand new passphrase",
                                 actor="cli")
    else:
        services.disable_totp(db, member=member, actor="cli")
    response = client.get("/staff/")
    assert response.status_code == 302 and response.location.startswith("/staff/login")


def test_a_session_ends_after_its_lifetime(app, client):
    sign_in(client, staff_member())
    assert client.get("/staff/").status_code == 200
    app.config["STAFF_SESSION_LIFETIME"] = -1
    assert client.get("/staff/").status_code == 302


def test_the_session_cookie_is_permanent_for_eight_hours(app, client):
    sign_in(client, staff_member())
    assert app.permanent_session_lifetime == timedelta(hours=8)
    cookie = client.get_cookie("session")
    assert cookie.expires is not None and cookie.http_only
    remaining = cookie.expires - utcnow()
    assert timedelta(hours=7, minutes=59) < remaining <= timedelta(hours=8)


@pytest.mark.parametrize(("next_url", "location"), [
    ("/authoring/readability", "/authoring/readability"),
    ("/staff/?lang=de", "/staff/?lang=de"),
    ("https://evil.example/", "/staff/"),
    ("//evil.example/", "/staff/"),
    ("/\\evil.example", "/staff/"),
    ("javascript:alert(1)", "/staff/"),
])
def test_after_sign_in_only_paths_on_this_site_are_followed(client, next_url, location):
    member = staff_member()
    assert post_login(client, member.email, next_url=next_url).location == location


def test_the_next_address_travels_from_the_protected_page_through_the_form(client):
    member = staff_member()
    redirected = client.get("/authoring/readability?lang=en")
    assert redirected.status_code == 302
    assert redirected.location == "/staff/login?next=/authoring/readability?lang%3Den"
    page = client.get(redirected.location)
    assert 'name="next" type="hidden" value="/authoring/readability?lang=en"' in page.text
    response = client.post("/staff/login", data={
        "csrf_token": csrf_token(page.text), "email": member.email, "password": PASSWORD,
        "next": "/authoring/readability?lang=en"})
    assert response.location == "/authoring/readability?lang=en"
    # Signed in, the sign-in page goes straight on.
    assert client.get("/staff/login?next=/staff/account/totp").location == "/staff/account/totp"
    assert client.get("/staff/login?next=//evil.example").location == "/staff/"


@pytest.mark.parametrize(("path", "data"), [
    ("/staff/login", {"email": "ada@example.org", "password": PASSWORD}),
    ("/staff/login/totp", {"code": "123456"}),
])
def test_sign_in_forms_without_csrf_token_answer_400(client, path, data):
    member = staff_member(email="ada@example.org", totp=True)
    post_login(client, member.email)  # opens the code step
    response = client.post(path, data=data)
    assert response.status_code == 400
    assert "For your safety this page timed out." in response.text


class TestRateLimit:
    @pytest.fixture
    def app_config(self):
        return {"RATELIMIT_ENABLED": True, "RATELIMIT_STAFF_LOGIN": "2 per minute",
                "RATELIMIT_STORAGE_URI": "memory://"}

    def test_sign_in_posts_are_limited_per_client_address(self, client):
        member = staff_member()
        assert post_login(client, member.email, "wrong password").status_code == 422
        assert post_login(client, member.email, "wrong password").status_code == 422
        refused = post_login(client, member.email, PASSWORD)
        assert refused.status_code == 429 and refused.headers["Retry-After"]
        assert member.failed_logins == 2  # the refused attempt never reached the password
        assert client.get("/staff/login").status_code == 200  # reading the page is not limited
        # The code step shares the budget: guessing codes is no way around the limit.
        assert client.post("/staff/login/totp", data={"code": "123456"}).status_code == 429


@pytest.fixture
def admin_only_app(app):
    """The app with one admin-only page, as staff management pages will be."""
    extra = Blueprint("admin_only", __name__)

    @extra.get("/staff/admin-only")
    @staff_required("admin")
    def admin_only():
        return "admins only"

    app.register_blueprint(extra)
    return app


@pytest.mark.parametrize(("role", "status"), [
    ("admin", 200), ("helpdesk", 403), ("coordinator", 403),
])
def test_a_role_restricted_page_answers_403_to_other_roles(admin_only_app, client, role,
                                                            status):
    sign_in(client, staff_member(role))
    response = client.get("/staff/admin-only")
    assert response.status_code == status
    if status == 403:
        assert "You do not have permission to do this." in response.text


def test_a_role_restricted_page_sends_anonymous_callers_to_sign_in(admin_only_app, client):
    assert client.get("/staff/admin-only").location == "/staff/login?next=/staff/admin-only"
