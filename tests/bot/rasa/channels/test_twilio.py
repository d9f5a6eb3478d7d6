"""The Twilio connector's parts: signatures, messages, splitting, and what it sends."""

import pytest
from twilio.request_validator import RequestValidator

from bot.rasa.channels.common import Media
from bot.rasa.channels.outbox import Outbox
from bot.providers.twilio import TwilioSettings
from bot.rasa.channels.twilio import (
    TwilioOutput,
    inbound,
    signed_by_twilio,
    with_choices,
)

SETTINGS = TwilioSettings(
    account_sid="AC123",
    auth_token="secret-token",
    sms_number="+441632960001",
    whatsapp_number="+441632960002",
    public_base_url="https://tenants.example.org",
)
URL = "https://tenants.example.org/webhooks/twilio/webhook"
PARAMS = {"MessageSid": "SM1", "From": "+447700900123", "To": "+441632960001", "Body": "my boiler is broken"}


def _signed(url=URL, params=PARAMS, token="secret-token"):
    return RequestValidator(token).compute_signature(url, params)


@pytest.mark.parametrize(
    "url, params, signature, accepted",
    [
        (URL, PARAMS, _signed(), True),
        (URL, PARAMS, None, False),  # unsigned
        (URL, PARAMS, _signed(token="someone-elses-token"), False),  # forged
        (URL, {**PARAMS, "Body": "changed on the way"}, _signed(), False),  # tampered
        ("http://127.0.0.1:5005/webhooks/twilio/webhook", PARAMS, _signed(), False),  # signed for another address
    ],
)
def test_only_requests_twilio_signed_for_our_public_address_are_accepted(url, params, signature, accepted):
    assert signed_by_twilio(SETTINGS, url, params, signature) is accepted


def test_without_credentials_nothing_is_accepted():
    unset = TwilioSettings("", "", "", "", "")
    assert signed_by_twilio(unset, URL, PARAMS, _signed()) is False


@pytest.mark.parametrize(
    "params, text, media",
    [
        (PARAMS, "my boiler is broken", []),
        (
            {
                **PARAMS,
                "Body": "  ",
                "NumMedia": "2",
                "MediaUrl0": "https://m/0",
                "MediaContentType0": "image/jpeg",
                "MediaUrl1": "https://m/1",
                "MediaContentType1": "image/png",
            },
            "",
            [Media("https://m/0", "image/jpeg"), Media("https://m/1", "image/png")],
        ),
        (
            {**PARAMS, "NumMedia": "1", "MediaUrl0": "https://m/0"},
            "my boiler is broken",
            [Media("https://m/0", "application/octet-stream")],
        ),
        ({**PARAMS, "NumMedia": "lots"}, "my boiler is broken", []),
    ],
)
def test_a_message_is_read_from_twilios_fields(params, text, media):
    message = inbound(params)
    assert (message.text, list(message.media), message.sid) == (text, media, "SM1")


@pytest.mark.parametrize("params", [{}, {"From": "+447700900123"}, {"MessageSid": "SM1"}])
def test_a_request_that_is_not_a_message_is_not_one(params):
    assert inbound(params) is None


def test_buttons_are_written_out_as_the_choices():
    buttons = [{"title": "Yes, log it", "payload": "/affirm"}, {"title": "No, start again", "payload": "/deny"}]
    assert with_choices("Shall I log it?", buttons) == "Shall I log it?\nYes, log it / No, start again"


@pytest.mark.parametrize(
    "recipient, sender",
    [("+447700900123", "+441632960001"), ("whatsapp:+447700900123", "whatsapp:+441632960002")],
)
async def test_replies_go_through_twilios_api_from_the_number_the_tenant_wrote_to(fake_api, recipient, sender):
    settings = TwilioSettings(**{**SETTINGS.__dict__, "api_base_url": str(fake_api.make_url("")).rstrip("/")})
    output = TwilioOutput(settings, Outbox(channel="twilio", first_delay=0))
    await output.send_text_message(recipient, "first " * 400)  # 2,400 characters: two messages
    await output.outbox.close()
    assert [r["path"] for r in fake_api.received] == ["/2010-04-01/Accounts/AC123/Messages.json"] * 2
    assert [(r["form"]["To"], r["form"]["From"]) for r in fake_api.received] == [(recipient, sender)] * 2
    assert fake_api.received[0]["headers"]["Authorization"].startswith("Basic ")
    assert " ".join(r["form"]["Body"] for r in fake_api.received).split() == ["first"] * 400


# --- the webhook, served in-process by Sanic, and its limits ----------------------------------

import socket  # noqa: E402 - the served tests' own imports
import uuid  # noqa: E402
from urllib.parse import urlencode  # noqa: E402

import aiohttp  # noqa: E402
from sanic import Sanic  # noqa: E402

from bot.rasa.channels import twilio  # noqa: E402
from bot.rasa.channels.twilio import TwilioInput  # noqa: E402


class _Rasa:
    def __init__(self) -> None:
        self.messages = []

    async def __call__(self, message) -> None:
        self.messages.append(message)


