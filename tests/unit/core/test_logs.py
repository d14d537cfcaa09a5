"""logs.py: access log lines never carry a signing or manage token."""

import logging

from consent_service.logs import RedactLinkTokens, redact

TOKEN = "eyJyIjoiNjY4OTNlM2EifQ.awceLw.20rnsHo3g97b0bLwUMXEDGiKfmY"


def test_redact_hides_tokens_of_both_link_kinds():
    assert redact(f"GET /c/{TOKEN}/check HTTP/1.1") == "GET /c/[token]/check HTTP/1.1"
    assert redact(f"GET /m/{TOKEN} HTTP/1.1") == "GET /m/[token] HTTP/1.1"
    assert redact("GET /api/v1/consents HTTP/1.1") == "GET /api/v1/consents HTTP/1.1"


def test_werkzeug_style_record_is_rewritten(app, caplog):
    record = logging.LogRecord("werkzeug", logging.INFO, __file__, 1, '%s - "%s" %s',
                               ("127.0.0.1", f"GET /c/{TOKEN} HTTP/1.1", "200"), None)
    assert RedactLinkTokens().filter(record)
    assert TOKEN not in record.getMessage() and "/c/[token]" in record.getMessage()
    assert any(isinstance(f, RedactLinkTokens) for f in logging.getLogger("werkzeug").filters)
