"""Applicant operations: start, links, verification, answers, submission, sponsors.

Every function takes `now` and commits once: one state change, one transaction, with its
timeline event, its audit row and its emails.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import audit, tokens
from ..directory.countries import is_eu_eea
from ..directory.models import Hospital, Network
from ..i18n import _l
from ..outbox.services import queue_email
from ..review.services import is_email, normalise_email
from . import links, prechecks
from .errors import ChecksOpen, IllegalTransition, NotEligible, OnboardingError, TooManyLinks
from .labels import FIELD_LABELS, REASON_LABELS
from .models import (
    DECIDED,
    DRAFT,
    EDITABLE,
    EMAIL_VERIFIED,
    PROFESSIONS,
    RESUBMITTED,
    RETURNED,
    ROLES,
    SUBMITTED,
    WAITING,
    AccessRequest,
    RequestEvent,
)

SUBJECT = "access_request"
APPLICANT, SPONSOR = "applicant", "sponsor"
LINK_INTERVAL = timedelta(seconds=60)  # at most one link a minute …
LINKS_PER_HOUR = 5  # … and five an hour, per request
# Longest text per answer, as the columns hold them.
MAX_LENGTHS = {"name": 150, "registration_number": 64, "hospital_other": 200, "reason": 2000,
               "sponsor_name": 150}
CHOICES = {"profession": PROFESSIONS, "role": ROLES}
ANSWERS = ("name", "profession", "registration_number", "hospital_id", "hospital_other",
           "network_id", "role", "reason", "sponsor_email", "sponsor_name", "confidentiality")


class InvalidAnswer(OnboardingError, ValueError):
    """An answer that cannot be stored; field names it."""

    def __init__(self, field: str):
        super().__init__(f"invalid answer for {field}")
        self.field = field


def clean_text(value: str | None) -> str:
    """Return value in NFC without outer spaces; line breaks inside are kept."""
    return unicodedata.normalize("NFC", value or "").strip()


def _event(access_request: AccessRequest, kind: str, now: datetime, actor: str = APPLICANT,
           **details) -> None:
    access_request.events.append(RequestEvent(kind=kind, actor=actor, at=now, **details))


def _check_email(value: str, field: str = "email") -> str:
    email = normalise_email(value or "")
    if not is_email(email):
        raise InvalidAnswer(field)
    return email


def open_request_for(db: Session, email: str) -> AccessRequest | None:
    """Return the newest request of this address that is not decided yet."""
    return db.scalars(select(AccessRequest).where(
        AccessRequest.email == normalise_email(email), AccessRequest.status.not_in(DECIDED))
        .order_by(AccessRequest.created_at.desc()).limit(1)).first()


def _link_wait(access_request: AccessRequest, now: datetime) -> int:
    """Return the seconds until another link may be sent; 0 when one may go now."""
    sent = sorted(event.at for event in access_request.events if event.kind == "link_sent")
    waits = [0.0]
    if sent and now - sent[-1] < LINK_INTERVAL:
        waits.append((sent[-1] + LINK_INTERVAL - now).total_seconds())
    last_hour = [at for at in sent if now - at < timedelta(hours=1)]
    if len(last_hour) >= LINKS_PER_HOUR:
        waits.append((last_hour[-LINKS_PER_HOUR] + timedelta(hours=1) - now).total_seconds())
    return math.ceil(max(waits))


def _queue_link(db: Session, access_request: AccessRequest, now: datetime) -> None:
    verifying = access_request.status == DRAFT
    max_age = current_app.config["TOKEN_MAX_AGE"][
        tokens.EMAIL_VERIFY if verifying else tokens.ACCESS_REQUEST]
    queue_email(db, kind="access_verify", to=access_request.email,
                language=access_request.language, now=now, context={
                    "verify_url": links.verify_url(access_request) if verifying
                    else links.request_url(access_request),
                    "verifying": verifying, "hours": max(1, max_age // 3600),
                    "days": max(1, max_age // 86400)})
    _event(access_request, "link_sent", now, actor="system")


def start(db: Session, *, email: str, country: str, language: str,
          now: datetime) -> AccessRequest:
    """Open a draft for the address (or reuse its open request) and email it a link.

    Raises NotEligible for a country outside the EU/EEA and InvalidAnswer for a bad address;
    nothing is stored then. A reused request whose last link is too recent gets no new one, so
    that the answer never tells whether an address is known.
    """
    country = (country or "").strip().upper()
    if not is_eu_eea(country):
        raise NotEligible(country)
    email = _check_email(email)
    access_request = open_request_for(db, email)
    if access_request is None:
        access_request = AccessRequest(email=email, country=country, language=language,
                                       status=DRAFT, created_at=now, updated_at=now)
        db.add(access_request)
        db.flush()
        _event(access_request, "started", now)
    elif access_request.status == DRAFT:
        access_request.country, access_request.language = country, language
    if _link_wait(access_request, now) == 0:
        _queue_link(db, access_request, now)
    db.commit()
    return access_request


def send_link(db: Session, access_request: AccessRequest, *, now: datetime) -> None:
    """Email the request's link again: the verification link, or the link back to it.

    Raises TooManyLinks with the seconds to wait after more than one a minute or five an hour.
    """
    wait = _link_wait(access_request, now)
    if wait:
        raise TooManyLinks(wait)
    _queue_link(db, access_request, now)
    db.commit()


def verify_email(db: Session, access_request: AccessRequest, *, now: datetime) -> None:
    """Mark the address as confirmed; opening the link again later changes nothing."""
    if access_request.status != DRAFT:
        return
    access_request.status = EMAIL_VERIFIED
    access_request.verified_at = access_request.updated_at = now
    _event(access_request, "email_verified", now)
    db.commit()


def _apply(db: Session, access_request: AccessRequest, field: str, value, now: datetime):
    if field in MAX_LENGTHS:
        value = clean_text(value)
        # NUL and other controls: PostgreSQL refuses NUL, and none belongs in an answer.
        if len(value) > MAX_LENGTHS[field] or any(
                unicodedata.category(ch) == "Cc" and ch not in "\r\n\t" for ch in value):
            raise InvalidAnswer(field)
    elif field in CHOICES and value not in (None, *CHOICES[field]):
        raise InvalidAnswer(field)
    elif field in ("hospital_id", "network_id"):
        # Set the relationship too: sessions keep objects after commit, so a changed id
        # alone would leave request.hospital pointing at the old row.
        model = Hospital if field == "hospital_id" else Network
        row = None if value is None else db.get(model, value)
        if value is not None and row is None:
            raise InvalidAnswer(field)
        setattr(access_request, field.removesuffix("_id"), row)
    elif field == "sponsor_email":
        value = _check_email(value, field) if (value or "").strip() else None
        if value != access_request.sponsor_email:
            # A new sponsor answers afresh; the old one's link stops working.
            access_request.sponsor_confirmed_at = access_request.sponsor_declined_at = None
    elif field == "confidentiality":
        field = "confidentiality_accepted_at"
        value = (access_request.confidentiality_accepted_at or now) if value else None
    setattr(access_request, field, value)


def save(db: Session, access_request: AccessRequest, *, now: datetime, **answers) -> None:
    """Store answers (any of ANSWERS) while the applicant may still change them."""
    if access_request.status not in EDITABLE:
        raise IllegalTransition("change", access_request.status)
    unknown = set(answers) - set(ANSWERS)
    if unknown:
        raise TypeError(f"unknown answers: {', '.join(sorted(unknown))}")
    for field, value in answers.items():
        _apply(db, access_request, field, value, now)
    access_request.updated_at = now
    db.commit()


def submit(db: Session, access_request: AccessRequest, *, now: datetime) -> None:
    """Send the request to the reviewers (again, after a return); ask the sponsor if needed."""
    transitions = {EMAIL_VERIFIED: SUBMITTED, RETURNED: RESUBMITTED}
    if access_request.status not in transitions:
        raise IllegalTransition("submit", access_request.status)
    db.flush()
    checks = prechecks.run(db, access_request)
    if not prechecks.can_submit(checks):
        raise ChecksOpen(checks)
    access_request.status = transitions[access_request.status]
    access_request.submissions += 1
    access_request.submitted_at = access_request.submitted_at or now
    access_request.waiting_since = access_request.updated_at = now
    access_request.flagged_fields = []
    _event(access_request, access_request.status, now)
    audit.record(db, f"access_request.{access_request.status}", SUBJECT, access_request.id,
                 APPLICANT, network=access_request.network.code,
                 submissions=access_request.submissions)
    queue_email(db, kind="access_submitted", to=access_request.email,
                language=access_request.language, now=now, context={
                    "name": access_request.name, "network": access_request.network.code,
                    "request_url": links.request_url(access_request)})
    if prechecks.needs_sponsor(db, access_request) and access_request.sponsor_email \
            and access_request.sponsor_confirmed_at is None \
            and access_request.sponsor_declined_at is None:
        queue_email(db, kind="access_sponsor_request", to=access_request.sponsor_email,
                    language=access_request.language, now=now, context={
                        "sponsor_name": access_request.sponsor_name,
                        "applicant_name": access_request.name,
                        "hospital": access_request.hospital_label,
                        "network": access_request.network.code,
                        "sponsor_url": links.sponsor_url(access_request)})
        _event(access_request, "sponsor_asked", now, actor="system")
    db.commit()


def confirm_sponsor(db: Session, access_request: AccessRequest, *, agree: bool,
                    now: datetime) -> None:
    """Record the sponsor's answer, once, while the request waits for a reviewer."""
    answered = access_request.sponsor_confirmed_at or access_request.sponsor_declined_at
    if access_request.status not in WAITING or answered or not access_request.sponsor_email:
        raise IllegalTransition("confirm the sponsor of",
                                "answered" if answered else access_request.status)
    kind = "sponsor_confirmed" if agree else "sponsor_declined"
    if agree:
        access_request.sponsor_confirmed_at = now
    else:
        access_request.sponsor_declined_at = now
    _event(access_request, kind, now, actor=SPONSOR)
    audit.record(db, f"access_request.{kind}", SUBJECT, access_request.id, SPONSOR)
    db.commit()


