"""A throwaway PostgreSQL schema for tests of the case store, in-process or in the servers.

PostgreSQL is at 127.0.0.1:5432 (database `test`, or TEST_POSTGRES_URL). When it cannot be
reached its tests are skipped locally and fail in CI, where it must run.
"""

import fcntl
import os
import tempfile
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import ContextManager, Iterator, Tuple

import pytest
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")


# The end-to-end suite restarts PostgreSQL under load (tests/e2e/test_faults.py) while the other
# test process may be using it: a case store's test lost its connection mid-TRUNCATE. Every test
# that uses PostgreSQL holds this file shared, and the restart holds it alone.
_RESTART_LOCK = Path(tempfile.gettempdir()) / "tenant-assistant-tests-postgresql.lock"


@contextmanager
def _locked(mode: int) -> Iterator[None]:
    with open(_RESTART_LOCK, "a") as lock:
        fcntl.flock(lock, mode)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def in_use() -> ContextManager[None]:
    """Held while a test uses PostgreSQL: no restart happens meanwhile."""
    return _locked(fcntl.LOCK_SH)


def restarting() -> ContextManager[None]:
    """Held while PostgreSQL restarts: waits for the tests using it, and holds back new ones."""
    return _locked(fcntl.LOCK_EX)


def fresh_schema() -> Tuple[Engine, str]:
    """An admin engine and a new, empty schema, so tests never see each other's cases."""
    engine = create_engine(POSTGRES_URL, future=True, pool_pre_ping=True)  # outlives a restart test
    try:
        with in_use(), engine.begin() as connection:
            schema = f"test_{uuid.uuid4().hex[:12]}"
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    except Exception as error:  # noqa: BLE001 - any failure to connect means "not reachable"
        message = f"PostgreSQL is not reachable at {POSTGRES_URL}: {type(error).__name__}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return engine, schema


def url_for(schema: str) -> str:
    """A DATABASE_URL whose connections use only `schema`."""
    separator = "&" if "?" in POSTGRES_URL else "?"
    return f"{POSTGRES_URL}{separator}options=-csearch_path%3D{schema}"


def drop(admin: Engine, schema: str) -> None:
    with in_use(), admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()


def emptied(engine: Engine) -> None:
    """Every table of the engine's schema emptied and its numbering restarted, the migrations
    kept: what a new, migrated schema holds, without migrating one for each test (about 0.2 s a
    test). A lock left by a test that failed mid-transaction fails the next test, not the run."""
    with engine.begin() as connection:
        tables = [name for name in inspect(connection).get_table_names() if name != "alembic_version"]
        if tables:
            connection.execute(text("SET LOCAL lock_timeout = '10s'"))
            listed = ", ".join(f'"{name}"' for name in tables)
            connection.execute(text(f"TRUNCATE {listed} RESTART IDENTITY CASCADE"))
