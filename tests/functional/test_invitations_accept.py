"""The invitee's accept page: one question, then the prefilled request; every other way in."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from itsdangerous import TimestampSigner, URLSafeTimedSerializer
from sqlalchemy import select

from consent_service.invitations.links import accept_url
from consent_service.onboarding.links import SESSION_KEY
from consent_service.onboarding.models import EMAIL_VERIFIED, GUEST, AccessRequest
from tests.conftest import TEST_KEYS, csrf_token
from tests.functional.journey import path_of
from tests.unit.invitations import factories
from tests.unit.invitations.factories import onboarding_route  # noqa: F401  (fixture)

pytestmark = pytest.mark.usefixtures("onboarding_route")


def requests(db):
    return list(db.scalars(select(AccessRequest)))


def open_page(client, invitation):
    path = path_of(accept_url(invitation))
    return path, client.get(path)


def answer(client, path, page, country):
    return client.post(path, data={"csrf_token": csrf_token(page.text), "country": country})


def test_page_says_who_invites_to_what_in_the_invitees_language(client, db):
    invitation = factories.invitation(language="de", role=GUEST,
                                      message="Liebe Anna,\n<b>willkommen</b>!")
    _path, page = open_page(client, invitation)
    assert page.status_code == 200
    assert '<html lang="de"' in page.text
    assert "ReCONNET" in page.text
    assert "Liebe Anna,<br>&lt;b&gt;willkommen&lt;/b&gt;!" in page.text
    assert 'id="country" name="country"' in page.text and 'autocomplete="country"' in page.text
    assert '<option value="AT">Österreich</option>' in page.text
    assert '<option value="outside">' in page.text
    assert 'value="CH"' not in page.text


def test_page_explains_the_role(client, db):
    _path, page = open_page(client, factories.invitation(language="en"))
    assert "Member of a panel" in page.text and "Welcome to our panel." in page.text


def test_accepting_opens_a_prefilled_verified_request(client, db):
    invitation = factories.invitation(email="giulia@ospedale.example", role=GUEST, language="it")
    path, page = open_page(client, invitation)
    response = answer(client, path, page, "IT")
    assert response.status_code == 303
    assert response.headers["Location"] == "/join/continue"
    [request] = requests(db)
    assert request.status == EMAIL_VERIFIED and request.verified_at is not None
    assert (request.email, request.name, request.country, request.language, request.role) == (
        "giulia@ospedale.example", "Giulia Bianchi", "IT", "it", GUEST)
    assert request.network.code == "ReCONNET" and request.invitation_id == invitation.id
    assert [e.kind for e in request.events] == ["started", "email_verified"]
    with client.session_transaction() as browser_session:
        assert browser_session[SESSION_KEY] == request.id
    db.refresh(invitation)
    assert invitation.accepted_at is not None and invitation.email is None


def test_unicode_address_goes_into_the_request(client, db):
    invitation = factories.invitation(email="müller@bücher.example")
    path, page = open_page(client, invitation)
    assert answer(client, path, page, "DE").status_code == 303
    assert requests(db)[0].email == "müller@bücher.example"


def test_double_submit_and_later_clicks_lead_to_the_same_request(client, app, db):
    invitation = factories.invitation()
    path, page = open_page(client, invitation)
    assert answer(client, path, page, "FR").status_code == 303
    again = answer(client, path, page, "FR")
    assert again.status_code == 303 and again.headers["Location"] == "/join/continue"
    [request] = requests(db)
    other_browser = app.test_client()
    later = other_browser.get(path)
    assert later.status_code == 303 and later.headers["Location"] == "/join/continue"
    with other_browser.session_transaction() as browser_session:
        assert browser_session[SESSION_KEY] == request.id


def test_a_country_outside_the_eu_eea_is_told_at_once_and_nothing_is_created(client, db):
    invitation = factories.invitation()
    path, page = open_page(client, invitation)
    response = answer(client, path, page, "outside")
    assert response.status_code == 200
    assert "You cannot join from outside the EU or EEA" in response.text
    assert f'href="{path}"' in response.text
    assert requests(db) == []
    db.refresh(invitation)
    assert invitation.accepted_at is None and invitation.email is not None


@pytest.mark.parametrize("country", ["", "CH", "US", "it"])
def test_no_or_an_unknown_choice_answers_422_on_the_same_page(client, db, country):
    invitation = factories.invitation()
    path, page = open_page(client, invitation)
    response = answer(client, path, page, country)
    assert response.status_code == 422
    assert 'class="error-summary"' in response.text and 'aria-invalid="true"' in response.text
    assert requests(db) == []


def test_a_stale_form_answers_400_and_keeps_the_answer(client, db):
    invitation = factories.invitation()
    path, _page = open_page(client, invitation)
    response = client.post(path, data={"csrf_token": "stale", "country": "PT"})
    assert response.status_code == 400
    assert '<option selected value="PT">' in response.text
    assert "timed out" in response.text
    assert requests(db) == []


def test_an_expired_invitation_asks_for_a_new_one(client, db):
    invitation = factories.invitation(now=datetime.now(UTC) - timedelta(days=15))
    path, page = open_page(client, invitation)
    assert page.status_code == 410
    assert "Ask the panel lead who invited you for a new invitation." in page.text
    assert client.post(path, data={"country": "IT"}).status_code == 410
    assert requests(db) == []


def test_an_expired_link_asks_for_a_new_one(client, app):
    invitation = factories.invitation()

    class SignedLongAgo(TimestampSigner):
        def get_timestamp(self):
            return int(time.time()) - 15 * 24 * 3600

    token = URLSafeTimedSerializer(TEST_KEYS, salt="invitation", signer=SignedLongAgo).dumps(
        {"i": invitation.id})
    page = client.get(f"/join/invitation/{token}")
    assert page.status_code == 410 and "new invitation" in page.text


@pytest.mark.parametrize("token", ["nonsense", "a.b.c", "x" * 3000])
def test_a_broken_link_answers_404(client, app, token):
    page = client.get(f"/join/invitation/{token}")
    assert page.status_code == 404
    assert "This link does not work" in page.text


def test_a_link_for_another_purpose_or_a_deleted_invitation_answers_404(client, app):
    other_purpose = URLSafeTimedSerializer(TEST_KEYS, salt="access-request").dumps({"i": "x"})
    assert client.get(f"/join/invitation/{other_purpose}").status_code == 404
    unknown = URLSafeTimedSerializer(TEST_KEYS, salt="invitation").dumps({"i": "no-such-id"})
    assert client.get(f"/join/invitation/{unknown}").status_code == 404


def test_someone_with_access_already_is_told_so(client, db):
    factories.professional(email="luca@ospedale.example")
    invitation = factories.invitation(email="luca@ospedale.example")
    _path, page = open_page(client, invitation)
    assert page.status_code == 200 and "You already have access" in page.text
    db.refresh(invitation)
    assert invitation.accepted_at is not None and invitation.email is None
    assert len(requests(db)) == 1  # the professional's own, approved request only
    _path, again = open_page(client, invitation)
    assert again.status_code == 200 and "You already have access" in again.text


def test_expired_guest_access_does_not_count(client, db):
    factories.professional(email="eva@ospedale.example", role=GUEST,
                           expires_at=datetime.now(UTC) - timedelta(days=1))
    invitation = factories.invitation(email="eva@ospedale.example")
    _path, page = open_page(client, invitation)
    assert page.status_code == 200 and 'name="country"' in page.text
