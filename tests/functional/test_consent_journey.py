"""The patient's journey over HTTP: read, check, sign, receipt, manage, withdraw, re-consent."""

import io
import re
import shutil

import pytest
from pypdf import PdfReader

from consent_service.consent import services
from consent_service.consent.formfiles import FormRegistry
from consent_service.consent.links import form_text_for, signing_url
from consent_service.consent.models import ConsentRequest
from tests import factories
from tests.conftest import FORMS_DIR, csrf_token
from tests.functional.journey import path_of, quiz_data, sign

MANAGE_LINK = re.compile(r'href="(http://localhost/m/[^"]+)"')


def manage_path(receipt_html: str) -> str:
    return path_of(MANAGE_LINK.search(receipt_html).group(1))


def test_signing_page_shows_key_information_then_folded_sections_and_reading_time(client):
    request = factories.consent_request()
    page = client.get(path_of(signing_url(request)))
    html = page.text
    assert page.status_code == 200
    assert html.index('class="key-info"') < html.index('<details id="section-')
    assert "Reading time: about" in html
    assert html.count('<details id="section-') >= 5
    assert 'lang="en"' in html and 'dir="ltr"' in html
    assert "checked" not in html  # no answer chosen in advance


def test_wrong_answer_shows_the_explaining_passage_and_keeps_signing_closed(client):
    request = factories.consent_request()
    path = path_of(signing_url(request))
    page = client.get(path)
    answers = factories.right_answers(request)
    wrong_key = next(iter(answers))
    answers[wrong_key] = "a" if answers[wrong_key] != "a" else "b"
    response = client.post(path + "/check", data=quiz_data(page.text, answers))
    assert response.status_code == 422
    assert f'id="passage-{wrong_key}"' in response.text
    assert "/sign" not in response.text
    # the other answers stay selected
    other = next(k for k in answers if k != wrong_key)
    assert re.search(rf'checked[^>]*name="q_{other}"|name="q_{other}"[^>]*checked', response.text)


def test_unanswered_quiz_counts_as_wrong(client):
    request = factories.consent_request()
    path = path_of(signing_url(request))
    page = client.get(path)
    response = client.post(path + "/check", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 422 and "Choose an answer." in response.text


@pytest.mark.parametrize("role, extra", [
    ("patient", {}),
    ("guardian", {"child_name": "Luca Rossi", "child_birth_date": "2019-03-02"}),
    ("representative", {"relationship": "Court-appointed guardian"}),
])
def test_each_signer_role_reaches_a_receipt_with_pdf(client, role, extra):
    request = factories.consent_request()
    path = path_of(signing_url(request))
    receipt = sign(client, path, request, role=role, registry="yes", **extra)
    assert receipt.status_code == 200
    assert "Your consent is recorded" in receipt.text
    consent = request.consent
    assert consent.signer_role == role and consent.choice_registry is True
    if role == "guardian":
        assert consent.child_name == "Luca Rossi" and str(consent.child_birth_date) == "2019-03-02"
    if role == "representative":
        assert consent.signer_relationship == "Court-appointed guardian"
    assert consent.receipt_id in receipt.text
    pdf = client.get(manage_path(receipt.text) + "/receipt.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert consent.receipt_id in text and consent.text_sha256 in text
    assert "Maria Rossi" in text


def test_pdf_contains_the_exact_text_shown(client):
    request = factories.consent_request()
    receipt = sign(client, path_of(signing_url(request)), request)
    pdf = client.get(manage_path(receipt.text) + "/receipt.pdf")
    footer = re.compile(rf"^{request.consent.receipt_id} · \d+/\d+$", re.MULTILINE)
    extracted = " ".join(footer.sub("", p.extract_text())
                         for p in PdfReader(io.BytesIO(pdf.data)).pages)
    shown = form_text_for(request, request.consent).plain_text
    assert " ".join(shown.split()) in " ".join(extracted.split())


def test_decline_is_recorded_and_explains_what_follows(client):
    request = factories.consent_request()
    receipt = sign(client, path_of(signing_url(request)), request, care="no", registry="yes")
    assert "you said no" in receipt.text
    assert request.consent.decision == "declined"
    assert request.consent.choices == {"care": False, "registry": False,
                                       "research_contact": False}


def test_manage_link_changes_optional_choices_and_records_each_change(client):
    request = factories.consent_request()
    receipt = sign(client, path_of(signing_url(request)), request)
    manage = manage_path(receipt.text)
    page = client.get(manage)
    assert "your consent is active" in page.text
    response = client.post(manage + "/choices", data={
        "csrf_token": csrf_token(page.text), "registry": "yes", "research_contact": "yes"})
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert "Your changes are saved." in page.text
    assert request.consent.choices == {"care": True, "registry": True, "research_contact": True}
    assert [e.kind for e in request.consent.events] == ["signed", "changed"]


def test_withdrawal_takes_one_confirmation(client):
    request = factories.consent_request()
    receipt = sign(client, path_of(signing_url(request)), request)
    manage = manage_path(receipt.text)
    confirm = client.get(manage + "/withdraw")
    assert confirm.status_code == 200
    response = client.post(manage + "/withdraw", data={"csrf_token": csrf_token(confirm.text)})
    assert response.status_code == 303
    page = client.get(manage)
    assert "You withdrew your consent" in page.text
    assert request.consent.withdrawn_at is not None


def test_withdrawn_patient_can_consent_again(client):
    request = factories.consent_request()
    receipt = sign(client, path_of(signing_url(request)), request)
    manage = manage_path(receipt.text)
    confirm = client.get(manage + "/withdraw")
    client.post(manage + "/withdraw", data={"csrf_token": csrf_token(confirm.text)})
    page = client.get(manage)
    response = client.post(manage + "/reconsent", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 303 and "/c/" in response.headers["Location"]
    assert client.get(path_of(response.headers["Location"])).status_code == 200


@pytest.fixture
def two_versions(tmp_path):
    """A forms directory with version 1 and a newer version 2, both in effect."""
    shutil.copytree(FORMS_DIR, tmp_path / "forms")
    folder = tmp_path / "forms" / "ern-panel-consent"
    shutil.copytree(folder / "1", folder / "2")
    rules = folder / "2" / "form.toml"
    rules.write_text(rules.read_text().replace("version = 1", "version = 2", 1))
    return FormRegistry(tmp_path / "forms")


def test_new_form_version_supersedes_and_manage_link_leads_to_reconsent(
        app, client, db, two_versions):
    request = factories.consent_request()
    receipt = sign(client, path_of(signing_url(request)), request)
    manage = manage_path(receipt.text)
    old = request.consent
    app.extensions["forms"] = two_versions  # version 2 is deployed
    assert services.consent_status(old, two_versions) == "superseded"
    page = client.get(manage)
    assert "The consent form has changed" in page.text
    response = client.post(manage + "/reconsent", data={"csrf_token": csrf_token(page.text)})
    assert response.status_code == 303
    new_path = path_of(response.headers["Location"])
    new_request = db.query(ConsentRequest).filter(
        ConsentRequest.patient_ref == request.patient_ref, ConsentRequest.id != request.id).one()
    sign(client, new_path, new_request)
    assert new_request.consent.form_version == 2
    assert services.consent_status(new_request.consent, two_versions) == "active"
    assert services.consent_status(old, two_versions) == "superseded"
