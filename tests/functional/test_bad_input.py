"""Bad input on the patient pages: expired and used links, double submit, CSRF, names."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consent_service.consent.links import signing_url
from consent_service.consent.models import Consent
from consent_service.db import utcnow
from tests import factories
from tests.functional.journey import path_of, read_and_pass_quiz, sign, sign_data


def test_expired_signing_link_says_so_and_what_to_do(client):
    request = factories.consent_request(max_age=60, now=utcnow() - timedelta(days=1))
    page = client.get(path_of(signing_url(request)))
    assert page.status_code == 410
    assert "This link has expired" in page.text and "Ask your doctor" in page.text


def test_expired_token_says_so_even_when_the_request_is_still_open(app, client):
    request = factories.consent_request()
    app.config["TOKEN_MAX_AGE"] = {**app.config["TOKEN_MAX_AGE"], "consent-signing": -1}
    page = client.get(path_of(signing_url(request)))
    assert page.status_code == 410 and "This link has expired" in page.text


@pytest.mark.parametrize("path", ["/c/garbage", "/c/a.b.c", "/m/garbage", "/c/" + "x" * 3000])
def test_broken_links_explain_themselves(client, path):
    page = client.get(path)
    assert page.status_code == 404 and "This link does not work" in page.text


def test_link_already_used_shows_the_receipt_never_a_second_consent(client, db):
    request = factories.consent_request()
    path = path_of(signing_url(request))
    sign(client, path, request)
    again = client.get(path)
    assert again.status_code == 303 and again.headers["Location"].endswith("/receipt")
    answers = factories.right_answers(request)
    repeat = client.post(path + "/sign",
                         data={"care": "no", **{f"q_{k}": v for k, v in answers.items()}})
    assert repeat.status_code == 303
    assert db.scalar(select(func.count()).select_from(Consent)) == 1
    assert request.consent.decision == "given"


def test_double_submit_of_the_sign_form_makes_one_consent(client, db):
    request = factories.consent_request()
    path = path_of(signing_url(request))
    html, answers = read_and_pass_quiz(client, path, request)
    data = sign_data(html, answers)
    first = client.post(path + "/sign", data=data)
    second = client.post(path + "/sign", data=data)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert db.scalar(select(func.count()).select_from(Consent)) == 1


def test_missing_csrf_answers_400_and_keeps_the_patients_answers(client, db):
    request = factories.consent_request()
    path = path_of(signing_url(request))
    html, answers = read_and_pass_quiz(client, path, request)
    data = sign_data(html, answers, registry="yes", name="Zoë Παπαδοπούλου")
    del data["csrf_token"]
    response = client.post(path + "/sign", data=data)
    assert response.status_code == 400
    assert "Your answers are kept below" in response.text
    assert 'value="Zoë Παπαδοπούλου"' in response.text
    assert re.search(r'<input checked id="registry-0" name="registry"[^>]* value="yes">',
                     response.text)
    assert db.scalar(select(func.count()).select_from(Consent)) == 0


def test_missing_csrf_on_the_quiz_keeps_answers(client):
    request = factories.consent_request()
    path = path_of(signing_url(request))
    client.get(path)
    answers = factories.right_answers(request)
    response = client.post(path + "/check", data={f"q_{k}": v for k, v in answers.items()})
    assert response.status_code == 400 and "Your answers are kept below" in response.text
    assert response.text.count("checked") >= len(answers)


@pytest.mark.parametrize("name, message", [
    ("", "Type the full name."),
    ("   ", "Type the full name."),
    ("A" * 200, "Use at most 150 characters."),
    ("B" * 201, "Use at most 150 characters."),
    ("Maria\x00Rossi", "Remove the invisible or control characters."),
    ("Maria\u202eRossi", "Remove the invisible or control characters."),
    ("Maria\nRossi", "Remove the invisible or control characters."),
    ("12345", "A name needs at least one letter."),
])
def test_bad_names_get_a_field_error(client, db, name, message):
    request = factories.consent_request()
    path = path_of(signing_url(request))
    html, answers = read_and_pass_quiz(client, path, request)
    response = client.post(path + "/sign", data=sign_data(html, answers, name=name))
    assert response.status_code == 422
    assert message in response.text
    assert db.scalar(select(func.count()).select_from(Consent)) == 0


@pytest.mark.parametrize("name", ["Zoë Παπαδοπούλου", "Олена Коваленко", "李小龍", "محمد علي",
                                  "Jean-Luc O'Neill", "नमस्ते\u200dजी"])
def test_names_in_any_script_are_accepted(client, name):
    request = factories.consent_request()
    receipt = sign(client, path_of(signing_url(request)), request, name=name)
    assert receipt.status_code == 200 and request.consent.signer_name == name


@pytest.mark.parametrize("extra, message", [
    ({"role": "guardian"}, "Type the full name."),
    ({"role": "guardian", "child_name": "Luca"}, "date of birth."),
    ({"role": "guardian", "child_name": "Luca", "child_birth_date": "2001-01-01"},
     "A parent or guardian signs only for a child under 18."),
    ({"role": "guardian", "child_name": "Luca", "child_birth_date": "2999-01-01"},
     "The date of birth cannot be in the future."),
    ({"role": "guardian", "child_name": "Luca", "child_birth_date": "yesterday"},
     "Enter the date as year-month-day"),
    ({"role": "representative"}, "Say how you are related to the patient."),
    ({"role": "nobody"}, "Choose one of the options shown."),
    ({"care": ""}, "Choose yes or no."),
    ({"confirm": ""}, "Tick the box to confirm."),
])
def test_signer_details_are_checked(client, extra, message):
    request = factories.consent_request()
    path = path_of(signing_url(request))
    html, answers = read_and_pass_quiz(client, path, request)
    data = sign_data(html, answers)
    for key, value in extra.items():
        data["signer_role" if key == "role" else key] = value
    data = {k: v for k, v in data.items() if v != ""}
    response = client.post(path + "/sign", data=data)
    assert response.status_code == 422, response.status_code
    assert message in response.text


def test_tampered_quiz_answers_on_the_sign_form_send_back_to_the_quiz(client, db):
    request = factories.consent_request()
    path = path_of(signing_url(request))
    html, answers = read_and_pass_quiz(client, path, request)
    wrong = {k: "z" for k in answers}
    response = client.post(path + "/sign", data=sign_data(html, wrong))
    assert response.status_code == 303 and response.headers["Location"].endswith(path)
    assert db.scalar(select(func.count()).select_from(Consent)) == 0


def test_oversize_form_post_is_413(client):
    request = factories.consent_request()
    path = path_of(signing_url(request))
    response = client.post(path + "/sign", data={"signer_name": "x" * (70 * 1024)})
    assert response.status_code == 413
    assert "Too much data" in response.text
