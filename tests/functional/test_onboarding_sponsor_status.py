"""Sponsors answering from their emailed link, and the applicant's status page in each state."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consent_service.audit import AuditEvent
from consent_service.db import utcnow
from consent_service.onboarding.links import sponsor_url
from consent_service.onboarding.models import SUBMITTED
from consent_service.tokens import ONBOARDING, token_service
from tests import onboarding_factories as of
from tests.conftest import csrf_token


def sponsor_path(request) -> str:
    path = of.link_in(of.last_email(request.sponsor_email, "access_sponsor_request"))
    assert path.startswith("/join/sponsor/")
    return path


def test_the_sponsor_sees_the_request_and_confirms_without_an_account(client, db):
    request = of.guest_submitted_request()
    path = sponsor_path(request)
    page = client.get(path)
    assert page.status_code == 200
    for shown in ("Jonas Berg", "Doctor", "Privatklinik Berg, Uppsala", "ReCONNET",
                  "Guest of a panel", "A patient of mine will be discussed in a panel."):
        assert shown in page.text
    response = client.post(path, data={"csrf_token": csrf_token(page.text), "answer": "yes"})
    assert response.status_code == 200 and "Thank you" in response.text
    assert request.sponsor_confirmed_at is not None
    assert db.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.action == "access_request.sponsor_confirmed")) == 1
    again = client.get(path)
    assert "This request already has your answer." in again.text
    assert client.post(path, data={"csrf_token": csrf_token(page.text),
                                   "answer": "no"}).status_code == 409
    assert request.sponsor_declined_at is None


def test_the_sponsor_declines(client):
    request = of.guest_submitted_request()
    path = sponsor_path(request)
    page = client.get(path)
    response = client.post(path, data={"csrf_token": csrf_token(page.text), "answer": "no"})
    assert "You did not confirm the request." in response.text
    assert request.sponsor_declined_at is not None and request.sponsor_confirmed_at is None


def test_the_sponsor_must_choose_and_keep_the_csrf_token(client):
    request = of.guest_submitted_request()
    path = sponsor_path(request)
    page = client.get(path)
    assert client.post(path, data={"csrf_token": csrf_token(page.text)}).status_code == 422
    assert client.post(path, data={"answer": "yes"}).status_code == 400
    assert request.sponsor_confirmed_at is None


def test_a_replaced_sponsor_cannot_answer_with_the_old_link(client, db):
    request = of.guest_submitted_request()
    old = sponsor_url(request).removeprefix("http://localhost")
    request.sponsor_email = "someone.else@elsewhere.example"
    db.commit()
    assert client.get(old).status_code == 404


def test_a_sponsor_link_for_a_decided_request_needs_no_answer(client):
    request = of.guest_submitted_request()
    path = sponsor_path(request)
    of.mark_rejected(request)
    page = client.get(path)
    assert page.status_code == 200 and "no longer waits for a sponsor" in page.text


def test_the_guest_status_page_says_the_sponsor_was_asked(client):
    request = of.guest_submitted_request()
    of.open_as_applicant(client, request)
    status = client.get("/join/request/status")
    assert "We asked your sponsor to confirm your request." in status.text
    assert "We asked your sponsor to confirm" in status.text


def test_the_status_of_a_rejected_request_shows_reasons_and_message(client):
    request = of.mark_rejected(of.submitted_request())
    response = of.open_as_applicant(client, request)
    assert response.location == "/join/request/status"
    status = client.get("/join/request/status")
    assert "Status: Not approved" in status.text
    assert "Your hospital is not a member of this network." in status.text
    assert "Your hospital does not belong to this network." in status.text


def test_an_approved_member_sees_the_token_and_how_to_verify_it(client):
    request = of.submitted_request()
    professional = of.mark_approved(request)
    of.open_as_applicant(client, request)
    status = client.get("/join/request/status")
    assert "Status: Approved" in status.text
    token = status.text.split('<code class="token" id="onboarding-token">')[1].split("<")[0]
    assert token_service(ONBOARDING).loads(token) == {"p": professional.id}
    assert "curl -X POST http://localhost/api/v1/onboarding-tokens/verify" in status.text
    assert "guest access lasts" not in status.text


def test_an_approved_guest_sees_when_access_ends(client):
    request = of.guest_submitted_request()
    of.mark_approved(request, expires_at=utcnow() + timedelta(days=90))
    of.open_as_applicant(client, request)
    assert "Your guest access lasts until" in client.get("/join/request/status").text


def test_an_expired_guest_is_told_and_gets_no_token(client):
    request = of.guest_submitted_request()
    of.mark_approved(request, expires_at=utcnow() - timedelta(days=1))
    of.open_as_applicant(client, request)
    status = client.get("/join/request/status")
    assert "Your guest access ended on" in status.text and "onboarding-token" not in status.text


@pytest.mark.parametrize("make", [of.verified_request, of.filled_request])
def test_an_unfinished_request_links_back_to_the_wizard(client, make):
    of.open_as_applicant(client, make())
    assert 'href="/join/continue"' in client.get("/join/request/status").text


def test_every_state_opens_from_the_emailed_link_where_it_belongs(client):
    cases = [
        (of.verified_request(), "/join/continue"),
        (of.submitted_request(), "/join/request/status"),
        (of.mark_returned(of.submitted_request()), "/join/request/edit"),
        (of.mark_rejected(of.submitted_request()), "/join/request/status"),
    ]
    for request, location in cases:
        assert of.open_as_applicant(client, request).location == location
    assert cases[1][0].status == SUBMITTED


def test_an_expired_request_link_offers_a_new_one(app, client):
    request = of.submitted_request()
    app.config["TOKEN_MAX_AGE"] = {**app.config["TOKEN_MAX_AGE"], "access-request": -1}
    page = of.open_as_applicant(client, request)
    assert page.status_code == 410 and "This link has expired" in page.text
