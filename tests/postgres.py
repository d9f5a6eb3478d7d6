"""A throwaway PostgreSQL schema for tests of the case store, in-process or in the servers.

PostgreSQL is at 127.0.0.1:5432 (database `test`, or TEST_POSTGRES_URL). When it cannot be
reached its tests are skipped locally and fail in CI, where it must run.
"""

import os
import uuid
from typing import Tuple

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Engine

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")


def fresh_schema() -> Tuple[Engine, str]:
    """An admin engine and a new, empty schema, so tests never see each other's cases."""
    engine = create_engine(POSTGRES_URL, future=True, pool_pre_ping=True)  # outlives a restart test
    try:
        with engine.begin() as connection:
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
    with admin.begin() as connection:
        connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
    admin.dispose()
