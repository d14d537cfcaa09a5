"""Demo data for `make run`: clearly labelled demo hospitals and a demo API client."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .api.models import SCOPES, ApiClient
from .api.services import create_client
from .config import PACKAGE_DIR
from .db import utcnow
from .directory.csvfile import read_rows
from .directory.models import Hospital
from .directory.services import import_directory

# Names end in "(demo data)" and domains are under .example (RFC 2606), so nobody mistakes them.
DEMO_DIRECTORY = PACKAGE_DIR / "directory" / "data" / "demo.csv"
DEMO_HOSPITAL_CODE = "DEMO"  # the hospital that `flask demo load` asks a consent for
DEMO_CLIENT = "demo panel system (demo data)"


def load_demo(db: Session) -> Hospital:
    """Import the demo directory (again: it is idempotent) and return the DEMO hospital."""
    import_directory(db, rows=read_rows(DEMO_DIRECTORY.read_bytes()), actor="demo")
    return db.scalars(select(Hospital).where(Hospital.code == DEMO_HOSPITAL_CODE)).one()


def new_demo_key(db: Session) -> str:
    """Revoke earlier demo keys and return a fresh one (keys are stored hashed, shown once)."""
    for client in db.scalars(select(ApiClient).where(ApiClient.name == DEMO_CLIENT,
                                                     ApiClient.revoked_at.is_(None))):
        client.revoked_at = utcnow()
    _client, key = create_client(db, name=DEMO_CLIENT, scopes=list(SCOPES), actor="demo")
    return key
