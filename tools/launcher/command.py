"""`make run` and `make run-scaled`: the command line that starts a Stack for people, says when
it is ready, and stops everything on Ctrl-C.

Apart from the Stack because a person at a terminal needs what the tests and the benchmark do
not: checks with a clear word before anything starts (no model, ports taken, stores missing for
replicas), and the signal handling that makes Ctrl-C and a service manager's SIGTERM stop it all.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path
from typing import List, Mapping, Optional

from bot.settings import REPO_ROOT, redis_url, setting
from tools.launcher.ports import Ports
from tools.launcher.stack import Stack

SCALED_NEEDS = ("TRACKER_STORE_URL", "DATABASE_URL", "REDIS_URL")


def missing_stores(replicas: int, environ: Optional[Mapping[str, str]] = None) -> List[str]:
    """The shared stores several replicas need that the environment does not name. REDIS_URL is
    read as the servers read it (a secret, so REDIS_URL_FILE counts), or a run the servers would
    accept is refused here."""
    if replicas == 1:
        return []
    named = {
        "TRACKER_STORE_URL": setting("TRACKER_STORE_URL", None, environ),
        "DATABASE_URL": setting("DATABASE_URL", None, environ),
        "REDIS_URL": redis_url(environ),
    }
    return [name for name in SCALED_NEEDS if not named[name]]


def _interrupt(signum: int, frame: object) -> None:
    # Once is enough: a second signal while stopping is ignored (see Stack.stop).
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def main(argv: Optional[List[str]] = None) -> int:
    # Named, or argparse would call it "__main__.py", the file `python -m` runs.
    parser = argparse.ArgumentParser(prog="python -m tools.launcher", description="Start the tenant assistant locally.")
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
    missing = missing_stores(args.replicas)
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
