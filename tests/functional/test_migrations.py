"""Migrations: the schema they build matches the models, and they run down and up again."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from consent_service.db import Base
from consent_service.models import import_all


def test_migrations_match_the_models(engine):
    import_all()
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_downgrade_to_base_and_upgrade_again(tmp_path):
    from sqlalchemy import inspect

    from consent_service import migrate
    from consent_service.db import make_engine

    engine = make_engine(f"sqlite:///{tmp_path}/m.db")
    with engine.begin() as conn:
        migrate.upgrade("head", connection=conn)
    with engine.begin() as conn:
        migrate.downgrade("base", connection=conn)
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    with engine.begin() as conn:
        migrate.upgrade("head", connection=conn)
    assert "consents" in inspect(engine).get_table_names()
    engine.dispose()
