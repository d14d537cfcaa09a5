"""Measure POST /api/v1/consent-tokens/verify in-process: calls per second and latency."""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from consent_service import create_app, migrate
from consent_service.api.services import create_client
from consent_service.consent import services
from consent_service.consent.links import consent_token, form_text_for
from consent_service.db import session
from consent_service.demo import load_demo


def main() -> None:
    """Sign one consent, then verify its token N times through the WSGI app."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--calls", type=int, default=2000)
    parser.add_argument("--database-url", default=None, help="default: a new SQLite file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite:///{Path(tmp) / 'bench.db'}"
        app = create_app({"DATABASE_URL": url, "INSTANCE_PATH": tmp,
                          "SECRET_KEYS": ["bench-key-0123456789abcdef"],
                          "RATELIMIT_ENABLED": False})
        with app.app_context():
            with app.extensions["db"].engine.begin() as conn:
                migrate.upgrade("head", connection=conn)
            hospital = load_demo(session())
            _client, key = create_client(session(), name="bench", scopes=["consent:verify"],
                                         actor="bench")
            request = services.create_request(
                session(), forms=app.extensions["forms"], form_id="ern-panel-consent",
                patient_ref="BENCH-1", hospital_code=hospital.code, language="en",
                requested_by="bench", max_age=3600)
            text = form_text_for(request)
            consent = services.sign(
                session(), request=request, text=text,
                choices={"care": True, "registry": True, "research_contact": False},
                signer=services.Signer(role="patient", name="Bench Patient"),
                answers={q.key: q.answer for q in text.questions})
            token = consent_token(consent)
        client = app.test_client()
        headers = {"Authorization": f"Bearer {key}"}
        body = {"token": token, "require": ["care"]}
        for _ in range(50):  # warm up caches and the connection pool
            client.post("/api/v1/consent-tokens/verify", json=body, headers=headers)
        timings = []
        started = time.perf_counter()
        for _ in range(args.calls):
            t0 = time.perf_counter()
            response = client.post("/api/v1/consent-tokens/verify", json=body, headers=headers)
            timings.append(time.perf_counter() - t0)
            assert response.json["valid"] is True
        elapsed = time.perf_counter() - started
    timings.sort()
    print(f"verify: {args.calls} calls in {elapsed:.2f} s = {args.calls / elapsed:.0f} calls/s "
          f"(one process, one thread, {url.split(':')[0]})")
    print(f"latency ms: median {statistics.median(timings) * 1000:.2f}, "
          f"p95 {timings[int(len(timings) * 0.95)] * 1000:.2f}, max {timings[-1] * 1000:.2f}")


if __name__ == "__main__":
    main()
