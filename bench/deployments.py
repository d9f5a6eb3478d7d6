"""The three deployments the benchmark measures, each started, handed over running, and stopped.

- ours, single and scaled: started by the launcher (tools/launcher's Stack), exactly as
  `make run` and `make run-scaled` start them, so the benchmark measures what people run;
- the stock moodbot: `rasa init`'s bot, served by stock `rasa run` from its own project. A
  Stack cannot start it: a Stack starts our servers (bot.rasa.server with our patches, our
  action server, the chat page) from this repository, with our tokens and stores in their
  environment, and the baseline must be Rasa as it comes. It is started, waited for and stopped
  with the launcher's own helpers for one process (`start_process`, `wait_until_answering`,
  `stop_processes`), not a copy of them.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Optional

from bench.progress import log
from tools.launcher import (
    VENV_BIN,
    Stack,
    free_port,
    free_ports,
    start_process,
    stop_processes,
    wait_until_answering,
)

DEPLOYMENTS = ("single", "scaled", "stock")
TITLES = {"single": "ours, single", "scaled": "ours, scaled x2", "stock": "stock moodbot"}
# Environment that picks our stores; the benchmark sets it per deployment, never inherits it.
STORE_VARIABLES = ("TRACKER_STORE_URL", "POSTGRESQL_SCHEMA", "DATABASE_URL", "REDIS_URL")
SCALED_TRACKER_URL = "postgresql://postgres@127.0.0.1:5432/test"
SCALED_REDIS_URL = "redis://127.0.0.1:6379/0"


@dataclass
class Running:
    url: str
    processes: Dict[str, subprocess.Popen]
    stop: Callable[[], None]
    # Describes the outside services' state (e.g. when PostgreSQL last started); a change across
    # a level means something else on the machine restarted them while it was measured.
    probe: Optional[Callable[[], str]] = None


def start_ours(replicas: int, work: Path, extra_env: Dict[str, str]) -> Running:
    """Our assistant as the launcher starts it, its state and logs under `work`."""
    ports = free_ports()
    name = "single" if replicas == 1 else "scaled"
    stack = Stack(ports, work / name / "state", log_dir=work / name / "logs", extra_env=extra_env, replicas=replicas)
    try:
        stack.start()
        stack.wait_until_ready()
    except BaseException:
        stack.stop()
        raise
    return Running(f"http://127.0.0.1:{ports.rasa}/webhooks/rest/webhook", stack.processes, stack.stop)


def start_single(work: Path) -> Running:
    """One Rasa server and one action server, cases in a SQLite file of this run."""
    return start_ours(1, work, {"DATABASE_URL": f"sqlite:///{work / 'single' / 'state' / 'cases.db'}"})


class StockBot:
    """The moodbot from `rasa init`, served by `rasa run` with its REST channel."""

    def __init__(self, project: Path, log_dir: Path) -> None:
        self.project, self.log_dir = project, log_dir
        self.port = free_port()
        self.processes: Dict[str, subprocess.Popen] = {}

    @staticmethod
    def env() -> Dict[str, str]:
        env = {k: v for k, v in os.environ.items() if k not in STORE_VARIABLES}
        env.update(RASA_TELEMETRY_ENABLED="false", TF_CPP_MIN_LOG_LEVEL="2")
        return env

    @classmethod
    def init(cls, project: Path, log_dir: Path) -> Optional[subprocess.Popen]:
        """Start `rasa init` (which trains the moodbot), unless `project` already has a model."""
        if any((project / "models").glob("*.tar.gz")):
            return None
        project.mkdir(parents=True, exist_ok=True)
        return start_process(
            [str(VENV_BIN / "rasa"), "init", "--no-prompt", "--init-dir", str(project)],
            cls.env(),
            cwd=project,
            log=log_dir / "stock-init.log",
            stdin=subprocess.DEVNULL,
        )

    def start(self) -> None:
        command = [
            str(VENV_BIN / "rasa"),
            "run",
            "--model",
            "models",
            "--interface",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--credentials",
            "credentials.yml",
            "--endpoints",
            "endpoints.yml",
        ]
        self.processes["rasa"] = start_process(
            command, self.env(), cwd=self.project, log=self.log_dir / "stock-rasa.log", stdin=subprocess.DEVNULL
        )

    def wait_until_ready(self, timeout: float = 300.0) -> None:
        wait_until_answering({"rasa": f"http://127.0.0.1:{self.port}/"}, self.processes, timeout)

    def stop(self) -> None:
        stop_processes(self.processes)


def start_stock(project: Path, work: Path) -> Running:
    bot = StockBot(project, work / "stock" / "logs")
    bot.start()
    try:
        bot.wait_until_ready()
    except BaseException:
        bot.stop()
        raise
    return Running(f"http://127.0.0.1:{bot.port}/webhooks/rest/webhook", bot.processes, bot.stop)


# The scaled deployment's PostgreSQL schema while it exists: made when it starts, dropped by
# drop_scaled() afterwards, even when it failed to start.
_scaled_schema: Dict[str, object] = {}


def start_scaled(work: Path) -> Running:
    """Two replicas on a fresh PostgreSQL schema (conversations and cases) and Redis (locks)."""
    try:
        from tests.postgres import fresh_schema, url_for

        admin, schema = fresh_schema()
    except KeyboardInterrupt:
        raise
    except BaseException as error:  # noqa: BLE001 - fresh_schema skips (pytest's exception) when unreachable
        raise RuntimeError(f"PostgreSQL not reachable: {error}") from None
    _scaled_schema.update(admin=admin, schema=schema)
    log(f"starting our scaled deployment (2 replicas, nginx, PostgreSQL schema {schema}, Redis)")
    running = start_ours(
        2,
        work,
        {
            "TRACKER_STORE_URL": SCALED_TRACKER_URL,
            "POSTGRESQL_SCHEMA": schema,
            "DATABASE_URL": url_for(schema),
            "REDIS_URL": SCALED_REDIS_URL,
        },
    )
    running.probe = lambda: _postgres_started(admin)
    return running


def _postgres_started(admin: object) -> str:
    from sqlalchemy import text

    try:
        with admin.connect() as connection:  # type: ignore[attr-defined]
            started = connection.execute(text("SELECT pg_postmaster_start_time()")).scalar()
        return f"PostgreSQL up since {started:%H:%M:%S}"
    except Exception as error:  # noqa: BLE001 - reported as the state
        return f"PostgreSQL unreachable ({type(error).__name__})"


def drop_scaled() -> None:
    """Drop the scaled deployment's schema, if it made one."""
    if not _scaled_schema:
        return
    from tests.postgres import drop

    for attempt in (1, 2):  # a pooled connection may have died in a PostgreSQL restart
        try:
            drop(_scaled_schema["admin"], _scaled_schema["schema"])  # type: ignore[arg-type]
            log(f"dropped schema {_scaled_schema['schema']}")
            break
        except Exception as error:  # noqa: BLE001 - reported; the benchmark's figures still stand
            if attempt == 2:
                log(f"could not drop schema {_scaled_schema['schema']}: {error}")
    _scaled_schema.clear()
