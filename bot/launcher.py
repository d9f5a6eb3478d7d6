"""Starts the three local processes together: `make run` for people, the end-to-end tests for CI,
the load benchmark (bench/deployments.py) for figures.

One launcher for all of them means the tests and the benchmark exercise exactly what a new
developer starts: the Rasa server, the action server and the tenant chat page, all on
127.0.0.1, on the embedded default (SQLite, in-memory lock store) with no other server needed.
"""

from __future__ import annotations

import argparse
import functools
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
from typing import Dict, List, Mapping, Optional

import yaml

from bot.chat_signature import OPEN_SWITCH as OPEN_REST_SWITCH
from bot.chat_signature import SECRET_VARIABLE as CHAT_SECRET_VARIABLE
from bot.limits import MAX_OTHER_REQUEST_BYTES
from bot.rasa.action_server import TOKEN_HEADER as ACTION_TOKEN_HEADER
from bot.rasa.action_server import TOKEN_VARIABLE as ACTION_TOKEN_VARIABLE
from bot.rasa.server import TOKEN_VARIABLE as API_TOKEN_VARIABLE
from bot.settings import secret
from bot.settings import REPO_ROOT

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


def write_endpoints(actions_port: int, state_dir: Path, environ: Optional[Mapping[str, str]] = None) -> Path:
    """endpoints.yml for this run: the committed file, with this run's action-server port and,
    when the environment says so, the production stores.

    The committed endpoints.yml stays the single description of the services; only what
    differs between runs is rewritten here:

    - `TRACKER_STORE_URL` (a PostgreSQL URL) keeps conversations in PostgreSQL instead of the
      SQLite file under the state directory (`POSTGRESQL_SCHEMA` picks a schema), in a store
      that waits out a database restart (bot.rasa.tracker_store);
    - `REDIS_URL` locks conversations in Redis, with bot.rasa.lock_store.AtomicRedisLockStore,
      which is what several Rasa servers need;
    - `ACTION_ENDPOINT_URL` names the action servers when they are not on this host (a
      container network, docker-compose.yml).
    """
    environ = os.environ if environ is None else environ
    endpoints = yaml.safe_load((REPO_ROOT / "endpoints.yml").read_text())
    endpoints["action_endpoint"]["url"] = (
        environ.get("ACTION_ENDPOINT_URL") or f"http://127.0.0.1:{actions_port}/webhook"
    )
    # The action server answers only requests with its token (bot/rasa/action_server.py). The
    # file names the variable, which Rasa fills in as it reads it, so the token is in no file.
    endpoints["action_endpoint"]["headers"] = {ACTION_TOKEN_HEADER: "${" + ACTION_TOKEN_VARIABLE + "}"}
    tracker_url = environ.get("TRACKER_STORE_URL")
    if tracker_url:
        endpoints["tracker_store"] = postgres_tracker_store(tracker_url)
    else:
        tracker = endpoints.get("tracker_store") or {}
        if tracker.get("dialect") == "sqlite":
            tracker["db"] = str(state_dir / "tracker.db")
    if environ.get("REDIS_URL"):
        endpoints["lock_store"] = {"type": "bot.rasa.lock_store.AtomicRedisLockStore", "url": environ["REDIS_URL"]}
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
        _make_private(self.state_dir)
        env = self._env()
        endpoints = write_endpoints(self.ports.actions, self.state_dir, env)
        if self.replicas == 1:
            self._start_actions("actions", self.ports.actions, env)
            self._start_rasa("rasa", self.ports.rasa, endpoints, env)
        else:
            prepare_tracker_store(endpoints, env)
            for n in range(1, self.replicas + 1):
                self.replica_ports[f"actions-{n}"] = free_port()
                self.replica_ports[f"rasa-{n}"] = free_port()
                self._start_actions(f"actions-{n}", self.replica_ports[f"actions-{n}"], env)
                self._start_rasa(f"rasa-{n}", self.replica_ports[f"rasa-{n}"], endpoints, env)
            config = write_nginx_config(self.state_dir, self.ports, self.replica_ports)
            self._start("nginx", [NGINX, "-c", str(config), "-p", str(self.state_dir), "-g", "daemon off;"], env)
        self._start(
            "web",
            [
                str(VENV_BIN / "python"),
                "-m",
                "bot.webchat.server",
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
        return [f"{port} ({name})" for name, port in wanted.items() if not _port_free(port)]

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


def start_process(
    command: List[str],
    env: Mapping[str, str],
    *,
    cwd: Path = REPO_ROOT,
    log: Optional[Path] = None,
    stdin: Optional[int] = None,
) -> subprocess.Popen:
    """One process in a session of its own, so that stopping it stops its children too, with
    `_in_child`'s protections; its output goes to `log` when given, in a folder and a file this
    user alone can read. The Stack starts each of its processes with this, and so does the load
    benchmark's stock bot (bench/deployments.py), which is not ours and runs from elsewhere."""
    output = None
    if log is not None:
        log.parent.mkdir(parents=True, exist_ok=True)
        log.parent.chmod(0o700)
        output = open(os.open(log, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")
    return subprocess.Popen(
        command,
        cwd=cwd,
        env=env,
        stdin=stdin,
        stdout=output if output else None,
        stderr=subprocess.STDOUT if output else None,
        start_new_session=True,
        preexec_fn=functools.partial(_in_child, os.getpid()),
    )


def wait_until_answering(
    urls: Mapping[str, str], processes: Mapping[str, subprocess.Popen], timeout: float = 300.0
) -> None:
    """Poll each process's URL (by the process's name) until all answer; fail early and clearly
    if a process dies while loading, and with the names still waiting after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    waiting = dict(urls)
    while waiting:
        for name, url in list(waiting.items()):
            code = processes[name].poll()
            if code is not None:
                raise RuntimeError(f"the {name} process exited with code {code} while starting")
            if _answers(url):
                del waiting[name]
        if not waiting:
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"not ready after {timeout:.0f}s: {', '.join(waiting)}")
        time.sleep(0.5)


def stop_processes(processes: Mapping[str, subprocess.Popen]) -> None:
    """SIGTERM to each process's group, then SIGKILL to any still there after 20 s. Unlike
    `Stack.stop`, this leaves the caller's signal handlers as they are."""
    for process in processes.values():
        if process.poll() is None:
            try:
                os.killpg(process.pid, signal.SIGTERM)
            except ProcessLookupError:  # the group ended between the poll and the signal
                pass
    for process in processes.values():
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


NGINX = "/usr/sbin/nginx"
SCALED_NEEDS = ("TRACKER_STORE_URL", "DATABASE_URL", "REDIS_URL")

NGINX_CONFIG = """# Written by bot/launcher.py for this run; not a file to edit.
worker_processes 1;
pid {state}/nginx.pid;
error_log {state}/nginx-error.log warn;
events {{ worker_connections 4096; }}
http {{
  access_log off;
  client_body_temp_path {state}/nginx-body;
  proxy_temp_path {state}/nginx-proxy;
  fastcgi_temp_path {state}/nginx-fastcgi;
  uwsgi_temp_path {state}/nginx-uwsgi;
  scgi_temp_path {state}/nginx-scgi;
  client_max_body_size 1m;
  # Bodies and replies stay in memory: nginx's workers may run as another user, who cannot
  # write under this run's state directory.
  client_body_buffer_size 1m;
  proxy_max_temp_file_size 0;
  proxy_http_version 1.1;
  proxy_set_header Connection "";
  proxy_set_header Host $http_host;
  proxy_read_timeout 90s;
  # A replica that refuses connections (killed, restarting) is skipped for 10 s, and a request
  # it refused goes to the next one. A request it accepted is never sent twice: POSTs are not
  # idempotent, and the caller's retry (same message id) is what may repeat it.
  proxy_next_upstream error timeout;
  upstream rasa {{
    least_conn;
{rasa_servers}
    keepalive 64;
  }}
  upstream actions {{
    least_conn;
{action_servers}
    keepalive 64;
  }}
  server {{
    listen 127.0.0.1:{rasa_port};
    location / {{ proxy_pass http://rasa; }}
  }}
  server {{
    listen 127.0.0.1:{actions_port};
    # An action call cut off by a dying action server is sent to the other one: the calls that
    # write (opening a case) carry the message's request key, so a repeat opens nothing twice,
    # and without this Rasa swallows the failure and the tenant is "not understood".
    location / {{ proxy_next_upstream error timeout non_idempotent; proxy_pass http://actions; }}
  }}
}}
"""


def write_nginx_config(state_dir: Path, ports: Ports, replica_ports: Dict[str, int]) -> Path:
    """nginx in front of the replicas, on the public Rasa and action-server ports."""

    def servers(kind: str) -> str:
        return "\n".join(
            f"    server 127.0.0.1:{port} max_fails=1 fail_timeout=10s;"
            for name, port in sorted(replica_ports.items())
            if name.startswith(kind)
        )

    path = state_dir / "nginx.conf"
    path.write_text(
        NGINX_CONFIG.format(
            state=state_dir,
            rasa_servers=servers("rasa-"),
            action_servers=servers("actions-"),
            rasa_port=ports.rasa,
            actions_port=ports.actions,
        )
    )
    return path


def prepare_tracker_store(endpoints: Path, env: Dict[str, str]) -> None:
    """Create the tracker store's tables once, before several Rasa servers start together and
    race to create them (PostgreSQL refuses the loser's CREATE TABLE)."""
    script = (
        "from rasa.core.tracker_store import TrackerStore\n"
        "from rasa.utils.endpoints import read_endpoint_config\n"
        f"TrackerStore.create(read_endpoint_config({str(endpoints)!r}, 'tracker_store'))\n"
    )
    subprocess.run(
        [str(VENV_BIN / "python"), "-c", script],
        cwd=REPO_ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=120,
    )


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return 200 <= response.status < 300
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


def _make_private(folder: Path) -> None:
    """The folder and what an earlier run left in it (made before runs were private) become
    this user's alone."""
    folder.chmod(0o700)
    for path in folder.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o700 if path.is_dir() else 0o600)


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


PR_SET_PDEATHSIG = 1


def _in_child(launcher_pid: int) -> None:
    """In each child, before it runs: files it creates are private to this user (umask 077),
    and Linux sends it SIGTERM when the launcher dies, so a launcher killed with -9 leaves
    nothing listening behind it. A launcher that died between the fork and that request sent
    no signal (CI once found a server alive 40 s after the launcher was killed): a child whose
    parent is no longer the launcher leaves at once."""
    os.umask(0o077)
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:  # not Linux: the SIGTERM path in stop() still stops everything
        pass
    if os.getppid() != launcher_pid:
        os._exit(1)


def _interrupt(signum: int, frame: object) -> None:
    # Once is enough: a second signal while stopping is ignored (see Stack.stop).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Start the tenant assistant locally.")
    parser.add_argument("--rasa-port", type=int, default=Ports.rasa)
    parser.add_argument("--actions-port", type=int, default=Ports.actions)
    parser.add_argument("--web-port", type=int, default=Ports.web)
    parser.add_argument(
        "--replicas", type=int, default=1, help="Rasa and action servers of each kind, behind nginx when more than one"
    )
    parser.add_argument(
        "--state-dir",
        type=Path,
        default=REPO_ROOT / "var",
        help="where conversations, cases and this run's files are kept",
    )
    args = parser.parse_args(argv)
    os.umask(0o077)  # this run's files (endpoints, nginx's) are this user's alone, as the children's are
    if not any((REPO_ROOT / "models").glob("*.tar.gz")):
        print("No trained model in models/. Run `make` (or `make run`) to train one.", file=sys.stderr)
        return 1
    missing = [name for name in SCALED_NEEDS if args.replicas > 1 and not os.environ.get(name)]
    if missing:
        print(
            f"Several replicas share conversations and cases: set {', '.join(missing)} "
            "(PostgreSQL and Redis), or use `make run-scaled`, which sets local ones.",
            file=sys.stderr,
        )
        return 1
    stack = Stack(Ports(args.rasa_port, args.actions_port, args.web_port), args.state_dir, replicas=args.replicas)
    taken = stack.taken_ports()
    if taken:
        print(
            f"Cannot start: already in use: {', '.join(taken)}. Is another `make run` still running? "
            "Stop it, or pick other ports with --rasa-port, --actions-port and --web-port.",
            file=sys.stderr,
        )
        return 1
    # Ctrl-C (SIGINT) and SIGTERM both stop everything, even when started from a script that
    # would otherwise leave SIGINT ignored in the background.
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        stack.start()
        if args.replicas == 1:
            print("Starting the action server, the Rasa server (loading the model) and the chat page...")
        else:
            print(
                f"Starting {args.replicas} action servers and {args.replicas} Rasa servers behind nginx, "
                "and the chat page..."
            )
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
