"""The chat page's server in front of a fake Rasa, both on one event loop in a thread of their
own: for browser tests of the page itself, where what Rasa answers is the test's to choose."""

import asyncio
import threading
from typing import Any, Awaitable, Callable, Iterator

from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.web.chat.server import create_app

Webhook = Callable[[web.Request], Awaitable[web.StreamResponse]]


def chat_page_before(webhook: Webhook, secret: bytes, **app_options: Any) -> Iterator[str]:
    """Yields the chat page's address while both servers run (a fixture's body), then stops them."""
    loop = asyncio.new_event_loop()
    servers = []
    ready = threading.Event()

    async def start():
        rasa = web.Application()
        rasa.router.add_post("/webhooks/rest/webhook", webhook)
        rasa_server = TestServer(rasa, host="127.0.0.1")
        await rasa_server.start_server()
        chat = TestServer(create_app(str(rasa_server.make_url("")), secret=secret, **app_options), host="127.0.0.1")
        await chat.start_server()
        servers.extend([rasa_server, chat])
        ready.set()

    thread = threading.Thread(target=lambda: (loop.run_until_complete(start()), loop.run_forever()), daemon=True)
    thread.start()
    assert ready.wait(30)
    yield str(servers[1].make_url("/"))

    async def stop():
        for server in reversed(servers):
            await server.close()

    asyncio.run_coroutine_threadsafe(stop(), loop).result(30)
    loop.call_soon_threadsafe(loop.stop)
    thread.join(30)
