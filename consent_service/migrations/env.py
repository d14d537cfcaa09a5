"""Alembic environment: runs against the engine of the Flask app that invoked it."""

from alembic import context
from flask import current_app

from consent_service.db import Base
from consent_service.models import import_all

import_all()
connection = context.config.attributes.get("connection")


def run() -> None:
    """Run migrations on the given connection, or the app's engine."""
    if connection is not None:
        _migrate(connection)
        return
    with current_app.extensions["db"].engine.begin() as conn:
        _migrate(conn)


def _migrate(conn) -> None:
    context.configure(
        connection=conn,
        target_metadata=Base.metadata,
        render_as_batch=conn.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
