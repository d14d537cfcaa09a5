"""config.py: environment variables and secret keys kept out of the repository."""

import stat

from consent_service.config import (
    from_environment,
    load_or_create_secret_keys,
    rotate_secret_keys,
)


def test_environment_values_are_read_with_prefix_removed():
    values = from_environment({
        "CONSENT_SERVICE_DATABASE_URL": "postgresql+psycopg://x/y",
        "CONSENT_SERVICE_RATELIMIT_ENABLED": "false",
        "CONSENT_SERVICE_SECRET_KEYS": "old,new",
        "CONSENT_SERVICE_TEST_POSTGRES_URL": "ignored",
        "OTHER": "ignored",
    })
    assert values == {"DATABASE_URL": "postgresql+psycopg://x/y", "RATELIMIT_ENABLED": False,
                      "SECRET_KEYS": ["old", "new"]}


def test_secret_key_file_is_created_once_with_mode_0600(tmp_path):
    first = load_or_create_secret_keys(tmp_path)
    second = load_or_create_secret_keys(tmp_path)
    assert first == second and len(first[0]) >= 48
    assert stat.S_IMODE((tmp_path / "secret_keys").stat().st_mode) == 0o600


def test_rotation_appends_a_newest_key(tmp_path):
    before = load_or_create_secret_keys(tmp_path)
    assert rotate_secret_keys(tmp_path) == 2
    after = load_or_create_secret_keys(tmp_path)
    assert after[0] == before[0] and after[1] != before[0]
    assert stat.S_IMODE((tmp_path / "secret_keys").stat().st_mode) == 0o600


def test_app_without_keys_generates_them_into_its_instance(tmp_path, db_url, engine):
    from consent_service import create_app

    app = create_app({"DATABASE_URL": db_url, "TESTING": True,
                      "INSTANCE_PATH": str(tmp_path / "instance")})
    app.extensions["db"].engine.dispose()
    assert app.config["SECRET_KEY"] == app.config["SECRET_KEYS"][-1]
    assert (tmp_path / "instance" / "secret_keys").read_text().strip() == app.config["SECRET_KEY"]
