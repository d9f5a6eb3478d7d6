"""The tracker store waits out a lost database connection, and fails at once on anything else."""

import pytest
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.exc import OperationalError, ProgrammingError

from bot import database
from bot.rasa.tracker_store import ResilientSQLTrackerStore


@pytest.fixture
def store(tmp_path):
    return ResilientSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "tracker.db"))


def _failing(monkeypatch, method, errors):
    real = getattr(SQLTrackerStore, method)
    calls = []

    async def flaky(self, *args):
        calls.append(1)
        if errors:
            raise errors.pop(0)
        return await real(self, *args)

    monkeypatch.setattr(SQLTrackerStore, method, flaky)
    return calls


async def test_a_save_and_a_read_during_a_restart_are_late_not_lost(store, monkeypatch):
    monkeypatch.setattr("bot.rasa.tracker_store.RETRY_EVERY_SECONDS", 0.01)
    lost = OperationalError("SELECT 1", {}, Exception("the database system is shutting down"))
    saves = _failing(monkeypatch, "save", [lost, lost])
    await store.save(DialogueStateTracker.from_events("tenant-1", [UserUttered("my tap drips")]))
    reads = _failing(monkeypatch, "retrieve", [lost])
    assert (await store.retrieve("tenant-1")).sender_id == "tenant-1"
    assert len(saves) == 3 and len(reads) == 2


async def test_an_error_that_is_not_a_lost_connection_is_not_retried(store, monkeypatch):
    calls = _failing(monkeypatch, "retrieve", [ProgrammingError("SELECT", {}, Exception("syntax"))])
    with pytest.raises(ProgrammingError):
        await store.retrieve("tenant-1")
    assert len(calls) == 1


async def test_an_outage_longer_than_the_limit_fails(store, monkeypatch):
    monkeypatch.setattr("bot.rasa.tracker_store.OUTAGE_SECONDS", 0.05)
    monkeypatch.setattr("bot.rasa.tracker_store.RETRY_EVERY_SECONDS", 0.01)
    lost = OperationalError("SELECT 1", {}, Exception("connection refused"))
    _failing(monkeypatch, "retrieve", [lost] * 100)
    with pytest.raises(OperationalError):
        await store.retrieve("tenant-1")


def test_new_connections_wait_while_the_database_refuses_them(monkeypatch):
    from sqlalchemy import create_engine, text

    engine = database.wait_for_connections(create_engine("sqlite://", future=True), outage_seconds=5)
    monkeypatch.setattr(database, "RETRY_EVERY_SECONDS", 0.01)
    refusals = [engine.dialect.dbapi.OperationalError("refused")] * 3
    real_connect = engine.dialect.connect

    def connect(*args, **kwargs):
        if refusals:
            raise refusals.pop()
        return real_connect(*args, **kwargs)

    monkeypatch.setattr(engine.dialect, "connect", connect)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT 1")).scalar() == 1
    assert refusals == []
