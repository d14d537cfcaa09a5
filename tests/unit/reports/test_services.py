"""The funnel's counts, each step defined once, with known dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from consent_service.db import session
from consent_service.onboarding.models import (
    APPROVED,
    DRAFT,
    EMAIL_VERIFIED,
    REJECTED,
    RESUBMITTED,
    RETURNED,
    SUBMITTED,
)
from consent_service.reports import services
from tests.unit.reminders.factories import access_request, day, event, invitation

pytestmark = pytest.mark.usefixtures("app")


def funnel(**filters):
    return services.funnel(session(), now=filters.pop("now", day(100)), **filters)


def decided(status, submitted, decided_at, codes=(), **values):
    request = access_request(status, verified_at=submitted, submitted_at=submitted,
                             decided_at=decided_at, submissions=1, **values)
    event(request, "submitted", submitted)
    event(request, "rejected" if status == REJECTED else "approved", decided_at,
          reason_codes=list(codes))
    return request


def test_each_step_counts_the_requests_that_reached_it():
    access_request(DRAFT)
    access_request(EMAIL_VERIFIED, verified_at=day(0))
    waiting = access_request(SUBMITTED, verified_at=day(0), submitted_at=day(1))
    again = access_request(RESUBMITTED, verified_at=day(0), submitted_at=day(1), submissions=2)
    event(again, "returned", day(2))
    event(again, "resubmitted", day(3))
    back = access_request(RETURNED, verified_at=day(0), submitted_at=day(1))
    event(back, "returned", day(2))
    decided(APPROVED, day(1), day(3))
    decided(REJECTED, day(1), day(5), ["registration_number"])
    result = funnel(now=day(10))
    assert (result.started, result.verified, result.submitted, result.returned,
            result.resubmitted, result.approved, result.rejected) == (7, 6, 5, 2, 1, 1, 1)
    assert result.abandoned == 0
    assert waiting.id  # waiting for a reviewer: submitted, not returned, not decided


def test_rejections_count_each_reason_once_per_rejection():
    decided(REJECTED, day(0), day(1), ["registration_number", "email_domain",
                                       "registration_number"])
    decided(REJECTED, day(0), day(1), ["registration_number"])
    decided(REJECTED, day(0), day(1), ["other"])
    decided(APPROVED, day(0), day(1))
    result = funnel()
    assert result.rejected == 3
    assert result.rejected_by_reason == {"registration_number": 2, "email_domain": 1,
                                         "other": 1}
    assert list(result.rejected_by_reason) == ["registration_number", "email_domain", "other"]


def test_abandoned_means_undecided_and_untouched_by_the_applicant_for_30_days():
    access_request(DRAFT, updated_at=day(0))
    access_request(EMAIL_VERIFIED, updated_at=day(0))
    access_request(RETURNED, updated_at=day(0))
    access_request(DRAFT, updated_at=day(2))  # 29 days: not yet
    access_request(SUBMITTED, updated_at=day(0))  # the reviewers' turn
    access_request(REJECTED, updated_at=day(0))
    assert funnel(now=day(31)).abandoned == 3
    assert funnel(now=day(32)).abandoned == 4


def test_a_returned_request_counts_as_abandoned_30_days_after_its_return():
    # Waited 40 days for a reviewer, then returned: the applicant's 30 days start at the return.
    late = access_request(RETURNED, updated_at=day(0))
    event(late, "returned", day(40))
    assert funnel(now=day(69)).abandoned == 0
    assert funnel(now=day(71)).abandoned == 1


def test_rejected_applicants_who_never_asked_again_compare_by_address_only():
    decided(REJECTED, day(0), day(2), email="gave.up@hospital.example")
    decided(REJECTED, day(0), day(2), email="Tried.Again@hospital.example")
    access_request(SUBMITTED, email="tried.again@hospital.example", created_at=day(5))
    decided(REJECTED, day(10), day(12), email="earlier.one@hospital.example",
            created_at=day(10))
    access_request(APPROVED, email="earlier.one@hospital.example", created_at=day(1))
    result = funnel()
    assert result.rejected == 3
    assert result.never_retried == 2  # gave.up, and earlier.one whose other request came first


def test_a_later_request_for_another_network_or_period_still_counts_as_trying_again():
    decided(REJECTED, day(0), day(2), email="moved@hospital.example")
    access_request(DRAFT, email="moved@hospital.example", network_code="ERKNet",
                   created_at=day(50))
    result = funnel(network_code="ReCONNET", until=day(10).date())
    assert (result.started, result.rejected, result.never_retried) == (1, 1, 0)


def test_median_days_from_first_submission_to_decision():
    assert funnel().median_days_to_decision is None
    decided(APPROVED, day(0), day(2))
    decided(REJECTED, day(0), day(9))
    decided(APPROVED, day(1), day(5))
    resubmitted = decided(APPROVED, day(0), day(4.5), waiting_since=day(3))
    assert resubmitted.submitted_at == day(0)  # the first submission is what counts
    assert funnel().median_days_to_decision == 4.2  # 2, 4, 4.5, 9 → (4 + 4.5) / 2 = 4.25


def test_median_rounds_to_one_decimal():
    decided(APPROVED, day(0), day(0) + timedelta(hours=30))
    assert funnel().median_days_to_decision == 1.2  # 1.25 days


def test_network_and_days_filter_requests_and_invitations():
    access_request(DRAFT, created_at=day(0))
    access_request(DRAFT, created_at=day(1) - timedelta(hours=9, seconds=1))  # 23:59:59
    access_request(DRAFT, created_at=day(1))
    access_request(DRAFT, created_at=day(3))
    access_request(DRAFT, network_code="ERKNet", created_at=day(1))
    invitation(created_at=day(1), accepted_at=day(2))
    invitation(created_at=day(1))
    invitation(created_at=day(1), network_code="ERKNet")
    first = day(0).date()
    assert funnel().started == 5
    assert funnel(network_code="ReCONNET").started == 4
    assert funnel(since=first + timedelta(days=1)).started == 3
    assert funnel(until=first).started == 2
    assert funnel(network_code="ReCONNET", since=first + timedelta(days=1),
                  until=first + timedelta(days=1)).started == 1
    result = funnel(network_code="ReCONNET")
    assert (result.invitations_sent, result.invitations_accepted) == (2, 1)
    assert funnel(until=date.max).started == 5


def test_an_unknown_network_is_refused():
    with pytest.raises(services.UnknownNetwork):
        funnel(network_code="NOPE")


def test_the_funnel_holds_counts_only():
    decided(REJECTED, day(0), day(1), ["duplicate"], email="private@hospital.example")
    values = funnel(since=day(0).date()).as_dict()
    assert "private" not in repr(values)
    assert values["since"] == "2025-03-03" and values["until"] is None
