"""Mounting the console in the chat server with `add_subapp`.

With aiohttp 3.9 and yarl 1.13 or newer, a sub-application answers 500 to any request whose
Host header has a port (aio-libs/aiohttp#9435); requirements.txt pins yarl below that. The
test client always sends "127.0.0.1:<port>", so this fails if the pin is lost.
"""

from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.web.console.app import create_console_app
from tests.bot.web.console.conftest import SECRET


async def ok(request):
    return web.Response(text="ok")


async def test_mounted_beside_other_routes_with_a_port_in_the_host_header(desk, clock):
    parent = web.Application()
    parent.add_subapp("/staff", create_console_app(desk, SECRET, clock))
    parent.router.add_get("/health", ok)  # added after the console: resolved past it
    client = TestClient(TestServer(parent))
    await client.start_server()
    try:
        for path, status in (("/health", 200), ("/elsewhere", 404), ("/staff/login", 200)):
            response = await client.get(path, headers={"Host": "localhost:8080"})
            assert response.status == status, path
    finally:
        await client.close()
