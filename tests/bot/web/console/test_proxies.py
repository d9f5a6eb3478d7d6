"""Behind the documented nginx every request comes from the proxy: sign-in throttling must count
the tenant's real client, read from X-Forwarded-For only when a trusted proxy wrote it, so that
five wrong guesses lock out neither every member of staff nor the person guessed at."""

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.web.console.app import client_address, create_console_app
from bot.settings import trusted_proxies
from bot.shared_state import MemoryState
from tests.bot.web.console.conftest import PASSWORD, SECRET, USERNAME, csrf_token

PROXY = trusted_proxies({"TRUSTED_PROXIES": "127.0.0.1, 10.0.0.0/8"})


@pytest.mark.parametrize(
    "remote, forwarded, expected",
    [
        ("127.0.0.1", "203.0.113.9", "203.0.113.9"),  # our proxy says who it was
        ("127.0.0.1", "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # the nearest hop we do not trust
        ("127.0.0.1", "203.0.113.9, 10.1.2.3", "203.0.113.9"),  # through two of our proxies
        ("198.51.100.7", "127.0.0.1", "198.51.100.7"),  # not a proxy: its header means nothing
        ("127.0.0.1", None, "127.0.0.1"),
    ],
)
def test_the_client_is_read_through_trusted_proxies_only(remote, forwarded, expected):
    assert client_address(remote, forwarded, PROXY) == expected


def test_without_trusted_proxies_the_header_is_never_believed():
    assert client_address("127.0.0.1", "203.0.113.9", trusted_proxies({})) == "127.0.0.1"


@pytest.fixture
async def behind_nginx(desk, clock, staff):
    """The console as deploy/nginx.conf serves it: every request arrives from 127.0.0.1."""
    parent = web.Application()
    parent.add_subapp("/staff", create_console_app(desk, SECRET, clock, state=MemoryState(), proxies=PROXY))
    client = TestClient(TestServer(parent))
    await client.start_server()
    yield client
    await client.close()


async def _sign_in_from(client, address, username=USERNAME, password=PASSWORD):
    client.session.cookie_jar.clear()
    form = await client.get("/staff/login", headers={"X-Forwarded-For": address})
    return await client.post(
        "/staff/login",
        allow_redirects=False,
        headers={"X-Forwarded-For": address},
        data={"csrf_token": csrf_token(await form.text()), "username": username, "password": password},
    )


async def test_five_wrong_guesses_behind_the_proxy_lock_out_only_the_guesser(behind_nginx, desk):
    from bot.web.console.accounts import StaffAccounts

    StaffAccounts(desk.cases.engine).create("bob", PASSWORD)
    for _ in range(5):
        assert (await _sign_in_from(behind_nginx, "203.0.113.9", password="a wrong guess here")).status == 401
    assert (await _sign_in_from(behind_nginx, "203.0.113.9")).status == 429
    # The colleague at another computer, and alice herself at hers, still get in.
    assert (await _sign_in_from(behind_nginx, "198.51.100.20", username="bob")).status == 303
    assert (await _sign_in_from(behind_nginx, "198.51.100.21")).status == 303
