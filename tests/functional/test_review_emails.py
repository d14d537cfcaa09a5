"""The applicant's email after each decision: in their language, with reasons and the link.

The real catalogs are translated at the end of the issue, so these tests compile a small German
catalog of their own: it proves that the reason labels and sentences pass through gettext in
the applicant's language, whatever the reviewer's page language.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from sqlalchemy import select

from consent_service import tokens
from consent_service.db import session
from consent_service.onboarding import models
from consent_service.outbox.models import OutboxMessage
from consent_service.review import decisions
from tests.conftest import csrf_token
from tests.unit.review.factories import sign_in, staff_member
from tests.unit.review.request_factories import access_request

GERMAN = {
    "The professional registration number is missing or wrong.":
        "Die Berufsregisternummer fehlt oder ist falsch.",
    "A member of the network has not confirmed your request.":
        "Ein Mitglied des Netzwerks hat Ihre Anfrage nicht bestätigt.",
    "Professional registration number": "Berufsregisternummer",
    "Please change your request for access to %(network)s":
        "Bitte ändern Sie Ihre Anfrage auf Zugang zu %(network)s",
    "The reviewer's message:": "Die Nachricht der Prüferin oder des Prüfers:",
}
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def app_config(tmp_path):
    """Use a German catalog holding only the sentences above."""
    catalog = Catalog(locale="de")
    for english, german in GERMAN.items():
        catalog.add(english, german)
    target = tmp_path / "translations" / "de" / "LC_MESSAGES" / "messages.mo"
    target.parent.mkdir(parents=True)
    with target.open("wb") as handle:
        write_mo(handle, catalog)
    return {"BABEL_TRANSLATION_DIRECTORIES": str(tmp_path / "translations")}


def link_request_id(text: str) -> str:
    """Return the id of the request that the email's link opens."""
    [url] = set(re.findall(r"http://localhost/[^\s<\"]+", text))
    return tokens.token_service(tokens.ACCESS_REQUEST).loads(url.rsplit("/", 1)[1])["request"]


def only_email(db, kind) -> OutboxMessage:
    [mail] = db.scalars(select(OutboxMessage).where(OutboxMessage.kind == kind)).all()
    return mail


def test_returned_email_is_in_german_with_reasons_fields_message_and_link(client, db):
    request = access_request(language="de")
    sign_in(client, staff_member("coordinator"))
    token = csrf_token(client.get("/staff/").text)
    message = "Bitte prüfen Sie die Nummer <b>genau</b>."
    response = client.post(f"/staff/requests/{request.id}/decision", data={
        "csrf_token": token, "decision": "return",
        "reason_codes": ["registration_number", "sponsor_missing"],
        "fields": ["registration_number"], "message": message})
    assert response.status_code == 303
    mail = only_email(db, "access_returned")
    assert mail.language == "de" and mail.recipient == request.email
    assert mail.subject == "Bitte ändern Sie Ihre Anfrage auf Zugang zu ReCONNET"
    for part in (mail.body_text, mail.body_html):
        assert "Die Berufsregisternummer fehlt oder ist falsch." in part
        assert "Ein Mitglied des Netzwerks hat Ihre Anfrage nicht bestätigt." in part
        assert "Berufsregisternummer" in part
        assert "Die Nachricht der Prüferin oder des Prüfers:" in part
        assert link_request_id(part) == request.id
        assert request.name in part
    assert message in mail.body_text
    assert "Bitte prüfen Sie die Nummer &lt;b&gt;genau&lt;/b&gt;." in mail.body_html
    # The reviewer's page stays in the reviewer's language.
    assert "Returned for changes" in client.get(response.location).text


def test_rejected_email_lists_the_reasons_and_the_message(db, app):
    request = access_request(language="de")
    decisions.decide(session(), request, reviewer=staff_member("admin"), decision="reject",
                     reason_codes=["registration_number"], fields=["name"],
                     message="Leider nicht.", now=NOW)
    mail = only_email(db, "access_rejected")
    assert "Die Berufsregisternummer fehlt oder ist falsch." in mail.body_text
    assert "Leider nicht." in mail.body_text
    assert "Berufsregisternummer\n" not in mail.body_text  # reject flags no answers


@pytest.mark.parametrize("role, sentence", [
    (models.MEMBER, "You are a member of the network's panels."),
    (models.GUEST, "Your access ends on 31. Mai 2026."),  # German date, 90 days on
])
def test_approved_email_names_the_role_and_a_guests_end_date(db, app, role, sentence):
    request = access_request(language="de", role=role, sponsor_confirmed=True)
    decisions.decide(session(), request, reviewer=staff_member("admin"), decision="approve",
                     reason_codes=[], fields=[], message="", now=NOW)
    mail = only_email(db, "access_approved")
    assert sentence in mail.body_text
    assert "ReCONNET" in mail.subject
    assert "The reviewer's message" not in mail.body_text  # no message given
