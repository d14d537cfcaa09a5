"""An example context for every email kind, rendered into tests/snapshots/email/<kind>/<lang>/.

Data only: tests/unit/outbox/test_emails.py compares each kind in EXAMPLES (and each kind in
VARIANTS, under tests/snapshots/email/<kind>.<variant>/) with its snapshots, and the feature
tests build their own cases from these. Changing a value changes the snapshots: regenerate
them with UPDATE_SNAPSHOTS=1 pytest tests/unit/outbox/test_emails.py, then review the diff.
"""

from __future__ import annotations

from datetime import UTC, datetime

from consent_service.onboarding.labels import FIELD_LABELS, REASON_LABELS

# Links of the applicants' and sponsors' emails (onboarding), by path.
JOIN_LINK = "https://consent.example.org/join/{}/eyJyZXF1ZXN0IjoiMTIzIn0.Zm9v.YmFy"
# The link of the decision emails (review) back to the request.
DECISION_LINK = "https://consent.example.org/join/r/eyJyZXF1ZXN0IjoiMTIzIn0.Zm9v.YmFy"
DECISION_MESSAGE = (
    "Your registration number has a letter missing.\nPlease check it & send it again.")

EXAMPLES = {
    # outbox
    "consent_signing_link": {
        "hospital_name": "Azienda Ospedale – Università Padova",
        "signing_url": "https://consent.example.org/c/eyJyIjoiMTIzIn0.Zm9v.YmFy",
        "expires_at": datetime(2026, 12, 9, 14, 30, tzinfo=UTC),
    },
    # onboarding
    "access_verify": {"verify_url": JOIN_LINK.format("verify"), "verifying": True, "hours": 24,
                      "days": 1},
    "access_submitted": {"name": "Zoë Παπαδοπούλου", "network": "ReCONNET",
                         "request_url": JOIN_LINK.format("r")},
    "access_sponsor_request": {
        "sponsor_name": "Maria Rossi", "applicant_name": "Jonas Berg",
        "hospital": "Privatklinik Berg, Uppsala", "network": "ERKNet",
        "sponsor_url": JOIN_LINK.format("sponsor")},
    # review
    "access_returned": {
        "name": "Giulia Bianchi", "network": "ReCONNET", "role": "member",
        "reasons": [REASON_LABELS["registration_number"], REASON_LABELS["other"]],
        "fields": [FIELD_LABELS["registration_number"]], "message": DECISION_MESSAGE,
        "request_url": DECISION_LINK, "expires_at": None,
    },
    "access_rejected": {
        "name": "Giulia Bianchi", "network": "ReCONNET", "role": "member",
        "reasons": [REASON_LABELS["country_not_eligible"]], "fields": [],
        "message": "Your hospital is in Switzerland, which the networks do not cover.",
        "request_url": DECISION_LINK, "expires_at": None,
    },
    "access_approved": {
        "name": "Giulia Bianchi", "network": "ReCONNET", "role": "guest", "reasons": [],
        "fields": [], "message": "Welcome! Your sponsor is Dr Verdi.",
        "request_url": DECISION_LINK, "expires_at": datetime(2026, 5, 31, 9, 0, tzinfo=UTC),
    },
    "access_changed": {
        "change": "revoked", "name": "Giulia Bianchi", "network": "ReCONNET",
        "message": "You left the hospital in March.\nAsk us again from your new hospital.",
        "expires_at": None, "request_url": DECISION_LINK},
    # invitations
    "invitation": {
        "invitee_name": "Anna Müller",
        "network_code": "ReCONNET",
        "network_name": "European Reference Network on rare and complex connective tissue and "
                        "musculoskeletal diseases",
        "role": "member",
        "message": "Dear Anna,\nwe would be glad to have you on our paediatric panel.\n– Marco",
        "accept_url": "https://consent.example.org/join/invitation/eyJpIjoiMTIzIn0.Zm9v.YmFy",
        "expires_at": datetime(2026, 12, 9, 14, 30, tzinfo=UTC),
    },
    # reminders
    "reminder_returned": {
        "days": 3,
        "request_url": "https://consent.example.org/access/r/eyJyZXF1ZXN0IjoiMSJ9.Zm9v.YmFy",
    },
    "reminder_sponsor": {
        "applicant_name": "Anna Bianchi",
        "network_name": "ERN on Rare and Complex Connective Tissue Diseases",
        "sponsor_url": "https://consent.example.org/access/sponsor/eyJyIjoiMSJ9.Zm9v.YmFy",
    },
    "reminder_reviewer": {
        "network_code": "ReCONNET",
        "days": 4,
        "review_url": "https://consent.example.org/staff/requests/0b6f1c3e",
    },
    "reminder_invitation": {
        "name": "Jan Novák",
        "network_name": "ERN on Rare and Complex Connective Tissue Diseases",
        "expires_at": datetime(2026, 12, 9, 14, 30, tzinfo=UTC),
        "accept_url": "https://consent.example.org/invitations/eyJpIjoiMSJ9.Zm9v.YmFy",
    },
}

# Another context of a kind, snapshotted beside the kinds as <kind>.<variant> (not inside the
# kind's folder, which holds one folder per language): access_verify also carries the link back
# to a request that is past its draft; access_changed also tells a guest of an extension.
VARIANTS = {
    "access_verify.link_back": {"verify_url": JOIN_LINK.format("r"), "verifying": False,
                                "hours": 720, "days": 30},
    "access_changed.extended": {
        "change": "extended", "name": "Giulia Bianchi", "network": "ReCONNET", "message": "",
        "expires_at": datetime(2026, 8, 29, 9, 0, tzinfo=UTC), "request_url": DECISION_LINK},
}
