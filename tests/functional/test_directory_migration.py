"""Migration 0003 on a database that already holds hospitals and consent requests."""

from sqlalchemy import inspect, text

from consent_service import migrate
from consent_service.db import make_engine
from consent_service.directory.erns import NETWORKS


def test_0003_keeps_hospitals_gives_them_search_text_and_creates_the_networks(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path}/m.db")
    with engine.begin() as conn:
        migrate.upgrade("0002", connection=conn)
        conn.execute(text("INSERT INTO hospitals VALUES ('h1', 'DEMO', 'Hôpital Démo', 'BE', "
                          "'Liège', '', '2026-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO consent_requests VALUES ('r1', 'PSN-1', 'h1', 'en', "
                          "'ern-cpms', 'test', '2026-01-01 00:00:00', '2026-01-15 00:00:00')"))
    with engine.begin() as conn:
        migrate.upgrade("0003", connection=conn)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT search_text FROM hospitals")).scalar() == \
            "hopital demo liege demo"
        assert set(conn.execute(text("SELECT code, name FROM networks")).all()) == set(NETWORKS)
    with engine.begin() as conn:
        migrate.downgrade("0002", connection=conn)
    assert "networks" not in inspect(engine).get_table_names()
    with engine.connect() as conn:
        assert conn.execute(text("SELECT code FROM hospitals")).scalar() == "DEMO"
        assert conn.execute(text("SELECT hospital_id FROM consent_requests")).scalar() == "h1"
    engine.dispose()
