"""Rasa's endpoints for a run and for production: the environment alone moves conversations to
PostgreSQL and locks to Redis, and names action servers on another host."""

import pytest
import yaml

from bot.rasa.endpoints import write_endpoints


def _endpoints(tmp_path, **environ):
    return yaml.safe_load(write_endpoints(5055, tmp_path, environ).read_text())


def test_by_default_conversations_are_in_a_sqlite_file_of_the_run_and_locks_in_memory(tmp_path):
    endpoints = _endpoints(tmp_path)
    assert endpoints["tracker_store"]["dialect"] == "sqlite"
    assert endpoints["tracker_store"]["db"] == str(tmp_path / "tracker.db")
    assert "lock_store" not in endpoints
    assert endpoints["action_endpoint"]["url"] == "http://127.0.0.1:5055/webhook"


def test_the_environment_switches_to_postgresql_and_redis(tmp_path):
    endpoints = _endpoints(
        tmp_path,
        TRACKER_STORE_URL="postgresql+psycopg2://rasa:secret@db.internal:6543/conversations",
        REDIS_URL="redis://cache.internal:6379/2",
        ACTION_ENDPOINT_URL="http://nginx:5055/webhook",
    )
    assert endpoints["tracker_store"] == {
        "type": "bot.rasa.tracker_store.ResilientSQLTrackerStore",
        "dialect": "postgresql",
        "url": "db.internal",
        "port": 6543,
        "db": "conversations",
        "username": "rasa",
        "password": "secret",
    }
    assert endpoints["lock_store"] == {"type": "bot.rasa.lock_store.AtomicRedisLockStore"}
    assert endpoints["action_endpoint"]["url"] == "http://nginx:5055/webhook"


def test_the_redis_url_which_may_hold_a_password_is_written_into_no_file(tmp_path):
    """The lock store reads it from the environment itself (bot/rasa/lock_store.py)."""
    path = write_endpoints(5055, tmp_path, {"REDIS_URL": "redis://:a-password@cache.internal:6379/2"})
    assert "a-password" not in path.read_text() and "cache.internal" not in path.read_text()


def test_redis_url_file_locks_conversations_in_redis_too(tmp_path):
    (tmp_path / "redis-url").write_text("redis://cache.internal:6379/2\n")
    endpoints = _endpoints(tmp_path, REDIS_URL_FILE=str(tmp_path / "redis-url"))
    assert endpoints["lock_store"] == {"type": "bot.rasa.lock_store.AtomicRedisLockStore"}


def test_a_tracker_store_url_that_is_not_postgresql_is_refused(tmp_path):
    with pytest.raises(ValueError, match="PostgreSQL"):
        _endpoints(tmp_path, TRACKER_STORE_URL="mysql://rasa@db/conversations")
