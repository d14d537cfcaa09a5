"""consent-service: plain-language consent and onboarding for European clinical panels."""

from __future__ import annotations

from pathlib import Path

from flask import Flask


def create_app(config: dict | None = None) -> Flask:
    """Build the application: configuration, extensions, blueprints, commands."""
    from . import cli, db, errors, health, i18n, logs, security
    from .api.views import bp as api_bp
    from .config import DEFAULTS, data_dir, from_environment, load_or_create_secret_keys
    from .consent.formfiles import FormRegistry
    from .consent.views import bp as consent_bp
    from .directory.views import bp as directory_bp
    from .invitations.views import bp as invitations_bp
    from .limits import limiter
    from .onboarding.views import bp as onboarding_bp
    from .outbox.views import bp as outbox_bp
    from .pages import bp as pages_bp
    from .readability.views import bp as readability_bp
    from .reports.views import bp as reports_bp
    from .review.views import bp as review_bp

    settings = {**DEFAULTS, **from_environment(), **(config or {})}
    app = Flask(__name__, instance_path=settings["INSTANCE_PATH"], instance_relative_config=True)
    app.config.from_mapping(settings)
    if not app.config["SECRET_KEYS"]:
        app.config["SECRET_KEYS"] = load_or_create_secret_keys(Path(app.instance_path))
    app.config["SECRET_KEY"] = app.config["SECRET_KEYS"][-1]
    app.config["SECRET_KEY_FALLBACKS"] = app.config["SECRET_KEYS"][:-1]
    if "SESSION_COOKIE_SECURE" not in settings:
        app.config["SESSION_COOKIE_SECURE"] = app.config["PUBLIC_URL"].startswith("https:")

    logs.init_app(app)
    db.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    limiter.init_app(app)
    errors.init_app(app)
    app.extensions["forms"] = FormRegistry(Path(app.config["FORMS_DIR"] or data_dir("forms")))

    app.register_blueprint(pages_bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(consent_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(readability_bp)
    app.register_blueprint(review_bp)
    app.register_blueprint(outbox_bp)
    app.register_blueprint(onboarding_bp)
    app.register_blueprint(invitations_bp)
    app.register_blueprint(directory_bp)
    app.register_blueprint(reports_bp)
    cli.init_app(app)
    return app
