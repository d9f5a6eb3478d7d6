"""An in-process stand-in for a provider's API, for the output channels' tests."""

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer


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
