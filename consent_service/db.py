"""Database: typed declarative base, one engine per app, one session per request."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from flask import Flask, current_app
from sqlalchemy import JSON, DateTime, MetaData, String, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import (
    DeclarativeBase,
    Session,
    mapped_column,
    scoped_session,
    sessionmaker,
)
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


def new_id() -> str:
    """Return a new public identifier (UUID4 as text)."""
    return str(uuid.uuid4())


class UTCDateTime(TypeDecorator):
    """Store aware datetimes as UTC; SQLite drops the zone, so put it back on the way out."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if value is not None:
            if value.tzinfo is None:
                raise ValueError("naive datetime given; use an aware UTC datetime")
            value = value.astimezone(UTC)
        return value

    def process_result_value(self, value, dialect):
        if value is None:
            return None
        # SQLite returns naive values (stored as UTC); PostgreSQL returns the session's zone.
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


PublicId = Annotated[str, mapped_column(String(36), primary_key=True, default=new_id)]
Timestamp = Annotated[datetime, mapped_column(UTCDateTime(), default=utcnow)]


class Base(DeclarativeBase):
    """Base class of every model."""

    # Named constraints keep migrations identical on SQLite and PostgreSQL.
    metadata = MetaData(naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "ck": "ck_%(table_name)s_%(constraint_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    })
    type_annotation_map = {datetime: UTCDateTime(), dict: JSON(), list: JSON()}


def _sqlite_connect(dbapi_connection, _record):
    # Let SQLAlchemy, not the sqlite3 module, decide when transactions begin: otherwise
    # SAVEPOINTs misbehave (see SQLAlchemy's "Serializable isolation / Savepoints" notes).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.close()


def _sqlite_begin(connection):
    connection.exec_driver_sql("BEGIN")


def make_engine(url: str) -> Engine:
    """Create the engine for url, with SQLite set up to enforce foreign keys."""
    engine = create_engine(url, pool_pre_ping=not url.startswith("sqlite"))
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


class Database:
    """The app's engine and its request-scoped session."""

    def __init__(self, url: str):
        self.engine = make_engine(url)
        self.sessionmaker = sessionmaker(bind=self.engine, expire_on_commit=False)
        self.session = scoped_session(self.sessionmaker)

    def rebind(self, bind, **options) -> None:
        """Bind sessions to another engine or connection (tests use an outer transaction)."""
        self.session.remove()
        self.sessionmaker.configure(bind=bind, **options)


def init_app(app: Flask) -> None:
    """Create the app's database and close its session at the end of every request."""
    url = app.config["DATABASE_URL"]
    if not url:
        url = f"sqlite:///{app.instance_path}/consent.db"
        app.config["DATABASE_URL"] = url
    app.extensions["db"] = Database(url)

    @app.teardown_appcontext
    def remove_session(_exc):
        app.extensions["db"].session.remove()


def get_db() -> Database:
    """Return the current app's database."""
    return current_app.extensions["db"]


def session() -> Session:
    """Return the session of the current request or command."""
    return current_app.extensions["db"].session()
