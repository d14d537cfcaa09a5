"""Signing in every language: the language is kept with the consent, the PDF says what was shown."""

import io
import re

import pytest
from pypdf import PdfReader

from consent_service.consent.links import form_text_for, signing_url
from consent_service.i18n import SUPPORTED_LANGUAGES
from tests import factories
from tests.functional.journey import path_of, sign

NAMES = {"el": "Ελένη Παπαδοπούλου", "bg": "Мария Иванова", "uk": "Олена Коваленко",
         "pl": "Małgorzata Wójcik", "ro": "Ștefan Țurcanu", "hu": "Őrsi Gyöngyvér",
         "mt": "Ċensu Ħabib Żammit"}
MANAGE_LINK = re.compile(r'href="(http://localhost/m/[^"]+)"')


def pdf_text(client, receipt_html: str) -> str:
    manage = path_of(MANAGE_LINK.search(receipt_html).group(1))
    response = client.get(manage + "/receipt.pdf")
    assert response.status_code == 200
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.data)).pages)


@pytest.mark.parametrize("language", sorted(SUPPORTED_LANGUAGES))
def test_sign_in_each_language_keeps_it_for_receipt_and_pdf(client, language):
    request = factories.consent_request(language=language)
    receipt = sign(client, path_of(signing_url(request)), request)
    consent = request.consent
    assert consent.language == language
    assert f'<html lang="{language}"' in receipt.text
    text = form_text_for(request, consent)
    assert text.language == language and consent.text_sha256 == text.sha256
    assert text.title in pdf_text(client, receipt.text)


@pytest.mark.parametrize("language", sorted(NAMES))
def test_pdf_text_extracted_back_equals_what_was_signed(client, language):
    request = factories.consent_request(language=language)
    receipt = sign(client, path_of(signing_url(request)), request, name=NAMES[language])
    consent = request.consent
    extracted = pdf_text(client, receipt.text)
    footer = re.compile(rf"^{consent.receipt_id} · \d+/\d+$", re.MULTILINE)
    extracted = " ".join(footer.sub("", extracted).split())
    shown = " ".join(form_text_for(request, consent).plain_text.split())
    assert shown in extracted
    assert NAMES[language] in extracted
    assert consent.text_sha256 in extracted


def test_picking_another_language_signs_in_that_language(client):
    request = factories.consent_request(language="en")
    path = path_of(signing_url(request))
    client.get(path + "?lang=de")
    receipt = sign(client, path, request)
    assert request.consent.language == "de"
    assert '<html lang="de"' in receipt.text
