"""Starts the three local processes together: `make run` for people, the end-to-end tests for CI.

One launcher for both means the tests exercise exactly what a new developer starts: the Rasa
server, the action server and the tenant chat page, all on 127.0.0.1, on the embedded default
(SQLite, in-memory lock store) with no other server needed.
"""

from __future__ import annotations

import argparse
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional

import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Ports:
    rasa: int = 5005
    actions: int = 5055
    web: int = 8080


def free_port() -> int:
    """A port nothing listens on now, for tests that must not collide with `make run`."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def free_ports() -> Ports:
    return Ports(rasa=free_port(), actions=free_port(), web=free_port())


def write_endpoints(ports: Ports, state_dir: Path) -> Path:
    """endpoints.yml with this run's action-server port and tracker file.

    The committed endpoints.yml stays the single description of the services; only the
    addresses that differ between runs are rewritten here.
    """
    endpoints = yaml.safe_load((REPO_ROOT / "endpoints.yml").read_text())
    endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{ports.actions}/webhook"
    tracker = endpoints.get("tracker_store") or {}
    if tracker.get("dialect") == "sqlite":
        tracker["db"] = str(state_dir / "tracker.db")
    path = state_dir / "endpoints.yml"
    path.write_text(yaml.safe_dump(endpoints, sort_keys=False))
    return path


@dataclass
class Stack:
    """The running processes; `stop()` ends them all, whatever state they are in."""

    ports: Ports
    state_dir: Path
    model_dir: Path = REPO_ROOT / "models"
    extra_env: Dict[str, str] = field(default_factory=dict)
    log_dir: Optional[Path] = None
    processes: Dict[str, subprocess.Popen] = field(default_factory=dict)
    # Rasa's HTTP API (transcripts, staff replies, handing back) answers only with this token.
    # RASA_API_TOKEN sets it; otherwise each run makes its own, shared only with the console.
    api_token: str = field(default_factory=lambda: os.environ.get("RASA_API_TOKEN") or secrets.token_urlsafe(32))

    def _env(self) -> Dict[str, str]:
        env = dict(os.environ)
        env.setdefault("RASA_TELEMETRY_ENABLED", "false")
        env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
        env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
        env.setdefault("DATABASE_URL", f"sqlite:///{self.state_dir / 'cases.db'}")
        env["PYTHONPATH"] = str(REPO_ROOT)
        env.update(self.extra_env)
        env["RASA_API_TOKEN"] = self.api_token
        return env

    def _start(self, name: str, command: List[str], env: Dict[str, str]) -> None:
        log = None
        if self.log_dir is not None:
            self.log_dir.mkdir(parents=True, exist_ok=True)
            log = open(self.log_dir / f"{name}.log", "wb")
        self.processes[name] = subprocess.Popen(
            command,
            cwd=REPO_ROOT,
            env=env,
            stdout=log if log else None,
            stderr=subprocess.STDOUT if log else None,
            start_new_session=True,
        )

    def start(self) -> None:
        self.state_dir.mkdir(parents=True, exist_ok=True)
        env = self._env()
        endpoints = write_endpoints(self.ports, self.state_dir)
        self._start(
            "actions",
            [str(VENV_BIN / "python"), "-m", "rasa_sdk", "--actions", "actions",
             "--port", str(self.ports.actions)],
            {**env, "SANIC_HOST": "127.0.0.1"},
        )
        self._start(
            "rasa",
            [str(VENV_BIN / "rasa"), "run", "--model", str(self.model_dir),
             "--interface", "127.0.0.1", "--port", str(self.ports.rasa),
             "--credentials", str(REPO_ROOT / "credentials.yml"),
             "--endpoints", str(endpoints),
             "--enable-api", "--auth-token", self.api_token],
            env,
        )
        self._start(
            "web",
            [str(VENV_BIN / "python"), "-m", "bot.webchat.server",
             "--port", str(self.ports.web),
             "--rasa-url", f"http://127.0.0.1:{self.ports.rasa}"],
            env,
        )

    def health_urls(self) -> Dict[str, str]:
        return {
            "actions": f"http://127.0.0.1:{self.ports.actions}/health",
            "rasa": f"http://127.0.0.1:{self.ports.rasa}/",
            "web": f"http://127.0.0.1:{self.ports.web}/health",
        }

    def wait_until_ready(self, timeout: float = 300.0) -> None:
        """Poll each health URL; fail early and clearly if a process dies while loading."""
        deadline = time.monotonic() + timeout
        waiting = dict(self.health_urls())
        while waiting:
            for name, url in list(waiting.items()):
                code = self.processes[name].poll()
                if code is not None:
                    raise RuntimeError(f"the {name} process exited with code {code} while starting")
                if _answers(url):
                    del waiting[name]
            if not waiting:
                return
            if time.monotonic() > deadline:
                raise TimeoutError(f"not ready after {timeout:.0f}s: {', '.join(waiting)}")
            time.sleep(0.5)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return 200 <= response.status < 300
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Start the tenant assistant locally.")
    parser.add_argument("--rasa-port", type=int, default=Ports.rasa)
    parser.add_argument("--actions-port", type=int, default=Ports.actions)
    parser.add_argument("--web-port", type=int, default=Ports.web)
    args = parser.parse_args(argv)
    if not any((REPO_ROOT / "models").glob("*.tar.gz")):
        print("No trained model in models/. Run `make` (or `make run`) to train one.", file=sys.stderr)
        return 1
    stack = Stack(Ports(args.rasa_port, args.actions_port, args.web_port), REPO_ROOT / "var")
    # Ctrl-C (SIGINT) and SIGTERM both stop everything, even when started from a script that
    # would otherwise leave SIGINT ignored in the background.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        stack.start()
        print("Starting the action server, the Rasa server (loading the model) and the chat page...")
        stack.wait_until_ready()
        print(f"\nReady. Tenant chat: http://127.0.0.1:{args.web_port}/")
        print(f"Rasa REST channel: http://127.0.0.1:{args.rasa_port}/webhooks/rest/webhook")
        print("Press Ctrl-C to stop everything.\n", flush=True)
        while all(process.poll() is None for process in stack.processes.values()):
            time.sleep(1)
        dead = [name for name, process in stack.processes.items() if process.poll() is not None]
        print(f"Stopped because {', '.join(dead)} exited.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nStopping...")
        return 0
    except (RuntimeError, TimeoutError) as error:
        print(f"Could not start: {error}", file=sys.stderr)
        return 1
    finally:
        stack.stop()


if __name__ == "__main__":
    sys.exit(main())
