"""Translated names of the funnel's rows, shared by the staff page and `flask report funnel`."""

from __future__ import annotations

from ..i18n import _l

# Funnel field → label, in the order of the applicant's journey.
REQUEST_ROWS = {
    "started": _l("Requests started"),
    "verified": _l("Email address confirmed"),
    "submitted": _l("Sent to a reviewer"),
    "returned": _l("Returned for changes"),
    "resubmitted": _l("Sent again after changes"),
    "approved": _l("Approved"),
    "rejected": _l("Rejected"),
    "never_retried": _l("Rejected and never asked again"),
    "abandoned": _l("Left unfinished for 30 days or more"),
}
MEDIAN_LABEL = _l("Median days from first sending to decision")
INVITATION_ROWS = {
    "invitations_sent": _l("Invitations sent"),
    "invitations_accepted": _l("Invitations accepted"),
}
