"""Measure the reviewers' queue page and the funnel report as requests pile up."""

from __future__ import annotations

import argparse
import secrets
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select

from consent_service import create_app, migrate
from consent_service.db import session, utcnow
from consent_service.demo import load_demo
from consent_service.directory.models import Network
from consent_service.onboarding.models import (
    APPROVED,
    REJECTED,
    SUBMITTED,
    AccessRequest,
    RequestEvent,
)
from consent_service.reports.services import funnel
from consent_service.review.services import create_staff

PASSWORD = secrets.token_urlsafe(16)  # a throw-away account in a throw-away database


def _fill(waiting: int, decided: int) -> None:
    """Add waiting requests (the queue) and decided ones (the funnel's history)."""
    db = session()
    hospital = load_demo(db)
    network = db.scalars(select(Network).where(Network.code == "ReCONNET")).one()
    now = utcnow()
    for number in range(waiting + decided):
        at = now - timedelta(hours=number)
        status = SUBMITTED if number < waiting else (APPROVED if number % 2 else REJECTED)
        request = AccessRequest(
            email=f"doctor{number}@demo-hospital.example", language="en", status=status,
            country="BE", name=f"Doctor {number}", profession="physician",
            registration_number=f"BE-{number}", hospital_id=hospital.id, network_id=network.id,
            role="member", reason="Panels on systemic sclerosis.", submissions=1,
            created_at=at, updated_at=at, verified_at=at, submitted_at=at, waiting_since=at,
            decided_at=None if status == SUBMITTED else at + timedelta(days=2))
        db.add(request)
        db.flush()
        db.add(RequestEvent(request_id=request.id, at=at, kind="submitted", actor="applicant"))
        if status == REJECTED:
            db.add(RequestEvent(request_id=request.id, at=at, kind="rejected", actor="bench",
                                reason_codes=["registration_number"], message="Bench."))
    db.commit()


def _time(action, rounds: int) -> list[float]:
    timings = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        timings.append(time.perf_counter() - started)
    return sorted(timings)


def _report(name: str, timings: list[float]) -> None:
    print(f"{name}: median {statistics.median(timings) * 1000:.1f} ms, "
          f"max {timings[-1] * 1000:.1f} ms over {len(timings)} rounds")


def main() -> None:
    """Fill a database, then time GET /staff/requests and the funnel report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--waiting", type=int, default=200, help="requests in the queue")
    parser.add_argument("--decided", type=int, default=5000, help="decided requests")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--database-url", default=None, help="default: a new SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": tmp,
                          "SECRET_KEYS": ["bench-key-0123456789abcdef"],
                          "RATELIMIT_ENABLED": False, "WTF_CSRF_ENABLED": False})
        with app.app_context():
            with app.extensions["db"].engine.begin() as conn:
                migrate.upgrade("head", connection=conn)
            _fill(args.waiting, args.decided)
            member = create_staff(session(), email="bench@example.org", name="Bench",
                                  password=PASSWORD, role="helpdesk", network_code=None,
                                  actor="bench")
            report = _time(lambda: funnel(session(), now=utcnow()), args.rounds)
        client = app.test_client()
        client.post("/staff/login", data={"email": member.email, "password": PASSWORD})

        def queue_page() -> None:
            response = client.get("/staff/requests")
            assert response.status_code == 200, response.status_code

        queue_page()  # warm up templates and the connection pool
        page = _time(queue_page, args.rounds)
    print(f"{args.waiting} waiting, {args.decided} decided requests "
          f"({url.split(':')[0]}, one process, one thread)")
    _report("GET /staff/requests", page)
    _report("funnel report", report)


if __name__ == "__main__":
    main()
