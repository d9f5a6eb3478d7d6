"""Our servers keep an idle connection open longer than any client of theirs keeps one.

When a server closes an idle connection first, a client that reuses it at that moment writes
into a closing socket; Rasa then logs "Cannot write to closing transport" and drops the
action's events (CI saw it on action_session_start during the hostile run).
"""

import aiohttp
import pytest
from rasa.core.constants import DEFAULT_KEEP_ALIVE_TIMEOUT as RASA_SERVER_KEEP_ALIVE

from bot.rasa.action_server import create_app

NGINX_UPSTREAM_KEEPALIVE_SECONDS = 60  # nginx's keepalive_timeout for an upstream pool


async def _aiohttp_pool_idle_seconds() -> float:
    connector = aiohttp.TCPConnector()
    try:
        return connector._keepalive_timeout
    finally:
        await connector.close()


def _action_server_keep_alive() -> float:
    return create_app("actions", token="t" * 32).config.KEEP_ALIVE_TIMEOUT


@pytest.mark.parametrize(
    "server, keep_alive",
    [("action server", _action_server_keep_alive), ("Rasa server", lambda: RASA_SERVER_KEEP_ALIVE)],
)
async def test_every_client_closes_an_idle_connection_before_the_server_does(server, keep_alive):
    clients = {"aiohttp": await _aiohttp_pool_idle_seconds(), "nginx": NGINX_UPSTREAM_KEEPALIVE_SECONDS}
    kept = keep_alive()
    assert {name: idle for name, idle in clients.items() if idle >= kept} == {}, f"the {server} keeps {kept} s"
