"""`make run` as a service manager and a host's other users see it: tokens on no command line,
state files private, every process gone on SIGTERM (even sent twice, as make passes it on) or
when the launcher itself is killed, and a clear word when a port is taken."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import List

import pytest

from tools.launcher import REPO_ROOT, free_ports

pytestmark = pytest.mark.e2e

# A token Rasa's own command line would take for an option (one random token in 64 started so).
DASHED_TOKEN = "-" + "a1" * 20


def _launch(state_dir: Path, ports, **env):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tools.launcher",
            "--rasa-port",
            str(ports.rasa),
            "--actions-port",
            str(ports.actions),
            "--web-port",
            str(ports.web),
            "--state-dir",
            str(state_dir),
        ],
        cwd=REPO_ROOT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT), **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _ready(ports, launcher, timeout=300.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert launcher.poll() is None, launcher.stdout.read()
        try:
            for url in (
                f"http://127.0.0.1:{ports.web}/health",
                f"http://127.0.0.1:{ports.rasa}/",
                f"http://127.0.0.1:{ports.actions}/health",
            ):
                urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.5)
    pytest.fail("the launcher's servers did not come up")


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _all_closed(ports, timeout=40.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(_listening(p) for p in (ports.rasa, ports.actions, ports.web)):
            return True
        time.sleep(0.5)
    return False


def _command_lines():
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                yield (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue


def _children(pid: int) -> List[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(c) for c in (task / "children").read_text().split()]
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_tokens_are_on_no_command_line_state_is_private_and_sigterm_twice_stops_every_process(tmp_path):
    """One start for what a running service must show, ending as a service manager ends it."""
    ports, state = free_ports(), tmp_path / "state"
    state.mkdir(mode=0o755)
    (state / "cases.db").touch(mode=0o644)  # left by a run from before runs were private
    launcher = _launch(state, ports, RASA_API_TOKEN=DASHED_TOKEN)
    try:
        _ready(ports, launcher)
        tracker = f"http://127.0.0.1:{ports.rasa}/conversations/nobody/tracker?token={DASHED_TOKEN}"
        assert urllib.request.urlopen(tracker, timeout=30).status == 200  # the dashed token works
        assert not [line for line in _command_lines() if DASHED_TOKEN in line]
        for path in [state, *state.rglob("*")]:
            mode = path.stat().st_mode & 0o777
            assert mode & 0o077 == 0, f"{path} is {oct(mode)}"
        launcher.send_signal(signal.SIGTERM)
        time.sleep(0.3)
        launcher.send_signal(signal.SIGTERM)  # make passes on the SIGTERM a service manager sent it
        launcher.wait(timeout=60)
        assert _all_closed(ports, timeout=5), "a server was left running after SIGTERM"
    finally:
        if launcher.poll() is None:
            launcher.kill()


def test_the_servers_die_with_a_launcher_killed_with_minus_nine(tmp_path):
    """Nothing of the launcher's runs on, even while the servers are still loading."""
    launcher = _launch(tmp_path / "state", free_ports())
    try:
        deadline = time.monotonic() + 60
        while len(_children(launcher.pid)) < 3 and time.monotonic() < deadline:
            assert launcher.poll() is None, launcher.stdout.read()
            time.sleep(0.2)
        children = _children(launcher.pid)
        assert len(children) >= 3, "the launcher did not start its three servers"
        launcher.kill()
        launcher.wait()
        deadline = time.monotonic() + 40
        while any(_alive(c) for c in children) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert not [c for c in children if _alive(c)], "servers outlived a launcher killed with -9"
    finally:
        if launcher.poll() is None:
            launcher.kill()


def test_a_port_in_use_is_named():
    ports = free_ports()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", ports.web))
        taken.listen()
        launcher = _launch(Path("/tmp/never-used"), ports)
        output, _ = launcher.communicate(timeout=60)
    assert launcher.returncode == 1
    assert f"{ports.web} (chat page)" in output and "in use" in output
