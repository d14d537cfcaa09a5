"""consent/services.py without HTTP: sign, decline, change, withdraw, supersede, re-consent."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from consent_service.audit import AuditEvent, verify_chain
from consent_service.consent import services
from consent_service.consent.links import form_text_for
from consent_service.consent.models import Consent
from consent_service.db import utcnow
from tests import factories


def forms(app):
    return app.extensions["forms"]


def test_new_request_is_pending_and_expires_after_max_age(app):
    now = utcnow()
    request = factories.consent_request(max_age=3600, now=now)
    assert services.request_status(request, now) == "pending"
    assert services.request_status(request, now + timedelta(seconds=3600)) == "expired"


def test_unknown_hospital_and_language_are_refused(app, db):
    with pytest.raises(services.UnknownHospital):
        services.create_request(db, forms=forms(app), form_id="ern-panel-consent",
                                patient_ref="P1", hospital_code="NOPE", language="en",
                                requested_by="t", max_age=60)
    hospital = factories.hospital()
    with pytest.raises(services.UnsupportedLanguage):
        services.create_request(db, forms=forms(app), form_id="ern-panel-consent",
                                patient_ref="P1", hospital_code=hospital.code, language="xx",
                                requested_by="t", max_age=60)


@pytest.mark.parametrize("role", ["patient", "guardian", "representative"])
def test_sign_records_choices_signer_text_hash_and_history(app, role):
    request = factories.consent_request()
    consent = factories.consent(request, registry=True, role=role)
    assert consent.decision == "given"
    assert consent.choices == {"care": True, "registry": True, "research_contact": False}
    assert consent.signer_role == role
    assert consent.text_sha256 == form_text_for(request).sha256
    assert consent.quiz_answers == factories.right_answers(request)
    assert [e.kind for e in consent.events] == ["signed"]
    assert services.request_status(request) == "signed"
    assert services.consent_status(consent, forms(app)) == "active"


def test_guardian_signature_keeps_child_and_representative_keeps_relationship(app):
    guardian = factories.consent(role="guardian")
    assert guardian.child_name == "Luca Rossi" and guardian.child_birth_date.year == 2018
    representative = factories.consent(role="representative")
    assert representative.signer_relationship == "court guardian"


def test_declining_care_records_a_decline_without_optional_choices(app):
    request = factories.consent_request()
    consent = factories.consent(request, care=False, registry=True, research_contact=True)
    assert consent.decision == "declined"
    assert consent.choices == {"care": False, "registry": False, "research_contact": False}
    assert services.request_status(request) == "declined"
    assert services.consent_status(consent, forms(app)) == "declined"


def test_signing_twice_returns_the_first_consent(app, db):
    request = factories.consent_request()
    first = factories.consent(request)
    second = factories.consent(request, care=False)
    assert second.id == first.id
    assert db.scalar(select(func.count()).select_from(Consent)) == 1


def test_expired_request_cannot_be_signed(app):
    request = factories.consent_request(max_age=60)
    with pytest.raises(services.RequestExpired):
        factories.consent(request, now=utcnow() + timedelta(seconds=61))


def test_wrong_quiz_answers_block_signing(app, db):
    request = factories.consent_request()
    answers = factories.right_answers(request)
    first = next(iter(answers))
    answers[first] = "z"
    text = form_text_for(request)
    assert services.wrong_answers(text, answers) == [first]
    with pytest.raises(services.QuizNotPassed):
        services.sign(db, request=request, text=text,
                      choices={"care": True, "registry": False, "research_contact": False},
                      signer=services.Signer(role="patient", name="A B"), answers=answers)


def test_change_choices_records_history_and_detects_no_change(app, db):
    consent = factories.consent()
    assert services.change_choices(db, consent=consent, forms=forms(app), registry=True,
                                   research_contact=True)
    assert consent.choices == {"care": True, "registry": True, "research_contact": True}
    assert not services.change_choices(db, consent=consent, forms=forms(app), registry=True,
                                       research_contact=True)
    assert [e.kind for e in consent.events] == ["signed", "changed"]


def test_withdraw_once_then_refuse_changes(app, db):
    consent = factories.consent()
    services.withdraw(db, consent=consent, forms=forms(app))
    assert services.consent_status(consent, forms(app)) == "withdrawn"
    with pytest.raises(services.NotAllowed):
        services.withdraw(db, consent=consent, forms=forms(app))
    with pytest.raises(services.NotAllowed):
        services.change_choices(db, consent=consent, forms=forms(app), registry=True,
                                research_contact=False)


def test_every_change_is_audited_and_the_chain_holds(app, db):
    consent = factories.consent()
    services.change_choices(db, consent=consent, forms=forms(app), registry=True,
                            research_contact=False)
    services.withdraw(db, consent=consent, forms=forms(app))
    actions = db.scalars(select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions[-3:] == ["consent.signed", "consent.changed", "consent.withdrawn"]
    assert verify_chain(db).ok


def test_reconsent_is_refused_while_active_and_opens_a_new_request_after_withdrawal(app, db):
    consent = factories.consent()
    with pytest.raises(services.NotAllowed):
        services.start_reconsent(db, consent=consent, forms=forms(app), max_age=60)
    services.withdraw(db, consent=consent, forms=forms(app))
    new_request = services.start_reconsent(db, consent=consent, forms=forms(app), max_age=60)
    assert new_request.patient_ref == consent.patient_ref
    assert services.request_status(new_request) == "pending"
    again = services.start_reconsent(db, consent=consent, forms=forms(app), max_age=60)
    assert again.id == new_request.id
