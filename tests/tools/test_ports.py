"""The ports a run chooses before anything listens on them (tools/launcher/ports.py)."""

import itertools

from tools.launcher import ports


class _GivenPorts:
    """A socket whose bind to port 0 is given the next of `numbers`, as the system might."""

    numbers = iter(())

    def __init__(self, *args):
        self._port = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def bind(self, address):
        self._port = next(type(self).numbers)

    def getsockname(self):
        return ("127.0.0.1", self._port)


def test_a_port_already_chosen_is_never_chosen_again(monkeypatch):
    # The system gives 5000 out twice (it is free: nothing listens on it yet); the second is refused.
    _GivenPorts.numbers = iter([5000, 5000, 5000, 6000])
    monkeypatch.setattr(ports.socket, "socket", _GivenPorts)
    assert ports.free_port() == 5000
    assert ports.free_port({5000}) == 6000


def test_the_three_ports_of_a_run_differ(monkeypatch):
    _GivenPorts.numbers = itertools.chain([7000, 7000, 7001, 7000, 7001, 7002])
    monkeypatch.setattr(ports.socket, "socket", _GivenPorts)
    chosen = ports.free_ports()
    assert len({chosen.rasa, chosen.actions, chosen.web}) == 3
