"""The onboarding funnel: how many requests reach each step, as counts only."""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, and_, exists, func, select
from sqlalchemy.orm import Session

from ..directory.models import Network
from ..invitations.models import Invitation
from ..onboarding.models import (
    APPROVED,
    DECIDED,
    DRAFT,
    EMAIL_VERIFIED,
    REASON_CODES,
    REJECTED,
    RETURNED,
    AccessRequest,
    RequestEvent,
)

# A request nobody has touched for this long, undecided, is abandoned (drafts, verified,
# returned ones: those waiting for a reviewer are the reviewers' matter, not the applicant's).
ABANDONED_AFTER = timedelta(days=30)
ABANDONABLE = (DRAFT, EMAIL_VERIFIED, RETURNED)


class UnknownNetwork(ValueError):
    """No network has this code."""


@dataclass
class Funnel:
    """Counts of one period and network (None: all of them); no personal data."""

    network_code: str | None
    since: date | None
    until: date | None
    started: int = 0
    verified: int = 0
    submitted: int = 0
    returned: int = 0
    resubmitted: int = 0
    approved: int = 0
    rejected: int = 0
    rejected_by_reason: dict[str, int] = field(default_factory=dict)
    abandoned: int = 0
    never_retried: int = 0
    median_days_to_decision: float | None = None
    invitations_sent: int = 0
    invitations_accepted: int = 0

    def as_dict(self) -> dict:
        """Return the funnel as JSON-ready values (dates as YYYY-MM-DD)."""
        values = asdict(self)
        for key in ("since", "until"):
            values[key] = values[key].isoformat() if values[key] else None
        return values


def _start(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _in_scope(query: Select, *, created, network, network_id: str | None, since: date | None,
              until: date | None) -> Select:
    if network_id is not None:
        query = query.where(network == network_id)
    if since is not None:
        query = query.where(created >= _start(since))
    if until is not None and until < date.max:  # the whole last day counts
        query = query.where(created < _start(until + timedelta(days=1)))
    return query


def _count(db: Session, query: Select, *conditions) -> int:
    subquery = query.where(*conditions).subquery()
    return db.scalar(select(func.count()).select_from(subquery)) or 0


def _with_event(kind: str):
    return exists().where(RequestEvent.request_id == AccessRequest.id, RequestEvent.kind == kind)


def _never_retried(db: Session, scope: Select) -> int:
    """Count rejected requests whose address never asked again, for any network, later.

    One pass over the addresses' latest requests instead of a correlated subquery per rejected
    request, which grows with the square of the table (bench/review_queue.py).
    """
    latest = dict(db.execute(select(func.lower(AccessRequest.email),
                                    func.max(AccessRequest.created_at))
                             .group_by(func.lower(AccessRequest.email))).all())
    rejected = db.execute(scope.where(AccessRequest.status == REJECTED)
                          .with_only_columns(func.lower(AccessRequest.email),
                                             AccessRequest.created_at))
    return sum(1 for email, created in rejected if _as_utc(latest[email]) <= _as_utc(created))


def _as_utc(moment: datetime) -> datetime:
    # Raw column values from SQLite come back without a zone (stored as UTC).
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def network_id_of(db: Session, code: str | None) -> str | None:
    """Return the id of the network with code (None for None), or raise UnknownNetwork."""
    if code is None:
        return None
    network_id = db.scalar(select(Network.id).where(Network.code == code))
    if network_id is None:
        raise UnknownNetwork(code)
    return network_id


def _by_reason(db: Session, scope: Select) -> dict[str, int]:
    ids = scope.where(AccessRequest.status == REJECTED).with_only_columns(AccessRequest.id)
    counts: Counter[str] = Counter()
    for codes in db.scalars(select(RequestEvent.reason_codes).where(
            RequestEvent.kind == "rejected", RequestEvent.request_id.in_(ids))):
        counts.update(set(codes or ()))  # a code named twice in one rejection counts once
    known = {code: counts[code] for code in REASON_CODES if counts[code]}
    return known | {code: n for code, n in sorted(counts.items()) if code not in known}


def _median_days(db: Session, scope: Select) -> float | None:
    rows = db.execute(scope.where(AccessRequest.status.in_(DECIDED),
                                  AccessRequest.submitted_at.is_not(None),
                                  AccessRequest.decided_at.is_not(None))
                      .with_only_columns(AccessRequest.submitted_at, AccessRequest.decided_at))
    days = [(decided - submitted).total_seconds() / 86400 for submitted, decided in rows]
    return round(statistics.median(days), 1) if days else None


def _left_alone(cutoff: datetime):
    """Select undecided requests the applicant has not touched since cutoff.

    A returned request counts from its last return, not from the applicant's last action: one
    that waited long for a reviewer is not abandoned the moment it comes back.
    """
    returned_since = exists().where(RequestEvent.request_id == AccessRequest.id,
                                    RequestEvent.kind == "returned", RequestEvent.at > cutoff)
    return and_(AccessRequest.status.in_(ABANDONABLE), AccessRequest.updated_at <= cutoff,
                ~returned_since)


def funnel(db: Session, *, network_code: str | None = None, since: date | None = None,
           until: date | None = None, now: datetime) -> Funnel:
    """Count the requests started between since and until (whole days, UTC) at each step.

    Invitations count by the day they were sent. Raises UnknownNetwork for an unknown code.
    """
    network_id = network_id_of(db, network_code)
    scope = _in_scope(select(AccessRequest), created=AccessRequest.created_at,
                      network=AccessRequest.network_id, network_id=network_id, since=since,
                      until=until)
    invitations = _in_scope(select(Invitation), created=Invitation.created_at,
                            network=Invitation.network_id, network_id=network_id, since=since,
                            until=until)
    return Funnel(
        network_code=network_code, since=since, until=until,
        started=_count(db, scope),
        verified=_count(db, scope, AccessRequest.verified_at.is_not(None)),
        submitted=_count(db, scope, AccessRequest.submitted_at.is_not(None)),
        returned=_count(db, scope, _with_event("returned")),
        resubmitted=_count(db, scope, _with_event("resubmitted")),
        approved=_count(db, scope, AccessRequest.status == APPROVED),
        rejected=_count(db, scope, AccessRequest.status == REJECTED),
        rejected_by_reason=_by_reason(db, scope),
        abandoned=_count(db, scope, _left_alone(now - ABANDONED_AFTER)),
        never_retried=_never_retried(db, scope),
        median_days_to_decision=_median_days(db, scope),
        invitations_sent=_count(db, invitations),
        invitations_accepted=_count(db, invitations, Invitation.accepted_at.is_not(None)),
    )
