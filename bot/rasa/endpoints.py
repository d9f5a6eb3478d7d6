"""Where a run keeps its conversations and locks, and how Rasa reaches the action servers:
endpoints.yml as this run writes it, from the committed file and the environment.

Here, inside the Rasa boundary, because it is Rasa's configuration and production runs it: each
Rasa container in docker-compose.yml writes its endpoints with `write_endpoints` before Rasa
starts, as the launcher does for `make run`. It depends on nothing of the
launcher, so the deployed servers need no developer tool, and the tests check the production
switches without starting anything.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Dict, Mapping, Optional

import yaml

from bot.rasa.action_server import TOKEN_HEADER as ACTION_TOKEN_HEADER
from bot.rasa.action_server import TOKEN_VARIABLE as ACTION_TOKEN_VARIABLE
from bot.settings import REPO_ROOT, redis_url, setting

# The interpreter that runs this module: the virtualenv's in a checkout, the image's in production.
PYTHON = Path(sys.executable)


def write_endpoints(actions_port: int, state_dir: Path, environ: Optional[Mapping[str, str]] = None) -> Path:
    """endpoints.yml for this run: the committed file, with this run's action-server port and,
    when the environment says so, the production stores.

    The committed endpoints.yml stays the single description of the services; only what
    differs between runs is rewritten here:

    - `TRACKER_STORE_URL` (a PostgreSQL URL) keeps conversations in PostgreSQL instead of the
      SQLite file under the state directory (`POSTGRESQL_SCHEMA` picks a schema), in a store
      that waits out a database restart (bot.rasa.tracker_store);
    - `REDIS_URL` (or `REDIS_URL_FILE`) locks conversations in Redis, with
      bot.rasa.lock_store.AtomicRedisLockStore, which is what several Rasa servers need; the
      file names the class alone, and the store reads the URL, which may hold a password, from
      the environment as the shared state does (bot.settings.redis_url);
    - `ACTION_ENDPOINT_URL` names the action servers when they are not on this host (a
      container network, docker-compose.yml).
    """
    endpoints = yaml.safe_load((REPO_ROOT / "endpoints.yml").read_text())
    endpoints["action_endpoint"]["url"] = setting(
        "ACTION_ENDPOINT_URL", f"http://127.0.0.1:{actions_port}/webhook", environ
    )
    # The action server answers only requests with its token (bot/rasa/action_server.py). The
    # file names the variable, which Rasa fills in as it reads it, so the token is in no file.
    endpoints["action_endpoint"]["headers"] = {ACTION_TOKEN_HEADER: "${" + ACTION_TOKEN_VARIABLE + "}"}
    tracker_url = setting("TRACKER_STORE_URL", None, environ)
    if tracker_url:
        endpoints["tracker_store"] = postgres_tracker_store(tracker_url)
    else:
        tracker = endpoints.get("tracker_store") or {}
        if tracker.get("dialect") == "sqlite":
            tracker["db"] = str(state_dir / "tracker.db")
    if redis_url(environ):
        endpoints["lock_store"] = {"type": "bot.rasa.lock_store.AtomicRedisLockStore"}
    path = state_dir / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False))
    return path


def postgres_tracker_store(url: str) -> Dict[str, object]:
    """Rasa's SQL tracker store settings for a PostgreSQL URL."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if not parsed.drivername.startswith("postgresql"):
        raise ValueError("TRACKER_STORE_URL must be a PostgreSQL URL (postgresql://user@host:port/db)")
    store: Dict[str, object] = {
        "type": "bot.rasa.tracker_store.ResilientSQLTrackerStore",
        "dialect": "postgresql",
        "url": parsed.host or "127.0.0.1",
        "port": parsed.port or 5432,
        "db": parsed.database or "postgres",
    }
    if parsed.username:
        store["username"] = parsed.username
    if parsed.password:
        store["password"] = parsed.password
    return store


def prepare_tracker_store(endpoints: Path, env: Dict[str, str], python: Path = PYTHON) -> None:
    """Create the tracker store's tables once, before several Rasa servers start together and
    race to create them (PostgreSQL refuses the loser's CREATE TABLE).

    In a process of its own, run by `python` (this one's interpreter unless told), so that the
    caller need not load Rasa, and the store is created with the environment the servers get."""
    script = (
        "from rasa.core.tracker_store import TrackerStore\n"
        "from rasa.utils.endpoints import read_endpoint_config\n"
        f"TrackerStore.create(read_endpoint_config({str(endpoints)!r}, 'tracker_store'))\n"
    )
    subprocess.run(
        [str(python), "-c", script],
        cwd=REPO_ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=120,
    )
