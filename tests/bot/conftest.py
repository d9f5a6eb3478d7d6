"""The case store's tests run on both databases it supports: SQLite (the embedded default)
and PostgreSQL (the scale-out path; see tests/postgres.py). The console and the client of
Rasa's HTTP API share one stand-in for that API."""

import pytest
from sqlalchemy import create_engine

from bot.cases import CaseStore
from bot.charter import load_charter
from bot.intake import Desk
from bot.working_days import WorkingCalendar
from tests.bot.web.console.fake_rasa_api import FakeRasaApi
from tests.postgres import drop, emptied, fresh_schema, in_use, url_for


@pytest.fixture(scope="session")
def postgres_schema():
    """One PostgreSQL schema for the session's stores, migrated by the first and emptied for
    each after it."""
    admin, schema = fresh_schema()
    yield schema
    drop(admin, schema)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request):
    if request.param == "sqlite":
        yield CaseStore.from_url("sqlite://")
        return
    engine = create_engine(url_for(request.getfixturevalue("postgres_schema")), future=True)
    with in_use():
        try:
            emptied(engine)
            yield CaseStore(engine)
        finally:
            engine.dispose()


@pytest.fixture(scope="session")
def charter():
    return load_charter()


@pytest.fixture
def desk(charter, store):
    """A desk on a fresh, empty database of each kind."""
    return Desk(charter, WorkingCalendar.from_charter(charter), store)


@pytest.fixture
async def rasa_api():
    """A stand-in for Rasa's HTTP API on a free port (tests/bot/web/console/fake_rasa_api.py)."""
    api = await FakeRasaApi().start()
    yield api
    await api.server.close()
