"""Reviewers' work: the queue, decisions on access requests, and professionals' access.

Each operation takes `now`, checks who may act, changes the rows, writes the timeline event and
the audit row (ids and codes only), queues the applicant's email, and commits once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from .. import audit
from ..directory.models import Network
from ..onboarding import prechecks
from ..onboarding.errors import IllegalTransition, InvalidDecision, OnboardingError, SponsorPending
from ..onboarding.labels import FIELD_LABELS, REASON_LABELS
from ..onboarding.links import request_url
from ..onboarding.models import (
    APPROVED,
    FIELDS,
    GUEST,
    REASON_CODES,
    REJECTED,
    RETURNED,
    WAITING,
    AccessRequest,
    Professional,
    RequestEvent,
)
from ..outbox.services import queue_email
from .auth import can_see_network
from .models import StaffMember
from .services import actor_of

APPROVE, RETURN, REJECT = "approve", "return", "reject"
DECISIONS = (APPROVE, RETURN, REJECT)
# decision → (new status, timeline event and audit verb, email kind)
OUTCOMES = {
    APPROVE: (APPROVED, "approved", "access_approved"),
    RETURN: (RETURNED, "returned", "access_returned"),
    REJECT: (REJECTED, "rejected", "access_rejected"),
}
GUEST_TERM = timedelta(days=90)  # a guest's access, and each extension of it
MAX_MESSAGE = 2000
MAX_REVOKE_REASON = 500
# Sponsor states as staff pages show them.
SPONSOR_NOT_NEEDED, SPONSOR_WAITING, SPONSOR_CONFIRMED, SPONSOR_DECLINED, SPONSOR_NONE = (
    "not_needed", "waiting", "confirmed", "declined", "none")


class OtherNetwork(OnboardingError):
    """A coordinator acted on another network's request or professional (HTTP 403)."""


class NotExtendable(OnboardingError):
    """Only a guest's access has an end date to move."""


@dataclass(frozen=True)
class QueueEntry:
    """A request waiting for a decision, with what the reviewer needs to see first."""

    request: AccessRequest
    waiting: timedelta
    checks: list[prechecks.Check]
    sponsor: str

    @property
    def waiting_days(self) -> int:
        """Return the whole days the request has waited."""
        return max(self.waiting.days, 0)


def sponsor_state(db: Session, request: AccessRequest) -> str:
    """Return whether the request needs a sponsor and where the sponsor's answer stands."""
    if request.sponsor_declined_at is not None:
        return SPONSOR_DECLINED
    if request.sponsor_confirmed_at is not None:
        return SPONSOR_CONFIRMED
    if not prechecks.needs_sponsor(db, request):
        return SPONSOR_NOT_NEEDED
    return SPONSOR_WAITING if request.sponsor_email else SPONSOR_NONE


def _network_code(request: AccessRequest) -> str | None:
    return request.network.code if request.network is not None else None


def check_scope(staff: StaffMember, network_code: str | None) -> None:
    """Raise OtherNetwork unless staff may see and act on this network."""
    if not can_see_network(staff, network_code):
        raise OtherNetwork()


def queue(db: Session, *, staff: StaffMember, now: datetime) -> list[QueueEntry]:
    """Return the requests waiting for a reviewer that staff may see, longest wait first."""
    query = select(AccessRequest).where(AccessRequest.status.in_(WAITING))
    if staff.role not in ("admin", "helpdesk"):
        # Coordinators see their own network; anyone else (no such role yet) sees nothing.
        query = query.join(Network, AccessRequest.network_id == Network.id).where(
            Network.code == (staff.network_code if staff.role == "coordinator" else None))
    query = query.order_by(AccessRequest.waiting_since, AccessRequest.id)
    return [QueueEntry(request=row, waiting=now - (row.waiting_since or now),
                       checks=prechecks.run(db, row), sponsor=sponsor_state(db, row))
            for row in db.scalars(query)]


def _check_decision(decision: str, reason_codes: list[str], fields: list[str],
                    message: str) -> None:
    if decision not in DECISIONS:
        raise InvalidDecision("decision")
    if set(reason_codes) - set(REASON_CODES):
        raise InvalidDecision("reason_codes")
    if set(fields) - set(FIELDS):
        raise InvalidDecision("fields")
    if len(message) > MAX_MESSAGE:
        raise InvalidDecision("message")
    if decision in (RETURN, REJECT):
        if not reason_codes:
            raise InvalidDecision("reason_codes")
        if not message:
            raise InvalidDecision("message")
    if decision == RETURN and not fields:
        raise InvalidDecision("fields")


