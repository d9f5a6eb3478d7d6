"""The staff console on an in-memory case database, a clock the tests move, and a browser-like
client that keeps cookies, mounted under /staff as the chat server mounts it."""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.cases import CaseStore
from bot.charter import load_charter
from bot.web.console.accounts import StaffAccounts
from bot.web.console.app import create_console_app
from bot.web.console.roles import StaffRole
from bot.intake import Desk
from bot.shared_state import MemoryState
from bot.working_days import WorkingCalendar

LONDON = ZoneInfo("Europe/London")
# Friday 27 November 2026, 16:00 (GMT).
NOW = datetime(2026, 11, 27, 16, 0, tzinfo=LONDON)
SECRET = b"console-test-secret-0123456789"
USERNAME = "alice"
PASSWORD = "correct horse battery staple"
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


class Clock:
    """A fixed moment that a test can move forward."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture(scope="session")
def charter():
    return load_charter()


@pytest.fixture
def clock():
    return Clock(NOW)


@pytest.fixture
def desk(charter):
    """Overrides tests/bot/conftest.py's: the console's tests run on SQLite only."""
    return Desk(charter, WorkingCalendar.from_charter(charter), CaseStore.from_url("sqlite://"))


@pytest.fixture
def staff(desk):
    """An account for alice in the desk's database: an administrator, who sees every case but
    domestic abuse (tests/bot/web/console/test_roles.py is about the other roles)."""
    return StaffAccounts(desk.cases.engine).create(USERNAME, PASSWORD, NOW, role=StaffRole.ADMIN)


@pytest.fixture
def console(desk, clock):
    return create_console_app(desk, SECRET, clock, state=MemoryState(), proxies=())


@pytest.fixture
async def client(console):
    """The chat server's shape: the console mounted under /staff of another application."""
    parent = web.Application()
    parent.add_subapp("/staff", console)
    client = TestClient(TestServer(parent))
    await client.start_server()
    yield client
    await client.close()


def csrf_token(page: str) -> str:
    match = CSRF.search(page)
    assert match, "the page has no CSRF field"
    return match.group(1)


async def sign_in(client, username=USERNAME, password=PASSWORD):
    """Fetch the form (for its token and cookie) and post it, without following the redirect."""
    form = await client.get("/staff/login")
    token = csrf_token(await form.text())
    return await client.post(
        "/staff/login", data={"csrf_token": token, "username": username, "password": password}, allow_redirects=False
    )


@dataclass
class SignedIn:
    client: TestClient
    token: str

    async def post(self, path, token=None, **fields):
        data = {**fields}
        if token is not False:
            data["csrf_token"] = self.token if token is None else token
        return await self.client.post(path, data=data, allow_redirects=False)


@pytest.fixture
async def signed_in(client, staff):
    """Alice signed in; `post` sends her session's CSRF token unless told otherwise."""
    response = await sign_in(client)
    assert response.status == 303
    page = await (await client.get("/staff/")).text()
    return SignedIn(client, csrf_token(page))
