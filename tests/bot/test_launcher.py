"""The launcher's production switches: the environment alone moves conversations to PostgreSQL
and locks to Redis, and the nginx in front of the replicas is a configuration nginx accepts."""

import os
import shutil
import subprocess

import pytest
import yaml

from bot.launcher import NGINX, Ports, write_endpoints, write_nginx_config


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
    assert endpoints["lock_store"] == {
        "type": "bot.rasa.lock_store.AtomicRedisLockStore",
        "url": "redis://cache.internal:6379/2",
    }
    assert endpoints["action_endpoint"]["url"] == "http://nginx:5055/webhook"


def test_a_tracker_store_url_that_is_not_postgresql_is_refused(tmp_path):
    with pytest.raises(ValueError, match="PostgreSQL"):
        _endpoints(tmp_path, TRACKER_STORE_URL="mysql://rasa@db/conversations")


def test_nginx_accepts_the_configuration_for_the_replicas(tmp_path):
    if not shutil.which(NGINX):
        message = "nginx is installed by `make` (scripts/install-debian-packages)"
        pytest.fail(message) if os.environ.get("CI") else pytest.skip(message)
    config = write_nginx_config(
        tmp_path,
        Ports(rasa=15005, actions=15055, web=18080),
        {"rasa-1": 15015, "rasa-2": 15016, "actions-1": 15065, "actions-2": 15066},
    )
    text = config.read_text()
    assert "server 127.0.0.1:15015" in text and "server 127.0.0.1:15066" in text
    result = subprocess.run([NGINX, "-t", "-c", str(config), "-p", str(tmp_path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
