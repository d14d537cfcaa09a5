"""Demo data for `make run`: a clearly labelled demo hospital and a demo API client."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from .api.models import ApiClient
from .api.services import create_client
from .db import utcnow
from .directory.models import Hospital

DEMO_HOSPITAL = {"code": "DEMO", "name": "Demo University Hospital (demo data)",
                 "country": "BE", "city": "Demo City",
                 "dpo_contact": "Data protection officer, Demo University Hospital"}
DEMO_CLIENT = "demo panel system (demo data)"


def load_demo(db: Session) -> Hospital:
    """Create the demo hospital once; later runs leave it as it is."""
    hospital = db.scalars(select(Hospital).where(Hospital.code == DEMO_HOSPITAL["code"])).first()
    if hospital is None:
        hospital = Hospital(**DEMO_HOSPITAL)
        db.add(hospital)
        db.commit()
    return hospital


def new_demo_key(db: Session) -> str:
    """Revoke earlier demo keys and return a fresh one (keys are stored hashed, shown once)."""
    for client in db.scalars(select(ApiClient).where(ApiClient.name == DEMO_CLIENT,
                                                     ApiClient.revoked_at.is_(None))):
        client.revoked_at = utcnow()
    _client, key = create_client(db, name=DEMO_CLIENT, scopes=["consent:request",
                                                              "consent:verify"], actor="demo")
    return key
