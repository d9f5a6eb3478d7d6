"""The case store's tests run on both databases it supports: SQLite (the embedded default)
and PostgreSQL (the scale-out path). PostgreSQL is at 127.0.0.1:5432 (database `test`, or
TEST_POSTGRES_URL); when it cannot be reached its tests are skipped locally and fail in CI."""

import os
import uuid

import pytest
from sqlalchemy import create_engine, text

from bot.cases import CaseStore
from bot.charter import load_charter
from bot.intake import Desk
from bot.working_days import WorkingCalendar

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/test")


def _postgres_schema_url():
    """A fresh schema per test, so tests never see each other's cases."""
    engine = create_engine(POSTGRES_URL, future=True)
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


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request):
    if request.param == "sqlite":
        yield CaseStore.from_url("sqlite://")
        return
    admin, schema = _postgres_schema_url()
    engine = create_engine(POSTGRES_URL, future=True, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield CaseStore(engine)
    finally:
        engine.dispose()
        with admin.begin() as connection:
            connection.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture(scope="session")
def charter():
    return load_charter()


@pytest.fixture
def desk(charter, store):
    """A desk on a fresh, empty database of each kind."""
    return Desk(charter, WorkingCalendar.from_charter(charter), store)