def _admit(request: AccessRequest, now: datetime) -> Professional:
    professional = Professional(
        request=request, email=request.email, name=request.name,
        hospital_id=request.hospital_id, hospital_name=request.hospital_label,
        network_id=request.network_id, role=request.role, approved_at=now,
        expires_at=now + GUEST_TERM if request.role == GUEST else None)
    return professional


def decide(db: Session, request: AccessRequest, *, reviewer: StaffMember, decision: str,
           reason_codes: list[str], fields: list[str], message: str,
           now: datetime) -> RequestEvent:
    """Approve, return or reject a waiting request; tell the applicant by email.

    Return and reject need reason codes and a message; return also the answers to fix. An
    approval needs the sponsor's confirmation when one is needed, and admits the professional.
    """
    check_scope(reviewer, _network_code(request))
    if request.status not in WAITING:
        raise IllegalTransition(decision, request.status)
    message = message.strip()
    reason_codes = list(dict.fromkeys(reason_codes))  # each once, in the order given
    fields = list(dict.fromkeys(fields)) if decision == RETURN else []
    if decision == APPROVE:
        reason_codes = []
    _check_decision(decision, reason_codes, fields, message)
    if decision == APPROVE and prechecks.needs_sponsor(db, request) \
            and request.sponsor_confirmed_at is None:
        raise SponsorPending()
    status, verb, kind = OUTCOMES[decision]
    request.status = status
    if decision == RETURN:
        request.flagged_fields = fields
    else:
        request.decided_at = now  # returns are not final: the funnel times final decisions
    professional = _admit(request, now) if decision == APPROVE else None
    actor = actor_of(reviewer)
    event = RequestEvent(request=request, at=now, kind=verb, actor=actor,
                         reason_codes=reason_codes, fields=fields, message=message)
    db.add(event)
    if professional is not None:
        db.add(professional)
    db.flush()
    audit.record(db, f"access_request.{verb}", "access_request", request.id, actor,
                 reason_codes=",".join(reason_codes) or None, fields=",".join(fields) or None,
                 professional=professional.id if professional else None)
    queue_email(db, kind=kind, to=request.email, language=request.language, now=now, context={
        "name": request.name,
        "network": _network_code(request) or "",
        "reasons": [REASON_LABELS[code] for code in reason_codes],  # lazy: the email's language
        "fields": [FIELD_LABELS[name] for name in fields],
        "message": message,
        "request_url": request_url(request),
        "role": request.role,
        "expires_at": professional.expires_at if professional else None,
    })
    db.commit()
    return event


def professionals(db: Session, *, staff: StaffMember) -> list[Professional]:
    """Return the approved people staff may see, newest first (revoked ones too)."""
    query = select(Professional).join(Network, Professional.network_id == Network.id)
    if staff.role not in ("admin", "helpdesk"):
        query = query.where(
            Network.code == (staff.network_code if staff.role == "coordinator" else None))
    return list(db.scalars(query.order_by(Professional.approved_at.desc(), Professional.id)))


def _access_event(db: Session, professional: Professional, kind: str, staff: StaffMember,
                  now: datetime, message: str = "") -> None:
    db.add(RequestEvent(request_id=professional.request_id, at=now, kind=kind,
                        actor=actor_of(staff), message=message))
    db.flush()
    audit.record(db, f"professional.{kind}", "professional", professional.id,
                 actor_of(staff), request=professional.request_id)
    # The person learns of the change from us, not from a panel system refusing their token.
    request = professional.request
    queue_email(db, kind="access_changed", to=professional.email, language=request.language,
                now=now, context={"change": kind, "name": professional.name,
                                  "network": professional.network.code, "message": message,
                                  "expires_at": professional.expires_at,
                                  "request_url": request_url(request)})
    db.commit()


def extend(db: Session, professional: Professional, *, staff: StaffMember,
           now: datetime) -> datetime:
    """Give a guest another 90 days, counted from the later of now and the current end."""
    check_scope(staff, professional.network.code)
    if professional.revoked_at is not None:
        raise IllegalTransition("extend", "revoked")
    if professional.role != GUEST or professional.expires_at is None:
        raise NotExtendable()
    professional.expires_at = max(now, professional.expires_at) + GUEST_TERM
    _access_event(db, professional, "extended", staff, now)
    return professional.expires_at


def revoke(db: Session, professional: Professional, *, staff: StaffMember, reason: str,
           now: datetime) -> None:
    """End a professional's access at once; the reason stays on the staff timeline."""
    check_scope(staff, professional.network.code)
    if professional.revoked_at is not None:
        raise IllegalTransition("revoke", "revoked")
    reason = reason.strip()
    if not reason or len(reason) > MAX_REVOKE_REASON:
        raise InvalidDecision("reason")
    professional.revoked_at = now
    _access_event(db, professional, "revoked", staff, now, message=reason)
