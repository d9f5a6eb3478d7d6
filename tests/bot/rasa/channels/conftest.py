"""An in-process stand-in for a provider's API, for the output channels' tests."""

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot import services
from bot.cases import CaseStore
from bot.charter import load_charter
from bot.intake import Desk
from bot.working_days import WorkingCalendar


@pytest.fixture(autouse=True)
def case_database(tmp_path):
    """What the connectors write (when a tenant last wrote, STOP, photos) goes to a database of
    the test's own, never the repository's var/: a file, as the connectors write from threads."""
    charter = load_charter()
    desk = Desk(
        charter, WorkingCalendar.from_charter(charter), CaseStore.from_url(f"sqlite:///{tmp_path / 'cases.db'}")
    )
    services.use(desk)
    yield desk
    services.use()


@pytest.fixture
async def fake_api():
    """Records every request; `statuses` (a list) gives the next responses' status codes."""
    received, statuses = [], []

    async def record(request: web.Request) -> web.Response:
        status = statuses.pop(0) if statuses else 200
        received.append(
            {
                "path": request.path,
                "query": dict(request.query),
                "status": status,
                "form": dict(await request.post()),
                "headers": dict(request.headers),
            }
        )
        return web.json_response({}, status=status)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", record)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    server.received, server.statuses = received, statuses
    yield server
    await server.close()
