"""Translated names of statuses, professions, roles, reason codes and fields, in one place."""

from __future__ import annotations

from ..i18n import _l

STATUS_LABELS = {
    "draft": _l("Email not confirmed yet"),
    "email_verified": _l("Being filled in"),
    "submitted": _l("Waiting for a reviewer"),
    "returned": _l("Returned to you for changes"),
    "resubmitted": _l("Sent again, waiting for a reviewer"),
    "approved": _l("Approved"),
    "rejected": _l("Not approved"),
}
PROFESSION_LABELS = {
    "physician": _l("Doctor"),
    "nurse": _l("Nurse"),
    "genetic_counsellor": _l("Genetic counsellor"),
    "psychologist": _l("Psychologist"),
    "other_clinical": _l("Other healthcare professional"),
    "researcher": _l("Researcher (no patient care)"),
    "coordinator": _l("Network or panel coordinator (no patient care)"),
    "other_non_clinical": _l("Other staff (no patient care)"),
}
ROLE_LABELS = {
    "member": _l("Member of a panel"),
    "guest": _l("Guest of a panel"),
}
REASON_LABELS = {
    "identity_unverified": _l("We could not confirm who you are."),
    "registration_number": _l("The professional registration number is missing or wrong."),
    "hospital_not_member": _l("Your hospital is not a member of this network."),
    "wrong_network": _l("This network does not cover your field."),
    "email_domain": _l("Your email address is not one of your hospital's addresses."),
    "sponsor_missing": _l("A member of the network has not confirmed your request."),
    "country_not_eligible": _l("The networks can only admit people who work in the EU or EEA."),
    "role_unclear": _l("The role you asked for does not fit what you told us."),
    "reason_unclear": _l("We need a clearer reason why you need access."),
    "duplicate": _l("You already have a request or access for this network."),
    "other": _l("Another reason: see the reviewer's message."),
}
FIELD_LABELS = {
    "name": _l("Full name"),
    "profession": _l("Profession"),
    "registration_number": _l("Professional registration number"),
    "hospital": _l("Hospital"),
    "network": _l("Network"),
    "role": _l("Role"),
    "reason": _l("Why you need access"),
    "sponsor": _l("Sponsor"),
}
