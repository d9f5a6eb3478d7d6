"""The lock that keeps a PostgreSQL restart (tests/e2e/test_faults.py) away from the tests using
PostgreSQL in the other test process (tests/postgres.py)."""

import fcntl

import pytest

from tests.postgres import _RESTART_LOCK, in_use


def _try_to_restart() -> None:
    with open(_RESTART_LOCK, "a") as other:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
        fcntl.flock(other, fcntl.LOCK_UN)


def test_no_restart_while_a_test_uses_postgresql():
    with in_use():
        with pytest.raises(BlockingIOError):
            _try_to_restart()
    _try_to_restart()  # and once it is done, the restart goes ahead
