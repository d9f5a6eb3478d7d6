"""The Stack: our three processes (the Rasa server, the action server and the tenant chat
page), or replicas of the first two behind nginx, started together with this run's settings and
stopped together whatever state they are in.

What each process is started with lives here, in one class, because it is one decision: which
tokens, secrets and stores every process shares, so that they can talk to each other and to
nothing else.
"""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
from dataclasses import astuple, dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Set

from bot.chat_signature import OPEN_SWITCH as OPEN_REST_SWITCH
from bot.chat_signature import SECRET_VARIABLE as CHAT_SECRET_VARIABLE
from bot.limits import MAX_OTHER_REQUEST_BYTES
from bot.rasa.action_server import TOKEN_VARIABLE as ACTION_TOKEN_VARIABLE
from bot.rasa.endpoints import prepare_tracker_store, write_endpoints
from bot.rasa.server import TOKEN_VARIABLE as API_TOKEN_VARIABLE
from bot.settings import REPO_ROOT, secret
from tools.launcher.nginx import NGINX, write_nginx_config
from tools.launcher.ports import Ports, free_port, port_free
from tools.launcher.processes import VENV_BIN, make_private, start_process, stop_processes, wait_until_answering


@dataclass
class Stack:
    """The running processes; `stop()` ends them all, whatever state they are in."""

    ports: Ports
    state_dir: Path
    model_dir: Path = REPO_ROOT / "models"
    extra_env: Dict[str, str] = field(default_factory=dict)
    log_dir: Optional[Path] = None
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)
    # Rasa's HTTP API (transcripts, staff replies, handing back) answers only with this token,
    # and the action server only with its own. RASA_API_TOKEN and ACTION_SERVER_TOKEN (or their
    # _FILE forms) set them; otherwise each run makes its own. Both travel in the environment
    # of the processes that need them, never on a command line.
    api_token: str = field(default_factory=lambda: secret(API_TOKEN_VARIABLE) or secrets.token_hex(32))
    action_token: str = field(default_factory=lambda: secret(ACTION_TOKEN_VARIABLE) or secrets.token_hex(32))
    # Signs the chat page's messages to the REST channel (bot/chat_signature.py).
    chat_secret: str = field(default_factory=lambda: secret(CHAT_SECRET_VARIABLE) or secrets.token_hex(32))
    replicas: int = 1
    replica_ports: Dict[str, int] = field(default_factory=dict)
    # Seconds between the updates workers' passes (bot/updates/worker.py); the tests go faster.
    updates_interval: float = 15.0

    def _env(self) -> Dict[str, str]:
        env = dict(os.environ)
        env.setdefault("RASA_TELEMETRY_ENABLED", "false")
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
        env.setdefault("DATABASE_URL", f"sqlite:///{self.state_dir / 'cases.db'}")
        # A local run takes unsigned REST messages too (rasa shell, curl, the tests), never for
        # another channel's tenants; production leaves this off (docker-compose.yml).
        env.setdefault(OPEN_REST_SWITCH, "1")
        env["PYTHONPATH"] = str(REPO_ROOT)
        env.update(self.extra_env)
        for name in (API_TOKEN_VARIABLE, ACTION_TOKEN_VARIABLE, CHAT_SECRET_VARIABLE):
            env.pop(f"{name}_FILE", None)
        env[API_TOKEN_VARIABLE] = self.api_token
        env[ACTION_TOKEN_VARIABLE] = self.action_token
        env[CHAT_SECRET_VARIABLE] = self.chat_secret
        return env

    def _start(self, name: str, command: List[str], env: Dict[str, str]) -> None:
        log = self.log_dir / f"{name}.log" if self.log_dir is not None else None
        self.processes[name] = start_process(command, env, log=log)

    def start(self) -> None:
        """One Rasa server and one action server, or `replicas` of each behind nginx, which then
        listens on the ports a single server would, so nothing else changes.

        Everything the processes write (conversations, cases, staff password hashes, logs) is
        created readable by this user alone."""
        self.state_dir.mkdir(parents=True, exist_ok=True)
        make_private(self.state_dir)
        env = self._env()
        endpoints = write_endpoints(self.ports.actions, self.state_dir, env)
        if self.replicas == 1:
            self._start_actions("actions", self.ports.actions, env)
            self._start_rasa("rasa", self.ports.rasa, endpoints, env)
        else:
            prepare_tracker_store(endpoints, env, VENV_BIN / "python")
            for n in range(1, self.replicas + 1):
                self.replica_ports[f"actions-{n}"] = free_port(self._ports_taken())
                self.replica_ports[f"rasa-{n}"] = free_port(self._ports_taken())
                self._start_actions(f"actions-{n}", self.replica_ports[f"actions-{n}"], env)
                self._start_rasa(f"rasa-{n}", self.replica_ports[f"rasa-{n}"], endpoints, env)
            config = write_nginx_config(self.state_dir, self.ports, self.replica_ports)
            self._start("nginx", [NGINX, "-c", str(config), "-p", str(self.state_dir), "-g", "daemon off;"], env)
        for n in range(1, self.replicas + 1):
            # One updates worker beside each replica: they share the work through the database.
            name = "updates" if self.replicas == 1 else f"updates-{n}"
            command = ["-m", "bot.updates.worker", "--interval", str(self.updates_interval)]
            self._start(name, [str(VENV_BIN / "python"), *command], env)
        self._start(
            "web",
            [
                str(VENV_BIN / "python"),
                "-m",
                "bot.web.chat.server",
                "--port",
                str(self.ports.web),
                "--rasa-url",
                f"http://127.0.0.1:{self.ports.rasa}",
            ],
            env,
        )

    def _start_actions(self, name: str, port: int, env: Dict[str, str]) -> None:
        self._start(
            name,
            [str(VENV_BIN / "python"), "-m", "bot.rasa.action_server", "--actions", "actions", "--port", str(port)],
            {**env, "SANIC_HOST": "127.0.0.1"},
        )

    def _start_rasa(self, name: str, port: int, endpoints: Path, env: Dict[str, str]) -> None:
        self._start(
            name,
            [
                str(VENV_BIN / "python"),
                "-m",
                "bot.rasa.server",
                "run",
                "--model",
                str(self.model_dir),
                "--interface",
                "127.0.0.1",
                "--port",
                str(port),
                "--credentials",
                str(REPO_ROOT / "credentials.yml"),
                "--endpoints",
                str(endpoints),
                "--enable-api",
            ],
            # Sanic's own limit for every request (100 MB by default); webhooks have a lower one.
            {**env, "SANIC_REQUEST_MAX_SIZE": str(MAX_OTHER_REQUEST_BYTES)},
        )

    def _ports_taken(self) -> Set[int]:
        """The ports this run has chosen already, whether or not their processes have started."""
        return {*astuple(self.ports), *self.replica_ports.values()}

    def health_urls(self) -> Dict[str, str]:
        urls = {
            "actions": f"http://127.0.0.1:{self.ports.actions}/health",
            "rasa": f"http://127.0.0.1:{self.ports.rasa}/",
            "web": f"http://127.0.0.1:{self.ports.web}/health",
        }
        if self.replicas == 1:
            return urls
        # Every replica must be up, not just one of them behind nginx.
        replicas = {
            name: f"http://127.0.0.1:{port}/" + ("health" if name.startswith("actions") else "")
            for name, port in self.replica_ports.items()
        }
        return {**replicas, "nginx": urls["rasa"], "web": urls["web"]}

    def wait_until_ready(self, timeout: float = 300.0) -> None:
        """Poll each health URL; fail early and clearly if a process dies while loading."""
        wait_until_answering(self.health_urls(), self.processes, timeout)

    def taken_ports(self) -> List[str]:
        """The ports this run needs that something else already listens on, named for people."""
        wanted = {"Rasa server": self.ports.rasa, "action server": self.ports.actions, "chat page": self.ports.web}
        return [f"{port} ({name})" for name, port in wanted.items() if not port_free(port)]

    def stop(self) -> None:
        """Stop every process: SIGTERM to each group, then SIGKILL to any still there after 20 s.
        Signals that arrive meanwhile (make passes on the SIGTERM it was sent) are ignored, so
        stopping cannot itself be interrupted half way."""
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                signal.signal(signum, signal.SIG_IGN)
            except ValueError:  # not the main thread (a test's stack): nothing to protect
                pass
        stop_processes(self.processes)
