"""With REDIS_URL, console sessions and failed sign-ins are shared by every web server: a
session works whichever answers, and a guesser gets no extra tries by reaching another."""

import uuid

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.web.console.app import SESSION_COOKIE, create_console_app
from bot.shared_state import RedisState
from tests.bot.web.console.conftest import SECRET, sign_in
from tests.redis_server import REDIS_URL, reachable_redis


@pytest.fixture
async def two_servers(desk, clock, staff):
    reachable_redis()
    shared = RedisState(REDIS_URL, prefix=f"test-{uuid.uuid4().hex}:")
    clients = []
    for _ in range(2):
        parent = web.Application()
        parent.add_subapp("/staff", create_console_app(desk, SECRET, clock, state=shared, proxies=()))
        client = TestClient(TestServer(parent))
        await client.start_server()
        clients.append(client)
    yield clients
    for client in clients:
        await client.close()


async def test_a_session_made_on_one_server_works_on_the_other(two_servers):
    one, two = two_servers
    cookie = (await sign_in(one)).cookies[SESSION_COOKIE].value
    page = await two.get("/staff/", cookies={SESSION_COOKIE: cookie}, allow_redirects=False)
    assert page.status == 200


async def test_failures_on_one_server_count_on_the_other(two_servers):
    one, two = two_servers
    for client in (one, two, one, two, one):
        assert (await sign_in(client, password="a wrong guess here")).status == 401
    assert (await sign_in(two)).status == 429
