"""Reminders: find who is due one, record it once, queue its email in the same transaction."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..i18n import DEFAULT_LANGUAGE
from ..invitations import links as invitation_links
from ..invitations.models import Invitation
from ..invitations.services import erase_expired
from ..onboarding import links as onboarding_links
from ..onboarding import prechecks
from ..onboarding.models import RETURNED, WAITING, AccessRequest, RequestEvent
from ..outbox.services import queue_email
from ..review.models import StaffMember
from ..urls import public_url
from .models import SentReminder

log = logging.getLogger(__name__)

# Kinds of SentReminder rows (the email kinds are reminder_<kind>).
RETURNED_KIND, SPONSOR_KIND, REVIEWER_KIND, INVITATION_KIND = (
    "returned", "sponsor", "reviewer", "invitation")
RETURNED_STAGES = (10, 3)  # days after a return; the latest stage due is the one sent
# A returned request left alone this long is abandoned (the funnel counts it so): stop reminding.
RETURNED_GIVE_UP = timedelta(days=30)
SPONSOR_AFTER = timedelta(days=3)
REVIEWER_AFTER = timedelta(days=3)
INVITATION_AFTER = timedelta(days=5)


@dataclass
class ReminderSummary:
    """How many reminders of each kind one run queued (reviewer: requests, not emails)."""

    returned: int = 0
    sponsor: int = 0
    reviewer: int = 0
    invitation: int = 0

    @property
    def total(self) -> int:
        """Return how many reminders the run queued."""
        return sum(getattr(self, f.name) for f in fields(self))

    def __str__(self) -> str:
        return ", ".join(f"{f.name} {getattr(self, f.name)}" for f in fields(self))


@dataclass(frozen=True)
class _Email:
    to: str
    language: str
    context: dict


def _already_sent(db: Session, kind: str) -> set[tuple[str, str]]:
    rows = db.execute(select(SentReminder.subject_id, SentReminder.occurrence)
                      .where(SentReminder.kind == kind))
    return {(subject_id, occurrence) for subject_id, occurrence in rows}


def _send_once(db: Session, *, kind: str, subject_id: str, occurrence: str,
               emails: Callable[[], list[_Email]], now: datetime) -> bool:
    """Record the reminder and queue its emails in a savepoint; False when already recorded.

    The unique (kind, subject_id, occurrence) row is the guard: a concurrent run inserting the
    same row waits for the other's commit (PostgreSQL) or its write lock (SQLite), then fails
    here and skips, so its emails roll back with its row.
    """
    savepoint = db.begin_nested()
    db.add(SentReminder(kind=kind, subject_id=subject_id, occurrence=occurrence, sent_at=now))
    try:
        db.flush()
        for email in emails():
            queue_email(db, kind=f"reminder_{kind}", to=email.to, language=email.language,
                        context=email.context, now=now)
    except IntegrityError:
        savepoint.rollback()
        return False
    except ValueError as exc:
        # An unusable address or language: our forms never store one, and one must never
        # stop the others. The type only: the message may quote the address.
        log.warning("reminder %s for %s not sent: %s", kind, subject_id, type(exc).__name__)
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def _returned(db: Session, now: datetime) -> int:
    rows = db.execute(
        select(AccessRequest, RequestEvent.id, RequestEvent.at)
        .join(RequestEvent, RequestEvent.request_id == AccessRequest.id)
        .where(AccessRequest.status == RETURNED, RequestEvent.kind == "returned")
        .order_by(RequestEvent.at))
    latest: dict[str, tuple[AccessRequest, str, datetime]] = {}
    for request, event_id, at in rows:
        latest[request.id] = (request, event_id, at)  # ordered by time: the last one wins
    sent = _already_sent(db, RETURNED_KIND)
    count = 0
    for request, event_id, returned_at in latest.values():
        age = now - returned_at
        if age >= RETURNED_GIVE_UP:
            continue
        due = next((days for days in RETURNED_STAGES if age >= timedelta(days=days)), None)
        if due is None:
            continue
        occurrence = f"{event_id}/{due}d"
        if (request.id, occurrence) in sent:
            continue

        def emails(request=request, due=due) -> list[_Email]:
            return [_Email(request.email, request.language, {
                "days": due, "request_url": onboarding_links.request_url(request)})]

        count += _send_once(db, kind=RETURNED_KIND, subject_id=request.id,
                            occurrence=occurrence, emails=emails, now=now)
    return count


def _sponsors(db: Session, now: datetime) -> int:
    rows = db.execute(
        select(AccessRequest, RequestEvent.at)
        .join(RequestEvent, RequestEvent.request_id == AccessRequest.id)
        .where(AccessRequest.status.in_(WAITING), AccessRequest.sponsor_email.is_not(None),
               AccessRequest.sponsor_confirmed_at.is_(None),
               AccessRequest.sponsor_declined_at.is_(None), RequestEvent.kind == "sponsor_asked")
        .order_by(RequestEvent.at))
    asked: dict[str, tuple[AccessRequest, datetime]] = {}
    for request, at in rows:
        asked[request.id] = (request, at)
    sent = _already_sent(db, SPONSOR_KIND)
    count = 0
    for request, asked_at in asked.values():
        digest = onboarding_links.address_digest(request.sponsor_email)
        occurrence = f"{request.submissions}/{digest}"
        if now - asked_at < SPONSOR_AFTER or (request.id, occurrence) in sent \
                or not prechecks.needs_sponsor(db, request):
            continue

        def emails(request=request) -> list[_Email]:
            network = request.network.name if request.network is not None else ""
            return [_Email(request.sponsor_email, request.language, {
                "applicant_name": request.name, "network_name": network,
                "sponsor_url": onboarding_links.sponsor_url(request)})]

        count += _send_once(db, kind=SPONSOR_KIND, subject_id=request.id,
                            occurrence=occurrence, emails=emails, now=now)
    return count


def _reviewers(db: Session, network_code: str | None) -> list[StaffMember]:
    active = select(StaffMember).where(StaffMember.disabled_at.is_(None))
    coordinators = list(db.scalars(active.where(
        StaffMember.role == "coordinator", StaffMember.network_code == network_code)
        .order_by(StaffMember.email))) if network_code else []
    return coordinators or list(db.scalars(active.where(StaffMember.role == "helpdesk")
                                           .order_by(StaffMember.email)))


def _waiting(db: Session, now: datetime) -> int:
    requests = list(db.scalars(
        select(AccessRequest).where(AccessRequest.status.in_(WAITING),
                                    AccessRequest.waiting_since <= now - REVIEWER_AFTER)
        .order_by(AccessRequest.waiting_since)))
    sent = _already_sent(db, REVIEWER_KIND)
    # Staff have no language of their own: one configured language for every staff email.
    language = current_app.config.get("DEFAULT_LANGUAGE") or DEFAULT_LANGUAGE
    count = 0
    for request in requests:
        occurrence = request.waiting_since.isoformat()
        if (request.id, occurrence) in sent:
            continue
        code = request.network.code if request.network is not None else None
        reviewers = _reviewers(db, code)
        if not reviewers:
            continue  # nobody to tell yet: try again on the next run

        def emails(request=request, code=code, reviewers=reviewers) -> list[_Email]:
            context = {"network_code": code or "", "days": (now - request.waiting_since).days,
                       "review_url": public_url("review.request_detail", request_id=request.id)}
            return [_Email(member.email, language, context) for member in reviewers]

        count += _send_once(db, kind=REVIEWER_KIND, subject_id=request.id,
                            occurrence=occurrence, emails=emails, now=now)
    return count


def _invitations(db: Session, now: datetime) -> int:
    invitations = list(db.scalars(
        select(Invitation).where(Invitation.accepted_at.is_(None), Invitation.expires_at > now,
                                 Invitation.email.is_not(None),
                                 Invitation.created_at <= now - INVITATION_AFTER)
        .order_by(Invitation.created_at)))
    sent = _already_sent(db, INVITATION_KIND)
    count = 0
    for invitation in invitations:
        if (invitation.id, "") in sent:
            continue

        def emails(invitation=invitation) -> list[_Email]:
            return [_Email(invitation.email, invitation.language, {
                "name": invitation.name, "network_name": invitation.network.name,
                "expires_at": invitation.expires_at,
                "accept_url": invitation_links.accept_url(invitation)})]

        count += _send_once(db, kind=INVITATION_KIND, subject_id=invitation.id, occurrence="",
                            emails=emails, now=now)
    return count


def run(db: Session, *, now: datetime) -> ReminderSummary:
    """Queue every reminder due at now that was never sent, erase expired invitations' addresses.

    Commits once.
    """
    summary = ReminderSummary(returned=_returned(db, now), sponsor=_sponsors(db, now),
                              reviewer=_waiting(db, now), invitation=_invitations(db, now))
    # The periodic run is also when an expired invitation's address stops being kept.
    erase_expired(db, now=now)
    db.commit()
    return summary
