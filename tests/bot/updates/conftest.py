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


def a_repair(
    desk, on="sms", priority=RepairPriority.ROUTINE, at=MONDAY_MORNING, what="the kitchen tap drips", address=None
):
    """A repair reported on a channel (from `address`, else the channel's usual one); the case
    as the store has it."""
    channel, address = ADDRESSES[on][0], address or ADDRESSES[on][1]
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


def delivered_survey(
    desk, priority=RepairPriority.ROUTINE, completed_at=MONDAY_MORNING, on="sms", what=None, address=None
):
    """A repair of `priority` completed at `completed_at`, and its survey sent (recorded as
    accepted, as the worker would) once it was due: the case, and when the survey went."""
    from datetime import timedelta

    from bot.cases import CaseStatus
    from bot.updates import UpdateKind, UpdateStatus, after_completion
    from bot.updates.store import Outcome

    teller = Teller(desk)
    opened = a_repair(
        desk, on=on, priority=priority, at=completed_at - timedelta(hours=2), what=what or "a repair", address=address
    )
    case = desk.cases.set_status(opened.reference, CaseStatus.COMPLETED, completed_at, "staff:amy")
    after_completion(teller, case, completed_at)
    sent_at = completed_at + timedelta(hours=13)  # after the night, whenever it was completed
    for update in teller.updates.claim(sent_at, "w"):
        if update.reference == case.reference and update.kind is UpdateKind.SURVEY:
            status = UpdateStatus.IN_CHAT if on == "web" else UpdateStatus.SENT
            teller.updates.record(update.id, Outcome(status, "accepted"), sent_at)
    if on == "web":
        teller.updates.kept_in_chat(case.conversation_id, sent_at)
    return case, sent_at


def answered_survey(desk, priority, text, completed_at, answered_at=None, on="sms", what=None):
    """The same, answered with `text` (at `answered_at`, else half an hour after it went): the
    whole path but the providers and Rasa. The case as the store has it."""
    from datetime import timedelta

    from bot.answers import read_rating
    from bot.updates.surveys import Surveys

    case, sent_at = delivered_survey(desk, priority, completed_at, on, what or text)
    moment = answered_at or sent_at + timedelta(minutes=30)
    Surveys(desk.cases.engine).take_answer(case.channel, case.conversation_id, read_rating(text), text, moment)
    return case
