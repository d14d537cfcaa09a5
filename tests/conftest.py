"""Fixtures: an app per test on SQLite or PostgreSQL, each test inside a rolled-back transaction."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from flask import g
from flask.testing import FlaskClient
from sqlalchemy import text

from consent_service import create_app, migrate
from consent_service.db import make_engine

ROOT = Path(__file__).resolve().parent.parent
FORMS_DIR = ROOT / "forms"
TEST_KEYS = ["test-key-old-0123456789abcdef", "test-key-new-0123456789abcdef"]
PUBLIC_URL = "http://localhost"


def database_url(tmp_path_factory) -> str:
    """Return PostgreSQL when CONSENT_SERVICE_TEST_DB=postgres, else a fresh SQLite file."""
    if os.environ.get("CONSENT_SERVICE_TEST_DB") == "postgres":
        url = os.environ.get("CONSENT_SERVICE_TEST_POSTGRES_URL")
        if not url:
            pytest.exit("CONSENT_SERVICE_TEST_DB=postgres needs CONSENT_SERVICE_TEST_POSTGRES_URL")
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db')}/test.db"


def reset_schema(engine) -> None:
    """Drop every table (PostgreSQL keeps them between runs) and migrate from scratch."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    with engine.begin() as conn:
        migrate.upgrade("head", connection=conn)


@pytest.fixture(scope="session")
def db_url(tmp_path_factory):
    return database_url(tmp_path_factory)


@pytest.fixture(scope="session")
def engine(db_url):
    engine = make_engine(db_url)
    reset_schema(engine)
    yield engine
    engine.dispose()


def make_test_app(db_url: str, **overrides):
    config = {
        "TESTING": True,
        "DATABASE_URL": db_url,
        "SECRET_KEYS": TEST_KEYS,
        "FORMS_DIR": str(FORMS_DIR),
        "PUBLIC_URL": PUBLIC_URL,
        "RATELIMIT_ENABLED": False,
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture
def app_config():
    """Override to change the app's configuration in a test module."""
    return {}


@pytest.fixture
def app(engine, db_url, app_config, tmp_path):
    app = make_test_app(db_url, INSTANCE_PATH=str(tmp_path / "instance"), **app_config)
    connection = engine.connect()
    outer = connection.begin()
    database = app.extensions["db"]
    # Commits inside the app release savepoints; the outer transaction is rolled back.
    database.rebind(connection, join_transaction_mode="create_savepoint")
    with app.app_context():
        yield app
    database.session.remove()
    outer.rollback()
    connection.close()
    database.engine.dispose()


@pytest.fixture
def db(app):
    return app.extensions["db"].session()


class FreshGlobalsClient(FlaskClient):
    """A test client whose requests each start with an empty `g`.

    The `app` fixture keeps an app context pushed for factories and assertions, and Flask reuses
    it for the client's requests; without this, `g` (and Flask-Babel's locale cached in it)
    would leak from one request into the next.
    """

    def open(self, *args, **kwargs):
        for name in list(vars(g)):
            delattr(g, name)
        return super().open(*args, **kwargs)


@pytest.fixture
def client(app):
    app.test_client_class = FreshGlobalsClient
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def english_forms_dir(tmp_path) -> Path:
    """A forms directory with one version holding only form.toml and en.toml."""
    folder = tmp_path / "ern-panel-consent" / "1"
    folder.mkdir(parents=True)
    for name in ("form.toml", "en.toml"):
        shutil.copy(FORMS_DIR / "ern-panel-consent" / "1" / name, folder / name)
    return tmp_path


CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')


def csrf_token(html: str) -> str:
    """Return the CSRF token of the first form in a page."""
    match = CSRF.search(html)
    assert match, "page has no CSRF token"
    return match.group(1)
