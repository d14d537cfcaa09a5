"""Onboarding services without HTTP: states, links, answers, submission, sponsors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from consent_service.audit import AuditEvent
from consent_service.onboarding import services
from consent_service.onboarding.errors import (
    ChecksOpen,
    IllegalTransition,
    NotEligible,
    TooManyLinks,
)
from consent_service.onboarding.models import (
    APPROVED,
    DRAFT,
    EMAIL_VERIFIED,
    REJECTED,
    RESUBMITTED,
    SUBMITTED,
    AccessRequest,
)
from consent_service.outbox.models import OutboxMessage
from tests import onboarding_factories as of

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def count(db, model, *where):
    return db.scalar(select(func.count()).select_from(model).where(*where))


def kinds(request):
    return [event.kind for event in request.events]


def test_start_makes_a_draft_and_queues_a_verification_link(db):
    request = services.start(db, email="  Anna.Bianchi@Ospedale.Example ", country="it",
                             language="it", now=NOW)
    assert request.status == DRAFT and request.email == "anna.bianchi@ospedale.example"
    assert request.country == "IT" and request.language == "it"
    assert kinds(request) == ["started", "link_sent"]
    message = of.last_email("anna.bianchi@ospedale.example", "access_verify")
    assert message.language == "it" and "/join/verify/" in message.body_text


@pytest.mark.parametrize("country", ["US", "CH", "GB", "", "XX"])
def test_start_outside_the_eu_eea_stores_nothing(db, country):
    with pytest.raises(NotEligible):
        services.start(db, email="a@b.example", country=country, language="en", now=NOW)
    assert count(db, AccessRequest) == 0 and count(db, OutboxMessage) == 0


@pytest.mark.parametrize("email", ["", "no-at-sign", "a@b", "two@@b.example", "a b@c.example"])
def test_start_refuses_a_bad_address(db, email):
    with pytest.raises(services.InvalidAnswer):
        services.start(db, email=email, country="IT", language="en", now=NOW)
    assert count(db, AccessRequest) == 0


def test_start_again_reuses_the_open_request(db):
    first = services.start(db, email="a@b.example", country="IT", language="en", now=NOW)
    again = services.start(db, email="A@B.example", country="DE", language="de",
                           now=NOW + timedelta(minutes=2))
    assert again.id == first.id and again.country == "DE" and again.language == "de"
    assert kinds(again) == ["started", "link_sent", "link_sent"]
    assert count(db, AccessRequest) == 1


def test_start_again_too_soon_sends_nothing_new_but_answers_the_same(db):
    first = services.start(db, email="a@b.example", country="IT", language="en", now=NOW)
    again = services.start(db, email="a@b.example", country="IT", language="en",
                           now=NOW + timedelta(seconds=10))
    assert again.id == first.id and kinds(again) == ["started", "link_sent"]


def test_a_decided_request_does_not_block_a_new_one(db):
    request = of.submitted_request(now=NOW)
    request.status = REJECTED
    db.commit()
    new = services.start(db, email=request.email, country="IT", language="en", now=NOW)
    assert new.id != request.id and new.status == DRAFT


def test_a_later_request_gets_the_link_back_to_it_not_a_verification_link(db):
    request = of.submitted_request(now=NOW)
    services.send_link(db, request, now=NOW + timedelta(minutes=5))
    message = of.last_email(request.email, "access_verify")
    assert "/join/r/" in message.body_text and "/join/verify/" not in message.body_text


def test_links_are_limited_to_one_a_minute_and_five_an_hour(db):
    request = services.start(db, email="a@b.example", country="IT", language="en", now=NOW)
    with pytest.raises(TooManyLinks) as error:
        services.send_link(db, request, now=NOW + timedelta(seconds=20))
    assert error.value.retry_after == 40
    for minute in (1, 2, 3, 4):
        services.send_link(db, request, now=NOW + timedelta(minutes=minute))
    with pytest.raises(TooManyLinks) as error:
        services.send_link(db, request, now=NOW + timedelta(minutes=10))
    assert error.value.retry_after == 50 * 60  # the first of five leaves the hour at 60 min
    services.send_link(db, request, now=NOW + timedelta(minutes=60))
    assert kinds(request).count("link_sent") == 6


def test_verify_email_moves_a_draft_on_once(db):
    request = of.draft_request(now=NOW)
    services.verify_email(db, request, now=NOW + timedelta(minutes=1))
    services.verify_email(db, request, now=NOW + timedelta(minutes=2))
    assert request.status == EMAIL_VERIFIED
    assert request.verified_at == NOW + timedelta(minutes=1)
    assert kinds(request).count("email_verified") == 1


def test_save_stores_answers_and_cleans_them(db):
    request = of.verified_request(now=NOW)
    services.save(db, request, now=NOW + timedelta(minutes=3), name="  Zoë  Παπαδοπούλου ",
                  profession="researcher", reason="Line one\nline two ", confidentiality=True)
    assert request.name == "Zoë  Παπαδοπούλου" and request.reason == "Line one\nline two"
    assert request.confidentiality_accepted_at == NOW + timedelta(minutes=3)
    assert request.updated_at == NOW + timedelta(minutes=3)
    services.save(db, request, now=NOW, confidentiality=False)
    assert request.confidentiality_accepted_at is None


@pytest.mark.parametrize("answers", [
    {"profession": "wizard"}, {"role": "owner"}, {"hospital_id": "no-such-id"},
    {"network_id": "no-such-id"}, {"sponsor_email": "not an address"}, {"name": "x" * 151},
    {"reason": "x" * 2001}, {"reason": "a\x00b"}, {"registration_number": "PD\x07"},
])
def test_save_refuses_answers_that_cannot_be_stored(db, answers):
    request = of.verified_request(now=NOW)
    with pytest.raises(services.InvalidAnswer):
        services.save(db, request, now=NOW, **answers)


def test_save_refuses_unknown_answers(db):
    request = of.verified_request(now=NOW)
    with pytest.raises(TypeError):
        services.save(db, request, now=NOW, status="approved")


@pytest.mark.parametrize("make", [of.draft_request, of.submitted_request])
def test_save_only_while_editable(db, make):
    request = make(now=NOW)
    with pytest.raises(IllegalTransition):
        services.save(db, request, now=NOW, name="Someone Else")


def test_a_new_sponsor_answers_afresh(db):
    request = of.guest_submitted_request(now=NOW)
    services.confirm_sponsor(db, request, agree=True, now=NOW)
    of.mark_returned(request, fields=["sponsor"], now=NOW)
    services.save(db, request, now=NOW, sponsor_email=request.sponsor_email.upper())
    assert request.sponsor_confirmed_at == NOW  # the same address, normalised
    services.save(db, request, now=NOW, sponsor_email="other@elsewhere.example")
    assert request.sponsor_confirmed_at is None and request.sponsor_declined_at is None


def test_submit_sends_to_reviewers_with_email_event_and_audit(db):
    request = of.filled_request(now=NOW)
    services.submit(db, request, now=NOW + timedelta(hours=1))
    assert request.status == SUBMITTED and request.submissions == 1
    assert request.submitted_at == request.waiting_since == NOW + timedelta(hours=1)
    assert kinds(request)[-1] == "submitted"
    assert count(db, AuditEvent, AuditEvent.action == "access_request.submitted",
                 AuditEvent.subject_id == request.id) == 1
    message = of.last_email(request.email, "access_submitted")
    assert "/join/r/" in message.body_text and "ReCONNET" in message.subject
    assert count(db, OutboxMessage, OutboxMessage.kind == "access_sponsor_request") == 0


def test_submit_with_open_checks_changes_nothing(db):
    request = of.verified_request(now=NOW)
    with pytest.raises(ChecksOpen):
        services.submit(db, request, now=NOW)
    assert request.status == EMAIL_VERIFIED and request.submissions == 0


@pytest.mark.parametrize("status", [DRAFT, SUBMITTED, RESUBMITTED, APPROVED, REJECTED])
def test_submit_from_other_states_is_illegal(db, status):
    request = of.filled_request(now=NOW)
    request.status = status
    db.commit()
    with pytest.raises(IllegalTransition):
        services.submit(db, request, now=NOW)


def test_a_guest_submission_asks_the_sponsor(db):
    request = of.guest_submitted_request(now=NOW)
    assert request.status == SUBMITTED and kinds(request)[-1] == "sponsor_asked"
    message = of.last_email(request.sponsor_email, "access_sponsor_request")
    assert "/join/sponsor/" in message.body_text and "Jonas Berg" in message.subject


def test_an_address_outside_the_hospital_asks_the_sponsor_too(db):
    hospital = of.member_hospital()
    sponsor = of.address_at(of.member_hospital(), "sponsor")
    request = of.filled_request(email="anna@gmail.example", hospital_id=hospital.id,
                                sponsor_email=sponsor, now=NOW)
    services.submit(db, request, now=NOW)
    assert of.last_email(sponsor, "access_sponsor_request") is not None


def test_resubmit_after_a_return(db):
    request = of.submitted_request(now=NOW)
    of.mark_returned(request, now=NOW + timedelta(days=1))
    services.save(db, request, now=NOW + timedelta(days=2), registration_number="PD-99")
    services.submit(db, request, now=NOW + timedelta(days=2))
    assert request.status == RESUBMITTED and request.submissions == 2
    assert request.submitted_at == NOW and request.waiting_since == NOW + timedelta(days=2)
    assert request.flagged_fields == []
    assert count(db, AuditEvent, AuditEvent.action == "access_request.resubmitted") == 1


def test_sponsor_confirms_once(db):
    request = of.guest_submitted_request(now=NOW)
    services.confirm_sponsor(db, request, agree=True, now=NOW + timedelta(hours=2))
    assert request.sponsor_confirmed_at == NOW + timedelta(hours=2)
    assert kinds(request)[-1] == "sponsor_confirmed"
    with pytest.raises(IllegalTransition):
        services.confirm_sponsor(db, request, agree=False, now=NOW)
    assert count(db, AuditEvent, AuditEvent.action == "access_request.sponsor_confirmed") == 1


def test_sponsor_declines(db):
    request = of.guest_submitted_request(now=NOW)
    services.confirm_sponsor(db, request, agree=False, now=NOW)
    assert request.sponsor_declined_at == NOW and request.sponsor_confirmed_at is None


def test_sponsor_answers_only_while_the_request_waits(db):
    request = of.guest_request(now=NOW)
    with pytest.raises(IllegalTransition):
        services.confirm_sponsor(db, request, agree=True, now=NOW)


def test_timeline_has_labels_reasons_and_message(app, db):
    request = of.submitted_request(now=NOW)
    of.mark_returned(request, reason_codes=["registration_number", "other"],
                     message="Please check.", now=NOW + timedelta(days=1))
    with app.test_request_context():  # labels are translated into the page's language
        items = services.timeline(request)
    assert [item.kind for item in items] == ["started", "link_sent", "email_verified",
                                             "submitted", "returned"]
    returned = items[-1]
    assert returned.label == "A reviewer returned your request for changes"
    assert returned.reasons == ("The professional registration number is missing or wrong.",
                                "Another reason: see the reviewer's message.")
    assert returned.fields == ("Professional registration number",)
    assert returned.message == "Please check."
    assert services.last_decision(request).kind == "returned"


def test_unicode_domain_addresses_are_kept_and_match_their_hospital(db):
    hospital = of.member_hospital(domain="klinikum-münchen.example", country="DE")
    request = of.submitted_request(email="Dr.Müller@Klinikum-München.example",
                                   hospital_id=hospital.id, now=NOW)
    assert request.email == "dr.müller@klinikum-münchen.example"
    assert request.status == SUBMITTED  # the domain matched: no sponsor needed
    assert of.last_email(request.email, "access_submitted") is not None
