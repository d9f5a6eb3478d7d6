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


# Keeping conversations in memory between turns: every read gives what Rasa's own store would.

from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet  # noqa: E402


def _plain(path):
    return SQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(path))


async def _turn(store, sender, text):
    """What Rasa's processor does with a message: read (or create), add the turn, save."""
    tracker = await store.get_or_create_tracker(sender)
    tracker.update(UserUttered(text))
    tracker.update(ActionExecuted("utter_ask_location"))
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)
    return tracker


def _same(kept, read):
    return [e.as_dict() for e in kept.events] == [e.as_dict() for e in read.events]


async def test_the_next_turn_gets_the_tracker_the_last_turn_saved_and_it_matches_the_database(tmp_path):
    store = ResilientSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    for text in ("my tap drips", "kitchen", "07700 900123"):
        saved = await _turn(store, "tenant-1", text)
    read = await store.retrieve("tenant-1")
    assert read is saved
    assert _same(read, await _plain(tmp_path / "t.db").retrieve("tenant-1"))


async def test_events_another_replica_stored_are_read_from_the_database(tmp_path):
    here = ResilientSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    there = ResilientSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    await _turn(here, "tenant-1", "my tap drips")
    await _turn(here, "tenant-1", "kitchen")
    await _turn(there, "tenant-1", "it's the hot tap")
    read = await here.retrieve("tenant-1")
    assert [e.text for e in read.events if isinstance(e, UserUttered)] == [
        "my tap drips",
        "kitchen",
        "it's the hot tap",
    ]


async def test_a_turn_that_failed_before_its_save_leaves_nothing_behind(tmp_path):
    store = ResilientSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    await _turn(store, "tenant-1", "my tap drips")
    await _turn(store, "tenant-1", "kitchen")
    failed = await store.retrieve("tenant-1")
    failed.update(SlotSet("repair_location", "never saved"))
    read = await store.retrieve("tenant-1")
    assert read is not failed and read.get_slot("repair_location") is None


async def test_a_tracker_is_handed_to_one_reader_at_a_time(tmp_path):
    store = ResilientSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    await _turn(store, "tenant-1", "my tap drips")
    await _turn(store, "tenant-1", "kitchen")
    assert await store.retrieve("tenant-1") is not await store.retrieve("tenant-1")


async def test_a_turn_that_started_a_new_session_is_read_back_as_rasa_reads_it(tmp_path):
    store = ResilientSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    await _turn(store, "tenant-1", "my tap drips")
    await _turn(store, "tenant-1", "kitchen")
    tracker = await store.retrieve("tenant-1")
    tracker.update(ActionExecuted("action_session_start"))
    tracker.update(SessionStarted())
    tracker.update(ActionExecuted("action_listen"))
    await store.save(tracker)
    read = await store.retrieve("tenant-1")
    assert read is not tracker and _same(read, await _plain(tmp_path / "t.db").retrieve("tenant-1"))
    assert not any(isinstance(e, UserUttered) for e in read.events)  # the old session is not in it


async def test_every_event_of_every_turn_is_stored_once(tmp_path):
    store = ResilientSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"))
    for text in ("my tap drips", "kitchen", "yes", "no"):
        saved = await _turn(store, "tenant-1", text)
    full = await _plain(tmp_path / "t.db").retrieve_full_tracker("tenant-1")
    assert _same(saved, full)


async def test_only_the_most_recent_conversations_are_kept(tmp_path):
    store = ResilientSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "t.db"), trackers_kept=2)
    for sender in ("tenant-1", "tenant-2", "tenant-3"):
        await _turn(store, sender, "my tap drips")
        await _turn(store, sender, "kitchen")
    assert list(store._kept) == ["tenant-2", "tenant-3"]


async def test_the_rows_stored_are_the_rows_rasas_own_store_stores(tmp_path):
    ours = ResilientSQLTrackerStore(Domain.empty(), dialect="sqlite", db=str(tmp_path / "ours.db"))
    rasas = _plain(tmp_path / "rasa.db")
    turns = [
        [UserUttered("my tap drips", {"name": "report_repair", "confidence": 0.9}), ActionExecuted("utter_ask")],
        [UserUttered("kitchen", {"name": "inform", "confidence": 0.8}), ActionExecuted("repair_form")],
        [UserUttered("yes", {"name": "affirm", "confidence": 1.0}), ActionExecuted("action_listen")],
    ]
    for store in (ours, rasas):
        for events in turns:
            tracker = await store.get_or_create_tracker("tenant-1")
            for event in events:
                tracker.update(event)
            await store.save(tracker)

    def rows(store):
        """Every column but the id; the first action_listen each store made itself has its own time."""
        with store.engine.connect() as connection:
            table = store.SQLEvent.__table__
            stored = [tuple(r)[1:] for r in connection.execute(table.select().order_by(table.c.id))]
        return [stored[0][:2] + stored[0][3:5]] + stored[1:]

    assert rows(ours) == rows(rasas) and len(rows(ours)) == 7
