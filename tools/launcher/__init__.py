"""Starts the three local processes together: `make run` for people, the end-to-end tests for CI,
the load benchmark (bench/deployments.py) for figures.

One launcher for all of them means the tests and the benchmark exercise exactly what a new
developer starts: the Rasa server, the action server and the tenant chat page, all on
127.0.0.1, on the embedded default (SQLite, in-memory lock store) with no other server needed.

Starting processes, writing a run's settings and talking to a person at a terminal are separate
concerns, kept in separate modules:

- `stack`: the Stack, our processes started together with the settings they share;
- `processes`: one process started, waited for and stopped (the benchmark's stock bot too);
- `ports`: the ports a run uses, and whether they are free;
- `nginx`: nginx in front of the replicas of a scaled run;
- `command`: the command line (`python -m tools.launcher`, `make run`).

A developer's and operator's tool, in tools/: production runs none of it. What a deployed Rasa
server needs of a run's settings, its endpoints.yml, is written by bot/rasa/endpoints.py, which
the Stack and docker-compose.yml both call.

The names below are the package's public face: the rest of the project imports from here.
"""

from bot.settings import REPO_ROOT
from tools.launcher.command import SCALED_NEEDS, main
from tools.launcher.nginx import NGINX, NGINX_CONFIG, write_nginx_config
from tools.launcher.ports import Ports, free_port, free_ports
from tools.launcher.processes import (
    PR_SET_PDEATHSIG,
    VENV_BIN,
    start_process,
    stop_processes,
    wait_until_answering,
)
from tools.launcher.stack import Stack

__all__ = [
    "NGINX",
    "NGINX_CONFIG",
    "PR_SET_PDEATHSIG",
    "Ports",
    "REPO_ROOT",
    "SCALED_NEEDS",
    "Stack",
    "VENV_BIN",
    "free_port",
    "free_ports",
    "main",
    "start_process",
    "stop_processes",
    "wait_until_answering",
    "write_nginx_config",
]
