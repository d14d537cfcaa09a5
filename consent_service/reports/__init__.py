"""Reports for staff: the onboarding funnel."""
