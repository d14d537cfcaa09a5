"""Translated names that reviewers read: pre-check findings, sponsor states, timeline events."""

from __future__ import annotations

from ..i18n import _l
from ..onboarding import prechecks
from . import decisions

CHECK_LABELS = {
    prechecks.COUNTRY_NOT_ELIGIBLE: _l("Works outside the EU and EEA"),
    prechecks.MISSING: _l("Answers missing"),
    prechecks.HOSPITAL_NOT_LISTED: _l("Hospital not in the directory"),
    prechecks.HOSPITAL_NOT_IN_NETWORK: _l("Hospital not in this network"),
    prechecks.EMAIL_DOMAIN: _l("Email address not at the hospital's domain"),
    prechecks.SPONSOR_NEEDED: _l("Guest: needs a sponsor"),
    prechecks.SPONSOR_NOT_MEMBER: _l("Sponsor is not a known member"),
    prechecks.SPONSOR_IS_APPLICANT: _l("Sponsor is the applicant"),
    prechecks.CONFIDENTIALITY: _l("No patient care: confidentiality statement"),
}
SPONSOR_LABELS = {
    decisions.SPONSOR_NOT_NEEDED: _l("No sponsor needed"),
    decisions.SPONSOR_WAITING: _l("Waiting for the sponsor"),
    decisions.SPONSOR_CONFIRMED: _l("Sponsor confirmed"),
    decisions.SPONSOR_DECLINED: _l("Sponsor declined"),
    decisions.SPONSOR_NONE: _l("Sponsor needed, none named"),
}
EVENT_LABELS = {
    "started": _l("Request started"),
    "link_sent": _l("Confirmation link sent"),
    "email_verified": _l("Email address confirmed"),
    "submitted": _l("Sent for review"),
    "sponsor_asked": _l("Sponsor asked to confirm"),
    "sponsor_confirmed": _l("Sponsor confirmed"),
    "sponsor_declined": _l("Sponsor declined"),
    "returned": _l("Returned for changes"),
    "resubmitted": _l("Sent again for review"),
    "approved": _l("Approved"),
    "rejected": _l("Rejected"),
    "extended": _l("Guest access extended"),
    "revoked": _l("Access revoked"),
}
# The request's state as staff see it (the applicants' wording is in onboarding/labels.py).
STATUS_LABELS = {
    "draft": _l("Email not confirmed"),
    "email_verified": _l("Being filled in"),
    "submitted": _l("Waiting for a decision"),
    "returned": _l("Returned to the applicant"),
    "resubmitted": _l("Sent again, waiting for a decision"),
    "approved": _l("Approved"),
    "rejected": _l("Rejected"),
}
# Why a request cannot be decided in its state: the text of the 409 page.
CANNOT_DECIDE = {
    "draft": _l("The applicant has not sent this request yet. It cannot be decided."),
    "email_verified": _l("The applicant has not sent this request yet. It cannot be decided."),
    "returned": _l("This request is back with the applicant for changes. It can be decided "
                   "again when they send it back."),
    "approved": _l("This request is already approved. A decision cannot be changed."),
    "rejected": _l("This request is already rejected. A decision cannot be changed."),
}
