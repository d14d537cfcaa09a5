"""Configuration: embedded defaults, then CONSENT_SERVICE_* environment variables."""

from __future__ import annotations

import json
import os
import secrets
from datetime import timedelta
from pathlib import Path

PREFIX = "CONSENT_SERVICE_"
PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """Return the forms/ or translations/ directory: the repository's, else the wheel's copy."""
    in_repo = PACKAGE_DIR.parent / name
    return in_repo if in_repo.is_dir() else PACKAGE_DIR / "_data" / name


DEFAULTS: dict[str, object] = {
    "INSTANCE_PATH": None,  # None: instance/ beside the package (Flask's default)
    "DATABASE_URL": None,  # None: sqlite:///<instance>/consent.db
    "PUBLIC_URL": "http://127.0.0.1:5000",
    "SECRET_KEYS": None,  # None: generated into <instance>/secret_keys on first start
    "FORMS_DIR": None,
    "DEFAULT_FORM_ID": "ern-panel-consent",
    "MAX_CONTENT_LENGTH": 64 * 1024,
    "RATELIMIT_ENABLED": True,
    "RATELIMIT_STORAGE_URI": "memory://",
    "RATELIMIT_API": "600 per minute",
    "RATELIMIT_PATIENT_POST": "30 per minute",
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "WTF_CSRF_TIME_LIMIT": 3600 * 8,
    # Email (docs/operations.md, "Email"): the outbox worker's SMTP server. The defaults reach
    # `flask mail catch`, the local catcher that `make run` starts; production sets its own.
    "MAIL_SERVER": "127.0.0.1",
    "MAIL_PORT": 8025,
    "MAIL_USE_TLS": False,  # STARTTLS after connecting
    "MAIL_USERNAME": None,
    "MAIL_PASSWORD": None,
    "MAIL_FROM": "consent-service <noreply@localhost>",
    "MAIL_TIMEOUT": 30,  # seconds per SMTP command
    "MAIL_MAX_ATTEMPTS": 12,  # back-off 1, 2, 4 … 60 minutes: about six hours, then "failed"
    "TOKEN_MAX_AGE": {
        "consent-signing": int(timedelta(days=14).total_seconds()),
        "consent-manage": int(timedelta(days=5 * 365).total_seconds()),
        "consent": int(timedelta(days=90).total_seconds()),
        "email-verify": int(timedelta(hours=24).total_seconds()),
        "invitation": int(timedelta(days=14).total_seconds()),
        "onboarding": int(timedelta(days=90).total_seconds()),
        "access-request": int(timedelta(days=30).total_seconds()),
        "sponsor": int(timedelta(days=14).total_seconds()),
    },
}

# Values read from the environment are JSON when they parse as JSON (numbers, booleans, lists),
# otherwise plain strings; SECRET_KEYS may also be a comma-separated list, newest last.
_LIST_KEYS = {"SECRET_KEYS"}


def from_environment(environ: dict[str, str] | None = None) -> dict[str, object]:
    """Collect CONSENT_SERVICE_* variables into a config mapping without the prefix."""
    environ = os.environ if environ is None else environ
    values: dict[str, object] = {}
    for name, raw in environ.items():
        if not name.startswith(PREFIX) or name.startswith(PREFIX + "TEST_"):
            continue
        key = name[len(PREFIX):]
        try:
            value: object = json.loads(raw)
        except ValueError:
            value = raw
        if key in _LIST_KEYS and isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        values[key] = value
    return values


def load_or_create_secret_keys(instance_path: Path) -> list[str]:
    """Read the instance's secret keys, creating a 0600 file with a fresh key on first start."""
    path = instance_path / "secret_keys"
    instance_path.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        # O_EXCL: two workers starting together must not both write a different key.
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(fd, "w") as handle:
                handle.write(secrets.token_urlsafe(48) + "\n")
    keys = [line.strip() for line in path.read_text().splitlines() if line.strip()]
    if not keys:
        raise RuntimeError(f"{path} holds no secret key")
    return keys


def rotate_secret_keys(instance_path: Path) -> int:
    """Append a new newest key to the instance's key file; return how many keys it holds."""
    keys = load_or_create_secret_keys(instance_path)
    keys.append(secrets.token_urlsafe(48))
    path = instance_path / "secret_keys"
    path.write_text("\n".join(keys) + "\n")
    path.chmod(0o600)
    return len(keys)
