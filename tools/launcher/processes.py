"""One process at a time: started in a session of its own, waited for until it answers, and
stopped with everything it started.

Apart from the Stack because these helpers are for any process, not only ours: the load
benchmark starts, waits for and stops the stock moodbot with them (bench/deployments.py), which
a Stack cannot start. What they guarantee (private files, no child outliving a launcher killed
with -9) is the same for every process either starts.
"""

from __future__ import annotations

import functools
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import List, Mapping, Optional

from bot.settings import REPO_ROOT

VENV_BIN = Path(sys.executable).parent
PR_SET_PDEATHSIG = 1


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


def make_private(folder: Path) -> None:
    """The folder and what an earlier run left in it (made before runs were private) become
    this user's alone."""
    folder.chmod(0o700)
    for path in folder.rglob("*"):
        if not path.is_symlink():
            path.chmod(0o700 if path.is_dir() else 0o600)


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return 200 <= response.status < 300
    except (urllib.error.URLError, ConnectionError, OSError):
        return False


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
