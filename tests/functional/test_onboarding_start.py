"""An applicant's first steps over HTTP: email and country, the link, resends, bad links."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consent_service.db import utcnow
from consent_service.onboarding import services
from consent_service.onboarding.links import verify_url
from consent_service.onboarding.models import DRAFT, EMAIL_VERIFIED, AccessRequest
from consent_service.outbox.models import OutboxMessage
from tests import onboarding_factories as of
from tests.conftest import csrf_token


def post_start(client, email="anna@ospedale.example", country="IT", **extra):
    page = client.get("/join")
    return client.post("/join", data={"csrf_token": csrf_token(page.text), "email": email,
                                      "country": country, **extra})


def count(db, model):
    return db.scalar(select(func.count()).select_from(model))


def test_the_home_page_leads_professionals_to_the_request(client):
    page = client.get("/")
    assert "Request access as a healthcare professional" in page.text
    assert 'href="/join"' in page.text


def test_the_start_page_asks_for_address_and_country_with_translated_names(client):
    page = client.get("/join?lang=de")
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert '<option value="DE">Deutschland</option>' in page.text
    assert 'autocomplete="email"' in page.text and 'name="csrf_token"' in page.text


def test_start_emails_a_link_and_says_so(client, db):
    response = post_start(client, email="Anna@Ospedale.Example")
    assert response.status_code == 200
    assert "Check your email" in response.text
    assert "We sent a link to anna@ospedale.example." in response.text
    request = db.scalars(select(AccessRequest)).one()
    assert request.status == DRAFT and request.country == "IT"
    assert "/join/verify/" in of.last_email("anna@ospedale.example", "access_verify").body_text


def test_a_known_address_gets_the_same_answer_and_no_duplicate(client, db):
    of.draft_request(email="anna@ospedale.example", now=utcnow() - timedelta(minutes=5))
    response = post_start(client, email="anna@ospedale.example")
    assert response.status_code == 200
    assert "We sent a link to anna@ospedale.example." in response.text
    assert count(db, AccessRequest) == 1
    assert count(db, OutboxMessage) == 2  # a fresh link for the same request


@pytest.mark.parametrize("country", ["US", "CH", "GB", "UA"])
def test_outside_the_eu_eea_says_so_before_anything_else(client, db, country):
    response = post_start(client, email="", country=country)  # even before the address
    assert response.status_code == 200
    assert "You cannot request access" in response.text
    assert "European Union or the European Economic Area" in response.text
    assert "We did not store anything about you." in response.text
    assert count(db, AccessRequest) == 0 and count(db, OutboxMessage) == 0


@pytest.mark.parametrize(("email", "country", "message"), [
    ("", "IT", "Enter your email address."),
    ("not-an-address", "IT", "Enter an email address like name@hospital.example."),
    ("anna@ospedale.example", "", "Choose the country."),
    ("anna@ospedale.example", "ZZ", "Choose the country."),
])
def test_bad_start_answers_are_explained_and_kept(client, db, email, country, message):
    response = post_start(client, email=email, country=country)
    assert response.status_code == 422
    assert message in response.text and 'class="error-summary"' in response.text
    if email:
        assert f'value="{email}"' in response.text
    assert count(db, AccessRequest) == 0


def test_start_without_csrf_answers_400_and_keeps_the_answers(client, db):
    response = client.post("/join", data={"email": "anna@ospedale.example", "country": "IT"})
    assert response.status_code == 400
    assert "Your answers are kept below" in response.text
    assert 'value="anna@ospedale.example"' in response.text
    assert '<option value="IT" selected>' in response.text
    assert count(db, AccessRequest) == 0


def test_a_unicode_domain_address_can_start(client, db):
    response = post_start(client, email="Dr.Müller@Klinikum-München.example", country="DE")
    assert response.status_code == 200
    request = db.scalars(select(AccessRequest)).one()
    assert request.email == "dr.müller@klinikum-münchen.example"
    assert of.last_email(request.email, "access_verify") is not None


def test_the_verify_link_confirms_and_opens_the_wizard(client, db):
    post_start(client)
    link = of.link_in(of.last_email("anna@ospedale.example", "access_verify"))
    response = client.get(link)
    assert response.status_code == 303 and response.location == "/join/continue"
    assert client.get("/join/continue").location == "/join/step/about"
    request = db.scalars(select(AccessRequest)).one()
    assert request.status == EMAIL_VERIFIED
    assert [e.kind for e in request.events] == ["started", "link_sent", "email_verified"]
    # Opened again later: nothing changes, the wizard opens again.
    assert client.get(link).status_code == 303
    assert [e.kind for e in request.events].count("email_verified") == 1


def test_pages_without_the_link_say_how_to_get_back(client):
    for path in ("/join/continue", "/join/step/about", "/join/request/status",
                 "/join/request/edit"):
        page = client.get(path)
        assert page.status_code == 403
        assert "open the link in the email we sent you, or ask for a new one" in page.text
    assert client.post("/join/step/about", data={}).status_code == 403


def test_starting_does_not_open_the_request_in_this_browser(client):
    # Anyone can type any address: only the emailed link proves it is theirs.
    post_start(client)
    assert client.get("/join/step/about").status_code == 403


def test_an_expired_link_offers_a_new_one(app, client):
    request = of.draft_request(email="anna@ospedale.example")
    link = verify_url(request).removeprefix("http://localhost")
    app.config["TOKEN_MAX_AGE"] = {**app.config["TOKEN_MAX_AGE"], "email-verify": -1}
    page = client.get(link)
    assert page.status_code == 410
    assert "This link has expired" in page.text and "Send me a new link" in page.text
    assert 'action="/join/resend"' in page.text and 'name="csrf_token"' in page.text


@pytest.mark.parametrize("path", ["/join/verify/garbage", "/join/verify/a.b.c",
                                  "/join/r/garbage", "/join/sponsor/garbage",
                                  "/join/verify/" + "x" * 3000])
def test_broken_links_explain_themselves(client, path):
    page = client.get(path)
    assert page.status_code == 404 and "This link does not work" in page.text


def test_a_link_sent_to_an_address_that_was_changed_is_void(client, db):
    request = of.draft_request(email="old@ospedale.example")
    link = verify_url(request).removeprefix("http://localhost")
    request.email = "new@ospedale.example"
    db.commit()
    page = client.get(link)
    assert page.status_code == 404 and "This link does not work" in page.text
    assert request.status == DRAFT


def test_resend_from_the_check_email_page(client):
    request = of.draft_request(email="anna@ospedale.example",
                               now=utcnow() - timedelta(minutes=2))
    page = post_start(client, email="anna@ospedale.example")  # a fresh link now
    assert page.status_code == 200
    response = client.post("/join/resend", data={"csrf_token": csrf_token(page.text),
                                                 "email": "anna@ospedale.example"})
    assert response.status_code == 429  # the link of a moment ago is the newest allowed
    assert re.search(r"Please wait \d+ seconds?, then ask again\.", response.text)
    assert 1 <= int(response.headers["Retry-After"]) <= 60
    assert [e.kind for e in request.events].count("link_sent") == 2


def test_resend_after_the_hourly_limit_names_the_wait_in_minutes(client, db):
    now = utcnow()
    request = of.draft_request(email="anna@ospedale.example", now=now - timedelta(minutes=50))
    for minutes in (40, 30, 20, 10):
        services.send_link(db, request, now=now - timedelta(minutes=minutes))
    page = client.get("/join")
    response = client.post("/join/resend", data={"csrf_token": csrf_token(page.text),
                                                 "email": "anna@ospedale.example"})
    assert response.status_code == 429
    assert re.search(r"Please wait \d+ minutes?, then ask again\.", response.text)
    assert 60 < int(response.headers["Retry-After"]) <= 600


def test_resend_for_an_unknown_address_answers_the_same_and_sends_nothing(client, db):
    page = client.get("/join")
    response = client.post("/join/resend", data={"csrf_token": csrf_token(page.text),
                                                 "email": "nobody@ospedale.example"})
    assert response.status_code == 200
    assert "If we know this address, we sent it a new link." in response.text
    assert count(db, OutboxMessage) == 0


def test_resend_for_the_request_of_this_browser(client):
    request = of.verified_request(email="anna@ospedale.example",
                                  now=utcnow() - timedelta(minutes=5))
    of.open_as_applicant(client, request)
    page = client.get("/join/step/about")
    response = client.post("/join/resend", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 200
    assert "/join/r/" in of.last_email(request.email, "access_verify").body_text


def test_resend_without_csrf_answers_400(client, db):
    response = client.post("/join/resend", data={"email": "anna@ospedale.example"})
    assert response.status_code == 400 and count(db, OutboxMessage) == 0


class TestRateLimit:
    @pytest.fixture
    def app_config(self):
        return {"RATELIMIT_ENABLED": True, "RATELIMIT_JOIN": "2 per minute",
                "RATELIMIT_STORAGE_URI": "memory://"}

    def test_starts_and_resends_are_limited_per_client_address(self, client):
        assert post_start(client, email="a@ospedale.example").status_code == 200
        assert post_start(client, email="b@ospedale.example").status_code == 200
        refused = client.post("/join/resend", data={"email": "c@ospedale.example"})
        assert refused.status_code == 429 and refused.headers["Retry-After"]
        assert client.get("/join").status_code == 200  # reading is not limited


def test_resend_without_an_address_or_a_request_asks_for_the_address(client, db):
    page = client.get("/join")
    response = client.post("/join/resend", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 422 and "Enter your email address." in response.text
    assert count(db, OutboxMessage) == 0
