"""Reminders to applicants, sponsors, reviewers and invitees, each sent once."""