@pytest.fixture
async def served(fake_api, monkeypatch):
    """The connector on a real Sanic server; replies go to the fake Twilio API."""
    monkeypatch.setattr(Sanic, "test_mode", True)
    settings = TwilioSettings(**{**SETTINGS.__dict__, "api_base_url": str(fake_api.make_url("")).rstrip("/")})
    channel, rasa = TwilioInput(settings), _Rasa()
    channel.outbox = Outbox(channel="twilio", first_delay=0)
    app = Sanic(f"twilio_test_{uuid.uuid4().hex}")
    app.blueprint(channel.blueprint(rasa), url_prefix="/webhooks/twilio")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = await app.create_server(sock=sock, return_asyncio_server=True, access_log=False)
    await server.startup()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/webhooks/twilio/webhook"

    async def post(body: bytes, signature=None):
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if signature:
            headers["X-Twilio-Signature"] = signature
        async with aiohttp.ClientSession() as session:
            async with session.post(url, data=body, headers=headers) as response:
                answer = response.status, await response.text()
        await channel.turns.drain()
        return answer

    yield post, rasa
    server.close()
    await server.wait_closed()
    await channel.outbox.close()


async def test_an_unsigned_megabyte_is_refused_before_it_is_read_or_checked(served, monkeypatch):
    post, rasa = served
    checked = []
    monkeypatch.setattr(twilio, "signed_by_twilio", lambda *args: checked.append(args) or False)
    status, _ = await post(urlencode({**PARAMS, "Body": "x" * 1024 * 1024}).encode())
    assert status == 413 and checked == [] and rasa.messages == []


async def test_a_signed_message_over_the_length_limit_gets_a_polite_answer_and_no_turn(served, fake_api):
    from bot.limits import MAX_MESSAGE_CHARS

    post, rasa = served
    params = {**PARAMS, "MessageSid": "SM-long", "Body": "my boiler " * (MAX_MESSAGE_CHARS // 10 + 1)}
    status, _ = await post(urlencode(params).encode(), _signed(params=params))
    assert status == 200 and rasa.messages == []
    [sent] = [r["form"]["Body"] for r in fake_api.received]
    assert "shorter parts" in sent and sent.count("\n") == 0


async def test_a_signed_message_within_the_limits_is_a_turn(served):
    post, rasa = served
    status, _ = await post(urlencode(PARAMS).encode(), _signed())
    assert status == 200 and [m.text for m in rasa.messages] == ["my boiler is broken"]


@pytest.mark.parametrize(
    "sender, body, stopped, answered",
    [
        # SMS: Twilio itself answers STOP, and blocks our messages; we record it and say nothing.
        ("+447700900123", "STOP", True, False),
        ("+447700900123", "unsubscribe", True, False),
        # WhatsApp: nobody else acts on it, so we answer it.
        ("whatsapp:+447700900123", "stop", True, True),
        ("whatsapp:+447700900123", "cancel", False, False),
    ],
)
async def test_stop_makes_no_turn_and_stops_updates(served, fake_api, case_database, sender, body, stopped, answered):
    from bot.updates import Updates

    post, rasa = served
    params = {**PARAMS, "MessageSid": f"SM-{body}", "From": sender, "Body": body}
    status, _ = await post(urlencode(params).encode(), _signed(params=params))
    contact = Updates(case_database.cases.engine).contact("twilio", sender)
    assert status == 200
    assert (contact.stopped_at is not None) == stopped
    assert (rasa.messages == []) == stopped
    replies = [r["form"]["Body"] for r in fake_api.received]
    assert (any("won't send you any more updates" in reply for reply in replies)) == answered


async def test_every_message_restarts_the_24_hours(served, case_database):
    from bot.updates import Updates

    post, _ = served
    await post(urlencode(PARAMS).encode(), _signed())
    assert Updates(case_database.cases.engine).contact("twilio", PARAMS["From"]).last_heard_at is not None


async def test_a_message_from_a_tenant_whose_survey_awaits_an_answer_says_so(served, case_database):
    from datetime import datetime, timedelta, timezone

    from tests.bot.updates.conftest import delivered_survey

    post, rasa = served
    case, _ = delivered_survey(case_database, completed_at=datetime.now(timezone.utc) - timedelta(hours=14))
    params = {**PARAMS, "MessageSid": "SM-survey", "From": case.conversation_id, "Body": "4 - quick and tidy"}
    await post(urlencode(params).encode(), _signed(params=params))
    other = {**PARAMS, "MessageSid": "SM-other", "From": "+447700900999", "Body": "5"}
    await post(urlencode(other).encode(), _signed(params=other))
    answered, unasked = rasa.messages
    assert answered.metadata["survey"]["reference"] == case.reference
    assert answered.metadata["survey"]["number_asked"] is False
    assert unasked.metadata is None


async def test_when_the_database_cannot_say_the_message_goes_on_without(served, monkeypatch):
    from bot.updates.surveys import Surveys

    def broken(*_):
        raise RuntimeError("database down")

    monkeypatch.setattr(Surveys, "awaited", broken)
    post, rasa = served
    await post(urlencode(PARAMS).encode(), _signed())
    assert [(m.text, m.metadata) for m in rasa.messages] == [("my boiler is broken", None)]
