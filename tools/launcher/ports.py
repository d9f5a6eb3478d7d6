"""The ports a run listens on, and whether they are free.

Apart from the processes because the tests, the benchmark and `make run` all pick ports before
anything starts: the tests and the benchmark take free ones so as not to collide with a
`make run`, and `make run` refuses to start on ports something else already holds.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass


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


def port_free(port: int) -> bool:
    """Whether nothing listens on `port` of 127.0.0.1 now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
