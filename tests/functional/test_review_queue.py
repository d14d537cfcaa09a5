"""The reviewers' queue and request pages: order, scoping, what a reviewer sees."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from consent_service.db import utcnow
from consent_service.onboarding import models
from tests.unit.review.factories import sign_in, staff_member
from tests.unit.review.request_factories import access_request


def names_in_order(html: str) -> list[str]:
    return re.findall(r'<h2><a href="/staff/requests/[^"]+">([^<]+)</a></h2>', html)


def test_queue_shows_waiting_requests_longest_wait_first_with_days(client):
    now = utcnow()
    newer = access_request(waiting_since=now - timedelta(hours=5))
    older = access_request(waiting_since=now - timedelta(days=4, hours=1),
                           status=models.RESUBMITTED)
    access_request(status=models.RETURNED)
    access_request(status=models.APPROVED)
    sign_in(client, staff_member("helpdesk"))
    page = client.get("/staff/requests")
    assert page.status_code == 200
    assert names_in_order(page.text) == [older.name, newer.name]
    assert "Waiting 4 days" in page.text and "Waiting less than a day" in page.text
    assert "Sent again, waiting for a decision" in page.text
    assert "No sponsor needed" in page.text and "Member of a panel" in page.text
    assert page.headers["Cache-Control"] == "no-store"


def test_queue_flags_open_prechecks_and_the_sponsor_state(client):
    access_request(email="doctor@gmail.example", hospital_domain="aopd.example")
    access_request(role=models.GUEST)
    sign_in(client, staff_member("admin"))
    page = client.get("/staff/requests").text
    assert "Email address not at the hospital's domain" in page
    assert "Sponsor needed, none named" in page
    assert "Sponsor is not a known member" in page and "Waiting for the sponsor" in page


def test_coordinator_sees_only_their_networks_requests(client):
    own = access_request(network_code="ReCONNET")
    other = access_request(network_code="ERKNet")
    sign_in(client, staff_member("coordinator", network_code="ReCONNET"))
    page = client.get("/staff/requests")
    assert names_in_order(page.text) == [own.name]
    assert "Requests for ReCONNET" in page.text
    assert other.name not in page.text


def test_empty_queue_says_so(client):
    sign_in(client, staff_member("coordinator"))
    assert "No request is waiting." in client.get("/staff/requests").text


def test_request_page_shows_every_answer_findings_timeline_and_the_form(client):
    request = access_request(language="de", profession="researcher")
    sign_in(client, staff_member("coordinator"))
    page = client.get(f"/staff/requests/{request.id}")
    assert page.status_code == 200
    for answer in (request.name, request.email, request.registration_number,
                   request.hospital.name, "ReCONNET", "Member of a panel",
                   "Researcher (no patient care)", "rare kidney diseases"):
        assert answer in page.text
    assert "No patient care: confidentiality statement" in page.text  # a pre-check finding
    assert "No sponsor needed" in page.text
    assert "Their language is German." in page.text
    assert 'type="radio" value="return"' in page.text
    assert 'value="registration_number"' in page.text and "<textarea" in page.text


def test_home_links_to_the_queue_and_people_with_access(client):
    sign_in(client, staff_member("helpdesk"))
    page = client.get("/staff/").text
    assert 'href="/staff/requests"' in page and 'href="/staff/professionals"' in page


def test_coordinator_cannot_open_another_networks_request(client):
    request = access_request(network_code="ERKNet")
    sign_in(client, staff_member("coordinator", network_code="ReCONNET"))
    page = client.get(f"/staff/requests/{request.id}")
    assert page.status_code == 403
    assert "another network" in page.text and request.name not in page.text


@pytest.mark.parametrize("request_id", ["00000000-0000-4000-8000-000000000000", "nope",
                                        "x" * 300])
def test_unknown_request_is_404(client, request_id):
    sign_in(client, staff_member("admin"))
    assert client.get(f"/staff/requests/{request_id}").status_code == 404


def test_anonymous_callers_are_sent_to_sign_in(client):
    request = access_request()
    response = client.get(f"/staff/requests/{request.id}")
    assert response.status_code == 302 and "/staff/login?next=" in response.location
