"""Logging hygiene: signing and manage links are credentials, so access logs hide them."""

from __future__ import annotations

import logging
import re

from flask import Flask

# /c/<token> and /m/<token>: whoever holds the token can sign or change a patient's consent.
_LINK = re.compile(r"(/[cm]/)[A-Za-z0-9_.\-]{8,}")
ACCESS_LOGGERS = ("werkzeug", "gunicorn.access")


def redact(text: str) -> str:
    """Replace link tokens in text by a marker."""
    return _LINK.sub(r"\1[token]", text)


class RedactLinkTokens(logging.Filter):
    """Rewrite a log record so that no link token reaches a handler."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: redact(v) if isinstance(v, str) else v
                           for k, v in record.args.items()}
        return True


def init_app(app: Flask) -> None:
    """Attach the filter to the access loggers once per process."""
    for name in ACCESS_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactLinkTokens) for f in logger.filters):
            logger.addFilter(RedactLinkTokens())
