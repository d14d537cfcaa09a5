"""A returned request over HTTP: every answer kept, flagged ones marked, resubmitted in one go."""

from __future__ import annotations

import re

import pytest

from consent_service.onboarding.models import REJECTED, RESUBMITTED, RETURNED, SUBMITTED
from tests import factories
from tests import onboarding_factories as of
from tests.conftest import csrf_token

MESSAGE = "Please give the number exactly as on the Ordine dei Medici register."


def returned(client, **kwargs):
    request = of.mark_returned(of.submitted_request(**kwargs),
                               fields=["registration_number", "reason"],
                               reason_codes=["registration_number", "reason_unclear"],
                               message=MESSAGE)
    response = of.open_as_applicant(client, request)
    assert response.location == "/join/request/edit"
    return request


def edit_data(html: str, request, **changes) -> dict:
    data = {"csrf_token": csrf_token(html), "name": request.name,
            "profession": request.profession,
            "registration_number": request.registration_number,
            "hospital": request.hospital_id or "other", "hospital_other": request.hospital_other,
            "network": request.network_id, "role": request.role, "reason": request.reason,
            "sponsor_email": request.sponsor_email or "", "sponsor_name": request.sponsor_name}
    data.update(changes)
    return data


def test_the_edit_page_keeps_every_answer_and_marks_the_flagged_ones(client):
    request = returned(client)
    page = client.get("/join/request/edit")
    assert page.status_code == 200
    assert MESSAGE in page.text
    assert "The professional registration number is missing or wrong." in page.text
    assert "We need a clearer reason why you need access." in page.text
    for answer in ('value="Anna Bianchi"', 'value="PD-12345"',
                   "I treat children with connective tissue diseases.",
                   f'checked id="hospital-0" name="hospital" required type="radio" '
                   f'value="{request.hospital_id}"', f'selected value="{request.network_id}"'):
        assert answer in page.text
    # Flagged answers: visible words and a style, not colour alone.
    assert page.text.count("<p class=\"flag\">Please check this</p>") == 2
    assert re.search(r'class="answer flagged" id="answer-registration_number">\s*'
                     r'<p class="flag">Please check this</p>', page.text)
    assert 'class="answer" id="answer-name"' in page.text


def test_resubmit_saves_and_sends_in_one_go(client, db):
    request = returned(client)
    page = client.get("/join/request/edit")
    response = client.post("/join/request/edit", data=edit_data(
        page.text, request, registration_number="PD-54321", reason="A clearer reason."))
    assert response.status_code == 303 and response.location == "/join/request/status"
    assert request.status == RESUBMITTED and request.submissions == 2
    assert request.registration_number == "PD-54321" and request.flagged_fields == []
    status = client.get("/join/request/status")
    assert "Sent again, waiting for a reviewer" in status.text
    assert "A reviewer returned your request for changes" in status.text
    assert MESSAGE in status.text and "You sent your request again" in status.text


def test_resubmit_with_a_failing_check_keeps_every_answer_on_the_page(client):
    request = returned(client)
    page = client.get("/join/request/edit")
    other = factories.hospital(name="Ospedale Fuori Rete")  # in no network
    response = client.post("/join/request/edit", data=edit_data(
        page.text, request, hospital=other.id, reason="Changed reason."))
    assert response.status_code == 422
    assert "Your request cannot be sent yet" in response.text
    assert "Your hospital is not a member of ReCONNET" in response.text
    assert "Changed reason." in response.text and 'value="Anna Bianchi"' in response.text
    assert request.status == RETURNED


def test_resubmit_with_a_bad_answer_explains_it_and_keeps_the_rest(client):
    request = returned(client)
    page = client.get("/join/request/edit")
    response = client.post("/join/request/edit", data=edit_data(
        page.text, request, registration_number="", reason="Kept reason."))
    assert response.status_code == 422
    assert "Enter your registration number." in response.text
    assert "Kept reason." in response.text and request.status == RETURNED


def test_resubmit_without_csrf_answers_400_and_keeps_the_answers(client):
    request = returned(client)
    page = client.get("/join/request/edit")
    data = edit_data(page.text, request, reason="Kept reason.")
    del data["csrf_token"]
    response = client.post("/join/request/edit", data=data)
    assert response.status_code == 400
    assert "Your answers are kept below" in response.text and "Kept reason." in response.text
    assert request.status == RETURNED


def test_a_guest_changes_sponsor_on_the_edit_page_and_the_new_one_is_asked(client):
    request = of.guest_submitted_request()
    of.mark_returned(request, fields=["sponsor"], reason_codes=["sponsor_missing"])
    of.open_as_applicant(client, request)
    page = client.get("/join/request/edit")
    assert 'class="answer flagged" id="answer-sponsor"' in page.text
    sponsor = of.address_at(of.member_hospital(), "new.sponsor")
    response = client.post("/join/request/edit", data=edit_data(
        page.text, request, sponsor_email=sponsor, sponsor_name="New Sponsor"))
    assert response.status_code == 303
    assert "/join/sponsor/" in of.last_email(sponsor, "access_sponsor_request").body_text


def test_resubmitting_a_rejected_request_is_refused(client):
    request = returned(client)
    page = client.get("/join/request/edit")
    of.mark_rejected(request)
    response = client.post("/join/request/edit", data=edit_data(page.text, request))
    assert response.status_code == 409
    assert "Your request has been decided" in response.text
    assert request.status == REJECTED and request.submissions == 1
    assert client.post("/join/request/submit",
                       data={"csrf_token": csrf_token(page.text)}).status_code == 409


def test_a_double_resubmit_sends_once(client):
    request = returned(client)
    page = client.get("/join/request/edit")
    data = edit_data(page.text, request)
    assert client.post("/join/request/edit", data=data).status_code == 303
    again = client.post("/join/request/edit", data=data)
    assert again.status_code == 409 and "already with the reviewers" in again.text
    assert request.submissions == 2


@pytest.mark.parametrize("status", [SUBMITTED, REJECTED])
def test_the_edit_page_is_only_for_returned_requests(client, status):
    request = of.submitted_request()
    if status == REJECTED:
        of.mark_rejected(request)
    of.open_as_applicant(client, request)
    assert client.get("/join/request/edit").location == "/join/request/status"


def test_the_wizard_steps_also_edit_a_returned_request_and_come_back(client):
    request = returned(client)
    page = client.get("/join/request/edit")
    assert 'href="/join/step/workplace?then=edit"' in page.text
    step = client.get("/join/step/why?then=edit")
    response = client.post("/join/step/why?then=edit", data={
        "csrf_token": csrf_token(step.text), "reason": "Edited in the step."})
    assert response.location == "/join/request/edit"
    assert request.reason == "Edited in the step." and request.status == RETURNED
