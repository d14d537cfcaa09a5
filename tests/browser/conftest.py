"""Browser fixtures: the app on a live server with its own database, headless Chromium, axe-core.

The browser tests need Debian's Chromium (never a browser downloaded by Playwright) and axe-core
from npm (`npm ci` at the repository root). On a developer machine without them the tests skip;
when the environment variable CI is set, a missing browser or axe-core is an error instead.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text
from werkzeug.serving import make_server

from consent_service import migrate
from consent_service.consent.formfiles import FormText
from consent_service.consent.links import form_text_for, manage_url, qr_url, signing_url
from consent_service.consent.models import ConsentRequest
from consent_service.db import make_engine, session
from tests import factories
from tests.conftest import ROOT, make_test_app

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts" / "browser"
DEFAULT_TIMEOUT_MS = 15_000
LIVE_SCHEMA = "browser_live"


def unavailable(reason: str) -> None:
    """Skip on a developer machine; fail when CI is set, where the browser tests must run."""
    if "CI" in os.environ:
        pytest.fail(f"{reason} (CI is set, so the browser tests may not skip)", pytrace=False)
    pytest.skip(reason)


# --- the live server -------------------------------------------------------------------------


@dataclass(frozen=True)
class PatientLink:
    """A pending consent request as the patient receives it: the links and the form's text."""

    request_id: str
    url: str
    qr_url: str
    text: FormText

    def right_answers(self) -> dict[str, str]:
        return {q.key: q.answer for q in self.text.questions}

    def option_label(self, question_key: str, option_key: str) -> str:
        question = next(q for q in self.text.questions if q.key == question_key)
        return dict(question.options)[option_key]


class LiveServer:
    """The app served over HTTP on 127.0.0.1, and ways to set up its data directly."""

    def __init__(self, app, base_url: str):
        self.app = app
        self.base_url = base_url

    def url(self, path: str) -> str:
        return self.base_url + path

    def new_request(self, **kwargs) -> PatientLink:
        """Create a hospital and a consent request (factories.consent_request's arguments)."""
        with self.app.app_context():
            request = factories.consent_request(factories.hospital(), **kwargs)
            return PatientLink(request_id=request.id, url=signing_url(request),
                               qr_url=qr_url(request), text=form_text_for(request))

    def sign_directly(self, link: PatientLink, **choices) -> str:
        """Sign through the service (factories.consent's arguments); return the manage link."""
        with self.app.app_context():
            request = session().get(ConsentRequest, link.request_id)
            return manage_url(factories.consent(request, **choices))

    def consent_of(self, link: PatientLink) -> dict | None:
        """Read the recorded consent of a request afresh from the database."""
        with self.app.app_context():
            consent = session().get(ConsentRequest, link.request_id).consent
            if consent is None:
                return None
            return {
                "receipt_id": consent.receipt_id, "decision": consent.decision,
                "choices": dict(consent.choices), "signer_role": consent.signer_role,
                "signer_name": consent.signer_name, "child_name": consent.child_name,
                "child_birth_date": consent.child_birth_date,
                "withdrawn_at": consent.withdrawn_at,
                "events": [event.kind for event in consent.events],
            }


@pytest.fixture(scope="session")
def live_db_url(request, tmp_path_factory) -> str:
    """Its own SQLite file, or its own schema in the session's PostgreSQL database."""
    if os.environ.get("CONSENT_SERVICE_TEST_DB") == "postgres":
        # The live server commits for real: give it a schema of its own, so that rows it leaves
        # never show up in the other tests, which count rows in the public schema.
        request.getfixturevalue("engine")
        base = request.getfixturevalue("db_url")
        admin = make_engine(base)
        try:
            with admin.begin() as conn:
                conn.execute(text(f"DROP SCHEMA IF EXISTS {LIVE_SCHEMA} CASCADE"))
                conn.execute(text(f"CREATE SCHEMA {LIVE_SCHEMA}"))
        finally:
            admin.dispose()
        url = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{LIVE_SCHEMA}"
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('browser-db')}/live.db"
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            migrate.upgrade("head", connection=conn)
    finally:
        engine.dispose()
    return url


@pytest.fixture(scope="session")
def live_server(live_db_url, tmp_path_factory) -> Iterator[LiveServer]:
    app = make_test_app(live_db_url,
                        INSTANCE_PATH=str(tmp_path_factory.mktemp("browser-instance")))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    base_url = f"http://127.0.0.1:{server.server_port}"
    app.config["PUBLIC_URL"] = base_url  # links in pages, emails and QR codes point here
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app, base_url)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        app.extensions["db"].session.remove()
        app.extensions["db"].engine.dispose()


# --- the browser ---------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        unavailable(f"{CHROMIUM} is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE_SCRIPT.is_file():
        unavailable(f"{AXE_SCRIPT.relative_to(ROOT)} is missing (run `npm ci` in {ROOT})")
    return AXE_SCRIPT


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def new_context(browser, request):
    """Open browser contexts; on failure keep a screenshot of each page in test-artifacts/."""
    contexts = []

    def make(**options):
        options.setdefault("locale", "en-GB")
        context = browser.new_context(**options)
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context

    yield make
    report = getattr(request.node, "report_call", None)
    failed = report is not None and report.failed
    for number, context in enumerate(contexts):
        if failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)
            for index, page in enumerate(context.pages):
                try:
                    page.screenshot(path=ARTIFACTS / f"{name}-{number}-{index}.png",
                                    full_page=True)
                except Exception as error:  # a crashed page must not hide the failure
                    print(f"no screenshot of {page.url}: {error}")
        context.close()


@pytest.fixture
def mobile_page(new_context):
    """A phone 360 CSS pixels wide, with touch."""
    context = new_context(viewport={"width": 360, "height": 740}, device_scale_factor=2,
                          is_mobile=True, has_touch=True)
    return context.new_page()


@pytest.fixture
def desktop_page(new_context):
    return new_context(viewport={"width": 1280, "height": 900}).new_page()


@pytest.fixture
def axe_page(new_context, axe_script):
    """A page that may inject axe-core: the app's CSP allows only its own scripts."""
    return new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True).new_page()
