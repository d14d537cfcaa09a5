"""The wizard over HTTP: one topic per step, drafts resumed, pre-checks with their way out."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from consent_service.db import utcnow
from consent_service.directory.models import Hospital
from consent_service.onboarding.models import EMAIL_VERIFIED, SUBMITTED, AccessRequest
from tests import factories
from tests import onboarding_factories as of
from tests.conftest import csrf_token


def post_step(client, step, query="", **data):
    page = client.get(f"/join/step/{step}{query}")
    assert page.status_code == 200, page.text
    return client.post(f"/join/step/{step}{query}",
                       data={"csrf_token": csrf_token(page.text), **data})


def opened(client, request):
    response = of.open_as_applicant(client, request)
    assert response.status_code == 303
    return request


def network_id(code="ReCONNET"):
    return factories.network(code).id


def test_the_whole_wizard_from_the_emailed_link_to_the_status_page(client, db):
    hospital = of.member_hospital(name="Azienda Ospedale Università Padova")
    email = of.address_at(hospital, "anna")
    start = client.get("/join")
    client.post("/join", data={"csrf_token": csrf_token(start.text), "email": email,
                               "country": "IT"})
    client.get(of.link_in(of.last_email(email, "access_verify")))

    about = client.get("/join/step/about")
    assert "Step 1 of 6" in about.text and "About you" in about.text
    response = post_step(client, "about", name="Anna Bianchi", profession="physician",
                         registration_number="PD-12345")
    assert response.status_code == 303 and response.location == "/join/step/workplace"

    search = client.get("/join/step/workplace?q=padova")
    assert "Step 2 of 6" in search.text and 'href="/join/step/about"' in search.text
    assert "1 hospital found for “padova”." in search.text
    assert f'value="{hospital.id}"' in search.text and "My hospital is not listed" in search.text
    response = post_step(client, "workplace", "?q=padova", hospital=hospital.id)
    assert response.location == "/join/step/network"

    response = post_step(client, "network", network=network_id(), role="member")
    assert response.location == "/join/step/why"
    response = post_step(client, "why", reason="I treat children with lupus.")
    assert response.location == "/join/step/checks"

    checks = client.get("/join/step/checks")
    assert "We found nothing that would stop your request." in checks.text
    summary = client.get("/join/step/summary")
    for answer in ("Anna Bianchi", "Doctor", "PD-12345", "Azienda Ospedale Università Padova",
                   "ReCONNET", "Member of a panel", "I treat children with lupus.", email):
        assert answer in summary.text
    assert summary.text.count(">Change<") >= 7
    response = client.post("/join/request/submit",
                           data={"csrf_token": csrf_token(summary.text)})
    assert response.status_code == 303 and response.location == "/join/request/status"

    status = client.get("/join/request/status")
    assert "Status: Waiting for a reviewer" in status.text
    for line in ("You started your request", "You confirmed your email address",
                 "You sent your request"):
        assert line in status.text
    request = db.scalars(select(AccessRequest)).one()
    assert request.status == SUBMITTED and request.submissions == 1
    assert "/join/r/" in of.last_email(email, "access_submitted").body_text


def test_a_draft_is_resumed_from_the_emailed_link_in_another_browser(app, client, db):
    request = opened(client, of.verified_request(email="anna@ospedale.example",
                                                 now=utcnow() - timedelta(minutes=5)))
    post_step(client, "about", name="Anna Bianchi", profession="nurse",
              registration_number="N-1")
    # Later, elsewhere: ask for a link by address, open it from the email.
    other = app.test_client()
    page = other.get("/join")
    other.post("/join/resend", data={"csrf_token": csrf_token(page.text),
                                     "email": "anna@ospedale.example"})
    link = of.link_in(of.last_email(request.email, "access_verify"))
    assert link.startswith("/join/r/")
    assert other.get(link).location == "/join/continue"
    assert other.get("/join/continue").location == "/join/step/workplace"
    about = other.get("/join/step/about")
    assert 'value="Anna Bianchi"' in about.text and 'checked id="profession-1"' in about.text


@pytest.mark.parametrize(("data", "message"), [
    ({"profession": "physician", "registration_number": "X1"}, "Type the full name."),
    ({"name": "Anna Bianchi", "registration_number": "X1"}, "Choose your profession."),
    ({"name": "Anna Bianchi", "profession": "physician"}, "Enter your registration number."),
    ({"name": "Anna Bianchi", "profession": "wizard"}, "Choose one of the options shown."),
])
def test_step_one_explains_what_is_missing_and_keeps_the_rest(client, data, message):
    opened(client, of.verified_request())
    response = post_step(client, "about", **data)
    assert response.status_code == 422
    assert message in response.text and 'class="error-summary"' in response.text
    if "name" in data:
        assert 'value="Anna Bianchi"' in response.text


def test_staff_who_do_not_treat_patients_need_no_registration_number(client):
    request = opened(client, of.verified_request())
    response = post_step(client, "about", name="Ana Horvat", profession="researcher")
    assert response.status_code == 303 and request.profession == "researcher"


def test_a_step_without_csrf_answers_400_and_keeps_the_answers(client):
    request = opened(client, of.verified_request())
    response = client.post("/join/step/about", data={
        "name": "Zoë Παπαδοπούλου", "profession": "physician", "registration_number": "X1"})
    assert response.status_code == 400
    assert "Your answers are kept below" in response.text
    assert 'value="Zoë Παπαδοπούλου"' in response.text and request.name == ""


def test_hospital_search_works_without_script_and_says_when_nothing_matches(client):
    opened(client, of.verified_request())
    of.member_hospital(name="Hôpital Necker")
    found = client.get("/join/step/workplace?q=necker")
    assert 'type="radio"' in found.text and "Hôpital Necker (Padova, IT)" in found.text
    nothing = client.get("/join/step/workplace?q=zzzz")
    assert "No hospital found for “zzzz”." in nothing.text
    response = post_step(client, "workplace", hospital="other")
    assert response.status_code == 422
    assert "Enter the name and city of your hospital." in response.text
    response = post_step(client, "workplace", hospital="no-such-hospital")
    assert response.status_code == 422 and "Check this answer." in response.text


def test_a_hospital_that_is_not_listed_is_typed(client):
    request = opened(client, of.verified_request())
    response = post_step(client, "workplace", hospital="other",
                         hospital_other="Privatklinik Berg, Uppsala")
    assert response.status_code == 303
    assert request.hospital_id is None and request.hospital_other == "Privatklinik Berg, Uppsala"


def test_the_reason_is_limited_to_2000_characters(client):
    opened(client, of.verified_request())
    response = post_step(client, "why", reason="x" * 2001)
    assert response.status_code == 422 and "Use at most 2000 characters." in response.text


def test_continue_goes_to_the_first_unfinished_step(client):
    request = opened(client, of.filled_request())
    assert client.get("/join/continue").location == "/join/step/summary"
    request.reason = ""
    assert client.get("/join/continue").location == "/join/step/why"


# --- pre-checks, each with its way forward -----------------------------------------------------


def test_missing_answers_link_to_their_steps(client):
    opened(client, of.verified_request())
    checks = client.get("/join/step/checks")
    assert "Some answers are missing" in checks.text
    assert 'href="/join/step/about?then=checks">Full name' in checks.text
    assert 'href="/join/step/why?then=checks">Why you need access' in checks.text
    summary = client.get("/join/step/summary")
    assert "Your request cannot be sent yet" in summary.text
    assert "Send my request" not in summary.text


@pytest.mark.parametrize("in_directory", [False, True])
def test_a_hospital_outside_the_network_leads_to_the_guest_path(client, db, in_directory):
    if in_directory:
        hospital = factories.hospital(name="Ospedale Fuori Rete")  # in no network
        request = opened(client, of.filled_request(hospital_id=hospital.id))
        title = "Your hospital is not a member of ReCONNET"
    else:
        request = opened(client, of.filled_request(hospital_id=None,
                                                   hospital_other="Klinik Berg, Uppsala"))
        title = "Your hospital is not in our directory"
    checks = client.get("/join/step/checks")
    assert title in checks.text and "ask for guest access instead" in checks.text
    assert 'name="become_guest"' in checks.text and 'name="sponsor_email"' in checks.text
    sponsor = of.address_at(of.member_hospital(), "maria")
    response = client.post("/join/step/checks", data={
        "csrf_token": csrf_token(checks.text), "become_guest": "y",
        "sponsor_email": sponsor, "sponsor_name": "Maria Rossi"})
    assert response.status_code == 303 and response.location == "/join/step/summary"
    assert request.role == "guest" and request.sponsor_email == sponsor
    assert "Everything is sorted out" in client.get("/join/step/checks").text


def test_an_address_outside_the_hospital_explains_and_offers_both_ways(client):
    hospital = of.member_hospital(name="Ospedale Sant'Orsola")
    request = opened(client, of.filled_request(email="anna.bianchi@gmail.example",
                                               hospital_id=hospital.id))
    checks = client.get("/join/step/checks")
    assert "Your email address is not one of your hospital" in checks.text
    assert "anna.bianchi@gmail.example" in checks.text
    assert 'href="/join">Start again with my work address' in checks.text
    assert 'name="sponsor_email"' in checks.text
    sponsor = of.address_at(hospital, "chief")
    client.post("/join/step/checks", data={"csrf_token": csrf_token(checks.text),
                                           "sponsor_email": sponsor, "sponsor_name": "Dr Chief"})
    assert request.sponsor_email == sponsor
    assert "Everything is sorted out" in client.get("/join/step/checks").text


def test_non_clinical_staff_accept_the_confidentiality_statement(client):
    request = opened(client, of.filled_request(profession="coordinator",
                                               registration_number=""))
    checks = client.get("/join/step/checks")
    assert "Accept the confidentiality statement" in checks.text
    assert "I will keep everything I see about patients confidential." in checks.text
    client.post("/join/step/checks", data={"csrf_token": csrf_token(checks.text),
                                           "confidentiality": "y"})
    assert request.confidentiality_accepted_at is not None
    assert client.get("/join/continue").location == "/join/step/summary"


def test_a_sponsor_who_is_not_a_member_or_is_the_applicant_is_named(client):
    request = opened(client, of.guest_request(sponsor_email="friend@elsewhere.example"))
    checks = client.get("/join/step/checks")
    assert "Your sponsor is not a member of this network" in checks.text
    assert "We cannot find friend@elsewhere.example" in checks.text
    client.post("/join/step/checks", data={"csrf_token": csrf_token(checks.text),
                                           "become_guest": "y", "sponsor_email": request.email})
    assert "You cannot be your own sponsor" in client.get("/join/step/checks").text
    response = client.post("/join/request/submit", data={"csrf_token": csrf_token(checks.text)})
    assert response.status_code == 303 and response.location == "/join/step/checks"
    assert request.status == EMAIL_VERIFIED


def test_a_hospital_outside_the_eu_is_not_eligible(client, db):
    hospital = factories.hospital(name="Clinic Zürich", country="CH")
    opened(client, of.filled_request(hospital_id=hospital.id))
    checks = client.get("/join/step/checks")
    assert "Your hospital is outside the EU and EEA" in checks.text
    assert 'href="/join/step/workplace?then=checks">Change your hospital' in checks.text


def test_bad_sponsor_address_is_explained(client):
    opened(client, of.guest_request())
    checks = client.get("/join/step/checks")
    response = client.post("/join/step/checks", data={
        "csrf_token": csrf_token(checks.text), "become_guest": "y",
        "sponsor_email": "not an address", "sponsor_name": "Maria"})
    assert response.status_code == 422
    assert "Enter an email address like name@hospital.example." in response.text
    assert 'value="Maria"' in response.text


# --- summary, submission ---------------------------------------------------------------------


def test_a_change_link_comes_back_to_the_summary(client):
    request = opened(client, of.filled_request())
    summary = client.get("/join/step/summary")
    assert 'href="/join/step/why?then=summary"' in summary.text
    page = client.get("/join/step/why?then=summary")
    assert 'href="/join/step/summary">Back' in page.text
    response = client.post("/join/step/why?then=summary", data={
        "csrf_token": csrf_token(page.text), "reason": "A clearer reason."})
    assert response.location == "/join/step/summary" and request.reason == "A clearer reason."


def test_a_double_submit_sends_the_request_once(client, db):
    request = opened(client, of.filled_request())
    summary = client.get("/join/step/summary")
    data = {"csrf_token": csrf_token(summary.text)}
    first = client.post("/join/request/submit", data=data)
    second = client.post("/join/request/submit", data=data)
    assert first.status_code == second.status_code == 303
    assert second.location == "/join/request/status"
    assert request.submissions == 1
    assert [e.kind for e in request.events].count("submitted") == 1


def test_submit_without_csrf_answers_400(client):
    request = opened(client, of.filled_request())
    response = client.post("/join/request/submit", data={})
    assert response.status_code == 400 and request.status == EMAIL_VERIFIED


def test_after_submission_the_steps_show_the_status_and_refuse_changes(client):
    request = opened(client, of.submitted_request())
    assert client.get("/join/step/about").location == "/join/request/status"
    page = client.get("/join/request/status")
    response = client.post("/join/step/about", data={
        "csrf_token": csrf_token(page.text) if "csrf_token" in page.text else "",
        "name": "Someone Else", "profession": "nurse", "registration_number": "1"})
    assert response.status_code == 409
    assert "already with the reviewers" in response.text and request.name == "Anna Bianchi"


def test_the_applicant_hospital_is_kept_when_searching_again(client, db):
    request = opened(client, of.filled_request())
    page = client.get("/join/step/workplace")
    hospital = db.get(Hospital, request.hospital_id)
    assert f'checked id="hospital-0" name="hospital" required type="radio" value="{hospital.id}"' \
        in page.text


def test_an_unknown_network_is_refused_on_the_page(client):
    opened(client, of.verified_request())
    response = post_step(client, "network", network="no-such-network", role="member")
    assert response.status_code == 422 and "Check this answer." in response.text


def test_a_session_whose_request_is_gone_is_treated_as_no_session(client):
    with client.session_transaction() as cookie:
        cookie["applicant_request"] = "00000000-0000-0000-0000-000000000000"
    assert client.get("/join/step/about").status_code == 403


@pytest.mark.parametrize(("path", "data"), [
    ("/join", {"email": "a@b.example", "country": "<script>"}),
    ("/join", {"email": "a\x00@b.example", "country": "IT"}),
    ("/join/resend", {"email": "x" * 5000}),
    ("/join/step/about", {"name": "\u202eevil", "profession": "physician"}),
    ("/join/step/workplace?q=" + "%" * 500, {"hospital": "'; drop table"}),
    ("/join/step/why", {"reason": "\x00"}),
])
def test_junk_input_is_explained_never_a_server_error(client, path, data):
    opened(client, of.verified_request())
    page = client.get("/join")
    response = client.post(path, data={"csrf_token": csrf_token(page.text), **data})
    assert response.status_code in (200, 422), response.text
