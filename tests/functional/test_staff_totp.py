"""Setting up two-step sign-in (TOTP) on the staff account page."""

from __future__ import annotations

import re

import pyotp

from tests.conftest import csrf_token
from tests.unit.review.factories import TOTP_SECRET, sign_in, staff_member

KEY = re.compile(r'class="receipt-id">([A-Z2-7 ]+)<')


def test_totp_set_up_shows_a_key_and_turns_on_with_a_code(client, db):
    member = staff_member()
    sign_in(client, member)
    page = client.get("/staff/account/totp")
    assert page.status_code == 200 and "<svg" in page.text
    key = KEY.search(page.text).group(1)
    assert len(key.replace(" ", "")) == 32
    assert key in client.get("/staff/account/totp").text  # the same key on reload
    secret = key.replace(" ", "")
    assert secret not in client.get_cookie("session").value
    wrong = client.post("/staff/account/totp", data={"csrf_token": csrf_token(page.text),
                                                     "code": "000000"})
    assert wrong.status_code == 422 and "This code is not right." in wrong.text
    assert key in wrong.text
    missing = client.post("/staff/account/totp", data={"code": pyotp.TOTP(secret).now()})
    assert missing.status_code == 400
    done = client.post("/staff/account/totp", data={"csrf_token": csrf_token(page.text),
                                                    "code": pyotp.TOTP(secret).now()})
    assert done.status_code == 303 and done.location == "/staff/?totp=on"
    home = client.get(done.location)  # this browser stays signed in
    assert home.status_code == 200 and "Two-step sign-in is on." in home.text
    assert member.totp_secret == secret and member.session_version == 2
    again = client.get("/staff/account/totp")
    assert "already on" in again.text and secret not in again.text and "<svg" not in again.text
    assert client.post("/staff/account/totp", data={
        "csrf_token": csrf_token(home.text), "code": "123456"}).status_code == 303


def test_the_key_differs_per_browser_until_set_up_ends(app, client):
    member = staff_member()
    sign_in(client, member)
    first = client.get("/staff/account/totp").text
    other = app.test_client()
    sign_in(other, member)
    second = other.get("/staff/account/totp").text
    assert KEY.search(first).group(1) != KEY.search(second).group(1)
    assert TOTP_SECRET not in first
