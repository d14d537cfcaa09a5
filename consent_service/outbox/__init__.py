"""Transactional email outbox: rows queued with the change that causes them, sent after commit."""
