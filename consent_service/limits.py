"""Rate limits: per client address for pages, per API key for the API."""

from __future__ import annotations

import hashlib

from flask import request
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address


def api_client_key() -> str:
    """Key API limits on the presented credential so one client cannot starve another."""
    header = request.headers.get("Authorization", "")
    if header:
        return "key:" + hashlib.sha256(header.encode()).hexdigest()[:32]
    return "addr:" + get_remote_address()


limiter = Limiter(key_func=get_remote_address)
