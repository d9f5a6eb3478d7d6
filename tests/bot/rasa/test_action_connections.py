"""Rasa's calls to the action server go over one kept connection, closed when the server stops."""

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from rasa.utils.endpoints import EndpointConfig

from bot.rasa import action_connections
from bot.rasa.server import apply_patches


@pytest.fixture
async def action_server():
    """A stand-in action server that notes the connection each call came over."""
    peers = []
    server = TestServer(_app(peers))
    await server.start_server()
    yield server, peers
    await server.close()


def _app(peers):
    async def webhook(request):
        peers.append(request.transport.get_extra_info("peername"))
        return web.json_response(
            {
                "body": await request.json(),
                "token": request.headers.get("X-Action-Token"),
                "authorization": request.headers.get("Authorization"),
            }
        )

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    return app


def test_the_server_entry_point_applies_it():
    apply_patches()
    assert EndpointConfig.session is action_connections.kept_session


async def test_calls_reuse_one_connection_and_keep_what_rasa_sends(action_server, monkeypatch):
    monkeypatch.setattr(EndpointConfig, "session", action_connections.kept_session)
    server, peers = action_server
    endpoint = EndpointConfig(
        str(server.make_url("/webhook")),
        headers={"X-Action-Token": "t"},
        basic_auth={"username": "rasa", "password": "p"},
    )
    body = {"next_action": "repair_form", "tracker": {"events": [{"event": "user", "text": 'sink \u00e9 / "x"'}]}}
    replies = [await endpoint.request(json=body) for _ in range(5)]
    assert len(peers) == 5 and len(set(peers)) == 1
    assert all(reply["body"] == body and reply["token"] == "t" for reply in replies)
    assert {reply["authorization"] for reply in replies} == {"Basic cmFzYTpw"}
    await action_connections.close_kept_sessions()


async def test_rasas_own_way_opens_a_connection_per_call(action_server, monkeypatch):
    monkeypatch.setattr(EndpointConfig, "session", action_connections.ORIGINAL_SESSION)
    server, peers = action_server
    endpoint = EndpointConfig(str(server.make_url("/webhook")))
    for _ in range(3):
        await endpoint.request(json={})
    assert len(set(peers)) == 3  # what this module is for


async def test_stopping_the_server_closes_the_kept_sessions(action_server, monkeypatch):
    monkeypatch.setattr(EndpointConfig, "session", action_connections.kept_session)
    server, _ = action_server
    endpoint = EndpointConfig(str(server.make_url("/webhook")))
    await endpoint.request(json={})
    (session,) = [s for _, s in action_connections._open.values()]

    class App:
        class ctx:  # noqa: N801 - Sanic's app.ctx
            agent = None

    await action_connections.close_resources(App, None)
    assert session.closed and action_connections._open == {}
