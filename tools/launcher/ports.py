"""The ports a run listens on, and whether they are free.

Apart from the processes because the tests, the benchmark and `make run` all pick ports before
anything starts: the tests and the benchmark take free ones so as not to collide with a
`make run`, and `make run` refuses to start on ports something else already holds.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from typing import Collection


@dataclass(frozen=True)
class Ports:
    rasa: int = 5005
    actions: int = 5055
    web: int = 8080


def free_port(taken: Collection[int] = ()) -> int:
    """A port nothing listens on now, for tests that must not collide with `make run`, and none of
    `taken`: ports chosen for processes not started yet are free too, and the system can give one
    out again (a replica was once given the port its own nginx was about to listen on)."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.bind(("127.0.0.1", 0))
            port = int(sock.getsockname()[1])
        if port not in taken:
            return port


def free_ports() -> Ports:
    rasa = free_port()
    actions = free_port({rasa})
    return Ports(rasa=rasa, actions=actions, web=free_port({rasa, actions}))


def port_free(port: int) -> bool:
    """Whether nothing listens on `port` of 127.0.0.1 now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True
