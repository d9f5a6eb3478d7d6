"""Cases to tell tenants about, on each channel, in a fresh case database of each kind."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from bot.cases import ChannelIdentity
from bot.charter import RepairPriority
from bot.intake import Reporter, log_repair
from bot.updates import Teller

LONDON = ZoneInfo("Europe/London")
# A Monday morning in term: a routine repair reported now is due on Thursday 24 December.
MONDAY_MORNING = datetime(2026, 12, 7, 10, 0, tzinfo=LONDON)

ADDRESSES = {
    "sms": ("twilio", "+447700900123"),
    "whatsapp": ("twilio", "whatsapp:+447700900456"),
    "messenger": ("facebook", "6001234567890"),
    "web": ("rest", "web-5f1c0e7a"),
}


@pytest.fixture
def teller(desk):
    return Teller(desk)


def a_repair(desk, on="sms", priority=RepairPriority.ROUTINE, at=MONDAY_MORNING, what="the kitchen tap drips"):
    """A repair reported on a channel; the case as the store has it."""
    channel, address = ADDRESSES[on]
    reporter = Reporter(address, identity=ChannelIdentity(channel, address))
    receipt = log_repair(desk, priority, what, reporter, at)
    return desk.cases.find(receipt.reference)


@pytest.fixture
async def provider():
    """A stand-in for Twilio's and Messenger's APIs: records each request; `answers` (a list of
    (status, JSON body)) gives the next answers, else 201 with a message id."""
    from aiohttp import web
    from aiohttp.test_utils import TestServer

    received, answers = [], []

    async def record(request: web.Request) -> web.Response:
        body = await request.read()
        form = dict(await request.post()) if request.content_type == "application/x-www-form-urlencoded" else {}
        received.append(
            {
                "path": request.path,
                "query": dict(request.query),
                "form": form,
                "json": await request.json() if request.content_type == "application/json" and body else None,
                "auth": request.headers.get("Authorization"),
            }
        )
        status, answer = (
            answers.pop(0) if answers else (201, {"sid": f"SM{len(received)}", "message_id": f"m{len(received)}"})
        )
        return web.json_response(answer, status=status)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", record)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    server.received, server.answers = received, answers
    yield server
    await server.close()


def providers_at(server):
    """Twilio and Messenger settings pointing at the stand-in."""
    from bot.providers.messenger import MessengerSettings
    from bot.providers.twilio import TwilioSettings

    base = str(server.make_url("")).rstrip("/")
    twilio = TwilioSettings("AC123", "twilio-token", "+441632960001", "+441632960002", "https://example.org", base)
    messenger = MessengerSettings("verify", "app-secret", "page-token", base + "/v18.0")
    return twilio, messenger
