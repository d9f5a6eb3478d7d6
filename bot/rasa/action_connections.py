"""Rasa's calls to the action server reuse their connections.

Rasa 3.6 opens a new aiohttp session, so a new TCP connection, for every call to the action
server (`EndpointConfig.request`), and closes it after the reply: forms call it on most turns,
and under load connecting and tearing down was a tenth of the Rasa server's time, with as much
again for the action server accepting each one (bench/README.md). Here each endpoint has one
session per event loop, kept open; its connections idle in aiohttp's pool for 15 s, well within
the 75 s the action server keeps them (bot.limits.SERVER_KEEP_ALIVE_SECONDS). The sessions are
closed when the server stops, after Rasa's own `close_resources`. The tracker each call carries
is written by ujson, about three times as fast as Python's json module.

Applied by our server entry point (bot.rasa.server.apply_patches); idempotent; on a Rasa other
than the one it was written for it does nothing.
"""

from __future__ import annotations

import asyncio
from typing import Any, Dict, Tuple

import aiohttp
import rasa
import ujson
import rasa.core.run
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

WRITTEN_FOR = "3.6."
ORIGINAL_SESSION = EndpointConfig.session
ORIGINAL_CLOSE_RESOURCES = rasa.core.run.close_resources

_open: Dict[Tuple[int, str], Tuple[asyncio.AbstractEventLoop, aiohttp.ClientSession]] = {}


class _Lent:
    """`async with` a kept session: Rasa's code closes what it opens; this closes nothing."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._session

    async def __aexit__(self, *exc_info: Any) -> None:
        return None


def _key(endpoint: EndpointConfig, loop: asyncio.AbstractEventLoop) -> Tuple[int, str]:
    """Sessions differ by what Rasa builds them from: headers, basic auth (and the loop)."""
    return id(loop), repr((sorted((endpoint.headers or {}).items()), endpoint.basic_auth))


def kept_session(self: EndpointConfig) -> Any:
    loop = asyncio.get_running_loop()
    for key in [k for k, (other, _) in _open.items() if other.is_closed()]:
        del _open[key]  # a loop that ended (tests run one each): its sessions went with it
    key = _key(self, loop)
    kept = _open.get(key)
    if kept is None or kept[1].closed:
        kept = (loop, _new_session(self))
        _open[key] = kept
    return _Lent(kept[1])


def _new_session(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    """Rasa's session, writing JSON with ujson: the whole tracker goes with every call, and
    Python's json module writing it was 6% of the Rasa server's time."""
    basic = endpoint.basic_auth
    auth = aiohttp.BasicAuth(basic["username"], basic["password"]) if basic else None
    return aiohttp.ClientSession(
        headers=endpoint.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        json_serialize=ujson.dumps,
    )


async def close_kept_sessions() -> None:
    loop = asyncio.get_running_loop()
    for key in [k for k, (other, _) in _open.items() if other is loop]:
        await _open.pop(key)[1].close()


async def close_resources(app: Any, loop: asyncio.AbstractEventLoop) -> None:
    await ORIGINAL_CLOSE_RESOURCES(app, loop)
    await close_kept_sessions()


def apply() -> None:
    if not rasa.__version__.startswith(WRITTEN_FOR):
        return
    if EndpointConfig.session is ORIGINAL_SESSION:
        EndpointConfig.session = kept_session  # type: ignore[assignment]
    if rasa.core.run.close_resources is ORIGINAL_CLOSE_RESOURCES:
        rasa.core.run.close_resources = close_resources
