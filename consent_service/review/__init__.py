"""Reviewers and other staff: accounts, sign-in, roles; the review queue comes later."""