EVENT_LABELS = {
    "started": _l("You started your request"),
    "link_sent": _l("We emailed you a link"),
    "email_verified": _l("You confirmed your email address"),
    "submitted": _l("You sent your request"),
    "sponsor_asked": _l("We asked your sponsor to confirm"),
    "sponsor_confirmed": _l("Your sponsor confirmed your request"),
    "sponsor_declined": _l("Your sponsor did not confirm your request"),
    "returned": _l("A reviewer returned your request for changes"),
    "resubmitted": _l("You sent your request again"),
    "approved": _l("A reviewer approved your request"),
    "rejected": _l("A reviewer did not approve your request"),
    "extended": _l("Your guest access was extended"),
    "revoked": _l("Your access was ended"),
}


@dataclass(frozen=True)
class TimelineItem:
    """One line of the applicant's timeline, ready to show."""

    at: datetime
    kind: str
    label: str
    reasons: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    message: str = ""


def timeline(access_request: AccessRequest) -> list[TimelineItem]:
    """Return the request's events, oldest first, with their labels and reviewers' words."""
    return [TimelineItem(
        at=event.at, kind=event.kind, label=str(EVENT_LABELS.get(event.kind, event.kind)),
        reasons=tuple(str(REASON_LABELS.get(code, code)) for code in event.reason_codes or ()),
        fields=tuple(str(FIELD_LABELS.get(name, name)) for name in event.fields or ()),
        message=event.message or "") for event in access_request.events]


def last_decision(access_request: AccessRequest) -> RequestEvent | None:
    """Return the latest return or rejection: its reasons and message head the pages."""
    for event in reversed(access_request.events):
        if event.kind in ("returned", "rejected"):
            return event
    return None
