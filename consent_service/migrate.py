"""Alembic, driven from the Flask app: upgrade, downgrade, current, revision."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from .config import PACKAGE_DIR


def alembic_config(connection=None) -> Config:
    """Return an Alembic config pointing at the package's migrations."""
    config = Config()
    config.set_main_option("script_location", str(PACKAGE_DIR / "migrations"))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(revision: str = "head", connection=None) -> None:
    """Migrate the database up to revision."""
    command.upgrade(alembic_config(connection), revision)


def downgrade(revision: str, connection=None) -> None:
    """Migrate the database down to revision."""
    command.downgrade(alembic_config(connection), revision)
