"""Databases for the store's tests: a SQLite file, and a fresh PostgreSQL database per test.

PostgreSQL runs at 127.0.0.1:5432 on every machine and in CI (user postgres,
database `test`, trust auth; override with TACTFUL_TEST_PG_URL). Each test
gets its own database, `tactful_test_<random>`, dropped afterwards, so runs in
parallel never collide. When PostgreSQL is missing, a test is skipped on a
laptop but FAILS in CI (env CI=true): the store must be tested on both.

Import the fixtures into a test module: ``from dbfixtures import db_url, pg_url``.
"""

from __future__ import annotations

import os
import secrets
from contextlib import contextmanager

import pytest

ADMIN_URL = os.environ.get("TACTFUL_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


def _in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _admin():
    import psycopg
    return psycopg.connect(ADMIN_URL, autocommit=True, connect_timeout=3)


def require_postgres() -> None:
    """Skip (or, in CI, fail) when PostgreSQL cannot be reached."""
    try:
        _admin().close()
    except Exception as exc:  # noqa: BLE001 - any failure to connect means "not available"
        message = f"PostgreSQL is not reachable at {ADMIN_URL}: {exc}"
        if _in_ci():
            pytest.fail(message + " (CI=true: the store must be tested on PostgreSQL)", pytrace=False)
        pytest.skip(message)


def sqlalchemy_url(dbname: str) -> str:
    from sqlalchemy.engine import make_url
    base = make_url(ADMIN_URL).set(drivername="postgresql+psycopg", database=dbname)
    return base.render_as_string(hide_password=False)


@contextmanager
def fresh_postgres_database():
    """Create `tactful_test_<random>`, yield its SQLAlchemy URL, drop it (with any connections) after."""
    require_postgres()
    name = f"tactful_test_{secrets.token_hex(6)}"
    with _admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name, sqlalchemy_url(name)
    finally:
        with _admin() as conn:
            conn.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def set_connections(dbname: str, allowed: bool) -> None:
    """Simulate a database outage: refuse new connections and end the open ones (or allow them again)."""
    with _admin() as conn:
        conn.execute(f'ALTER DATABASE "{dbname}" ALLOW_CONNECTIONS {"true" if allowed else "false"}')
        if not allowed:
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = %s AND pid <> pg_backend_pid()", (dbname,))


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    """A SQLAlchemy URL of an empty database: SQLite in tmp_path, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'instance' / 'tactful.db'}"
        return
    with fresh_postgres_database() as (_, url):
        yield url


@pytest.fixture()
def pg_database():
    """(name, SQLAlchemy URL) of a fresh PostgreSQL database."""
    with fresh_postgres_database() as found:
        yield found
