"""Why an onboarding operation was refused; views turn these into messages or 409 answers."""

from __future__ import annotations


class OnboardingError(Exception):
    """An onboarding operation was refused."""


class IllegalTransition(OnboardingError):
    """The request is not in a state that allows this action (HTTP 409)."""

    def __init__(self, action: str, status: str):
        super().__init__(f"cannot {action} a request that is {status}")
        self.action = action
        self.status = status


class NotEligible(OnboardingError):
    """The applicant works outside the EU/EEA, which the networks do not serve."""


class TooManyLinks(OnboardingError):
    """Links were sent to this address too often; try again after retry_after seconds."""

    def __init__(self, retry_after: int):
        super().__init__(f"too many links; retry after {retry_after} s")
        self.retry_after = retry_after


class ChecksOpen(OnboardingError):
    """Pre-checks still stop the submission."""


class SponsorPending(OnboardingError):
    """The request needs its sponsor's confirmation before it can be approved."""


class InvalidDecision(OnboardingError):
    """A decision lacks what it needs (reason codes, message) or names unknown codes."""
