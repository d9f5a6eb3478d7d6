"""The Messenger connector's parts: signatures, the handshake, reading batches, splitting, quick
replies, what it sends to the Graph API, and the webhook itself served in-process by Sanic."""

import asyncio
import hashlib
import hmac
import json
import socket
import uuid

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from sanic import Sanic

from bot.rasa.channels import facebook
from bot.rasa.channels.common import Media
from bot.rasa.channels.facebook import (
    MAX_QUICK_REPLIES,
    MAX_TEXT_CHARS,
    Event,
    FacebookInput,
    FacebookOutput,
    Malformed,
    MessengerSettings,
    handshake_answer,
    message_bodies,
    parse_body,
    quick_replies,
    valid_signature,
)
from bot.rasa.channels.outbox import Outbox

SECRET = "app-secret"
BODY = json.dumps({"object": "page", "entry": [{"id": "1", "time": 1, "messaging": []}]}).encode()


def _hub(body: bytes, secret: str = SECRET) -> str:
    """What Facebook sends, computed independently of the module under test."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


# --- signatures and the handshake --------------------------------------------------------


@pytest.mark.parametrize(
    "body, header, accepted",
    [
        (BODY, _hub(BODY), True),
        (BODY, _hub(BODY).upper().replace("SHA256=", "sha256="), True),  # hex case does not matter
        (BODY, None, False),  # unsigned
        (BODY, "", False),
        (BODY, "sha1=" + hmac.new(SECRET.encode(), BODY, hashlib.sha1).hexdigest(), False),  # old header's scheme
        (BODY, _hub(BODY).replace("sha256=", "sha512="), False),  # wrong prefix
        (BODY, _hub(BODY)[len("sha256=") :], False),  # no prefix
        (BODY, _hub(BODY)[:-2], False),  # truncated
        (BODY, "sha256=" + "z" * 64, False),  # not hex
        (BODY, "sha256=é" + "0" * 63, False),  # not ASCII
        (BODY, _hub(BODY, secret="someone-elses-secret"), False),  # forged
        (BODY.replace(b'"time": 1', b'"time": 2'), _hub(BODY), False),  # tampered after signing
    ],
)
def test_only_bodies_signed_with_the_app_secret_are_accepted(body, header, accepted):
    assert valid_signature(SECRET, body, header) is accepted


def test_without_an_app_secret_nothing_is_accepted():
    assert valid_signature("", BODY, _hub(BODY, secret="")) is False


@pytest.mark.parametrize(
    "args, answer",
    [
        ({"hub.mode": "subscribe", "hub.verify_token": "tok", "hub.challenge": "1158201444"}, "1158201444"),
        ({"hub.mode": "subscribe", "hub.verify_token": "wrong", "hub.challenge": "1"}, None),
        ({"hub.mode": "unsubscribe", "hub.verify_token": "tok", "hub.challenge": "1"}, None),
        ({"hub.verify_token": "tok", "hub.challenge": "1"}, None),
        ({"hub.mode": "subscribe", "hub.challenge": "1"}, None),
        ({"hub.mode": "subscribe", "hub.verify_token": "tok"}, None),
        ({"hub.mode": "subscribe", "hub.verify_token": "tók", "hub.challenge": "1"}, None),
    ],
)
def test_the_handshake_answers_only_our_verify_token(args, answer):
    assert handshake_answer(args, "tok") == answer


def test_without_a_verify_token_no_handshake_is_answered():
    assert handshake_answer({"hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "1"}, "") is None


def test_settings_come_from_the_environment_and_missing_secrets_are_named():
    settings = MessengerSettings.from_environment(
        {"FACEBOOK_APP_SECRET": "s", "FACEBOOK_GRAPH_BASE_URL": "http://fake/facebook/"}
    )
    assert settings.graph_base_url == "http://fake/facebook"
    assert settings.messages_url == "http://fake/facebook/me/messages"
    assert settings.missing() == ["FACEBOOK_VERIFY_TOKEN", "FACEBOOK_PAGE_ACCESS_TOKEN"]
    assert MessengerSettings.from_environment({}).graph_base_url == "https://graph.facebook.com/v18.0"


# --- reading deliveries ------------------------------------------------------------------


def _message(psid, mid, **message):
    return {
        "sender": {"id": psid},
        "recipient": {"id": "PAGE"},
        "timestamp": 1700000000000,
        "message": {"mid": mid, **message},
    }


BATCH = {
    "object": "page",
    "entry": [
        {
            "id": "PAGE",
            "time": 1,
            "messaging": [
                _message("A", "m.1", text="my boiler is broken"),
                _message("PAGE", "m.echo", text="Hello, I'm the assistant", is_echo=True, app_id=1),
                {"sender": {"id": "A"}, "recipient": {"id": "PAGE"}, "delivery": {"mids": ["m.x"], "watermark": 1}},
                {"sender": {"id": "A"}, "recipient": {"id": "PAGE"}, "read": {"watermark": 1}},
                {
                    "sender": {"id": "A"},
                    "recipient": {"id": "PAGE"},
                    "reaction": {"mid": "m.x", "action": "react", "reaction": "love"},
                },
                _message("A", "m.2", text="Yes", quick_reply={"payload": "/affirm"}),
            ],
            "standby": [_message("C", "m.standby", text="owned by another app")],
        },
        {
            "id": "PAGE",
            "time": 2,
            "messaging": [
                {
                    "sender": {"id": "B"},
                    "recipient": {"id": "PAGE"},
                    "timestamp": 1700000000123,
                    "postback": {"title": "Report a repair", "payload": "/report_repair"},
                },
                {
                    "sender": {"id": "B"},
                    "recipient": {"id": "PAGE"},
                    "timestamp": 1700000000124,
                    "postback": {"mid": "m.pb", "title": "No", "payload": "/deny"},
                },
                _message("B", "m.3", attachments=[{"type": "image", "payload": {"url": "https://cdn/damp.jpg"}}]),
                _message(
                    "B",
                    "m.4",
                    text="the ceiling",
                    attachments=[
                        {"type": "video", "payload": {"url": "https://cdn/leak.mp4"}},
                        {"type": "audio", "payload": {"url": "https://cdn/voice.mp4"}},
                    ],
                ),
                _message(
                    "B",
                    "m.5",
                    attachments=[
                        {"type": "image", "payload": {"url": "https://cdn/thumb.png", "sticker_id": 369239263222822}},
                    ],
                ),
                {"sender": {"id": "B"}, "something_new": {}},
                "not an event",
                {"message": {"mid": "m.nosender", "text": "who am I"}},
            ],
        },
        {"id": "PAGE", "time": 3, "standby": [_message("C", "m.standby2", text="still not ours")]},
        "not an entry",
    ],
}


def test_every_event_of_every_entry_in_a_batch_is_read_and_the_rest_ignored():
    assert parse_body(json.dumps(BATCH).encode()) == [
        Event("A", "my boiler is broken", "mid:m.1", "m.1"),
        Event("A", "/affirm", "mid:m.2", "m.2"),
        Event("B", "/report_repair", "at:B:1700000000123", None),
        Event("B", "/deny", "mid:m.pb", "m.pb"),
        Event("B", "", "mid:m.3", "m.3", (Media("https://cdn/damp.jpg", "image"),)),
        Event("B", "the ceiling", "mid:m.4", "m.4", (Media("https://cdn/leak.mp4", "video"),)),
    ]


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"\xff\xfe",
        b"[]",
        b'"page"',
        json.dumps({"object": "instagram", "entry": []}).encode(),
        json.dumps({"object": "page"}).encode(),
        json.dumps({"object": "page", "entry": {"messaging": []}}).encode(),
        b"[" * 30_000 + b"]" * 30_000,  # nested too deep to read: RecursionError, not a 500
        b'{"object": "page", "entry": ' + b"[" * 30_000 + b"]" * 30_000 + b"}",
    ],
)
def test_a_body_that_is_not_a_page_delivery_is_malformed(body):
    with pytest.raises(Malformed):
        parse_body(body)


def test_a_lone_surrogate_in_a_message_becomes_the_replacement_character():
    """Valid JSON can carry "\\ud800", which is no character and which Rasa cannot read."""
    body = json.dumps(
        {
            "object": "page",
            "entry": [{"id": "PAGE", "messaging": [_message("A", "m.1", text="tap \ud800 drip \U0001f600")]}],
        }
    ).encode()
    [event] = parse_body(body)
    assert event.text == "tap \ufffd drip \U0001f600"


@pytest.mark.parametrize("psid", ["<img src=x onerror=alert(1)>", "a/b", "\u202e123", "1 2", "x" * 129, "%41"])
def test_an_event_from_a_sender_id_that_is_not_a_page_scoped_id_is_ignored(psid):
    """The sender id is the conversation's id in Rasa's HTTP API path, which does not decode
    percent-escapes: staff could never read or answer a conversation under such an id."""
    body = json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": "PAGE",
                    "messaging": [
                        _message(psid, "m.1", text="hello"),
                        _message("1234567890123456", "m.2", text="hello"),
                    ],
                }
            ],
        }
    ).encode()
    assert [event.sender for event in parse_body(body)] == ["1234567890123456"]


def test_an_echo_or_standby_only_delivery_has_no_events():
    body = {
        "object": "page",
        "entry": [
            {"id": "PAGE", "messaging": [_message("PAGE", "m.e", text="hi", is_echo=True)]},
            {"id": "PAGE", "standby": [_message("A", "m.s", text="hi")]},
        ],
    }
    assert parse_body(json.dumps(body).encode()) == []


# --- writing replies ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "buttons, expected",
    [
        (
            [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}],
            [
                {"content_type": "text", "title": "Yes", "payload": "/affirm"},
                {"content_type": "text", "title": "No", "payload": "/deny"},
            ],
        ),
        (
            [{"title": "Yes, log it and tell the team", "payload": "/affirm"}],
            [{"content_type": "text", "title": "Yes, log it and tell", "payload": "/affirm"}],
        ),
        ([{"title": "Our website", "url": "https://example.org", "type": "web_url"}], []),
        ([{"title": "", "payload": "/affirm"}], []),
        ([], []),
    ],
)
def test_buttons_become_quick_replies_with_titles_cut_to_20_characters(buttons, expected):
    replies = quick_replies(buttons)
    assert replies == expected
    assert all(len(reply["title"]) <= 20 for reply in replies)


def test_at_most_13_quick_replies_are_sent():
    buttons = [{"title": f"Option {i}", "payload": f'/choose{{"n": {i}}}'} for i in range(20)]
    replies = quick_replies(buttons)
    assert len(replies) == MAX_QUICK_REPLIES == 13
    assert replies[-1]["title"] == "Option 12"


def test_quick_replies_go_with_the_last_part_only():
    bodies = message_bodies("PSID", "a " * 1500, [{"title": "Yes", "payload": "/affirm"}])
    assert len(bodies) == 2
    assert "quick_replies" not in bodies[0]["message"]
    assert bodies[1]["message"]["quick_replies"] == [{"content_type": "text", "title": "Yes", "payload": "/affirm"}]


# --- what is sent to the Graph API -------------------------------------------------------


@pytest.fixture
async def graph():
    """A fake Graph API on 127.0.0.1: records JSON bodies; `statuses` gives the next answers."""
    received, statuses = [], []

    async def record(request: web.Request) -> web.Response:
        status = statuses.pop(0) if statuses else 200
        received.append(
            {"path": request.path, "query": dict(request.query), "status": status, "json": await request.json()}
        )
        return web.json_response({"message_id": "m"}, status=status)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", record)
    server = TestServer(app, host="127.0.0.1", port=0)
    await server.start_server()
    server.received, server.statuses = received, statuses
    yield server
    await server.close()


def _settings(graph) -> MessengerSettings:
    return MessengerSettings("verify-token", SECRET, "page-token", str(graph.make_url("/v18.0")))


async def _no_wait(_: float) -> None:
    return None


@pytest.fixture
async def output(graph):
    outbox = Outbox(channel="facebook", first_delay=0, sleep=_no_wait)
    yield FacebookOutput(_settings(graph), outbox)
    await outbox.close()


async def test_a_reply_is_posted_to_the_send_api_as_messenger_expects(graph, output):
    await output.send_response(
        "PSID-1",
        {
            "text": "Is anyone at risk?",
            "buttons": [{"title": "Yes", "payload": "/affirm"}, {"title": "No", "payload": "/deny"}],
        },
    )
    assert [(r["path"], r["query"]) for r in graph.received] == [("/v18.0/me/messages", {"access_token": "page-token"})]
    assert graph.received[0]["json"] == {
        "recipient": {"id": "PSID-1"},
        "messaging_type": "RESPONSE",
        "message": {
            "text": "Is anyone at risk?",
            "quick_replies": [
                {"content_type": "text", "title": "Yes", "payload": "/affirm"},
                {"content_type": "text", "title": "No", "payload": "/deny"},
            ],
        },
    }


async def test_a_long_reply_arrives_in_parts_in_order(graph, output):
    text = " ".join(f"w{i:05d}" for i in range(1000))  # 6,999 characters
    await output.send_text_message("PSID-2", text)
    texts = [r["json"]["message"]["text"] for r in graph.received]
    assert len(texts) == 4 and all(len(t) <= MAX_TEXT_CHARS for t in texts)
    assert " ".join(texts) == text
    assert all(r["json"]["recipient"] == {"id": "PSID-2"} for r in graph.received)


async def test_a_server_error_is_retried_and_the_reply_delivered(graph, output):
    graph.statuses.extend([500])
    await output.send_text_message("PSID-3", "hello")
    assert [r["status"] for r in graph.received] == [500, 200]
    assert graph.received[0]["json"] == graph.received[1]["json"]


async def test_a_refused_request_is_not_retried_and_nothing_is_raised(graph, output, caplog):
    caplog.set_level("DEBUG")
    graph.statuses.extend([400])
    await output.send_text_message("PSID-4", "a secret about my rent arrears " + "x " * 1200)
    assert [r["status"] for r in graph.received] == [400]  # and the second part is not sent
    assert "rent arrears" not in caplog.text
    assert "PSID-4" in caplog.text


async def test_an_unreachable_api_never_raises_into_the_turn():
    settings = MessengerSettings("v", SECRET, "p", "http://127.0.0.1:9")  # discard port: nothing listens
    outbox = Outbox(channel="facebook", attempts=2, first_delay=0, sleep=_no_wait)
    try:
        await FacebookOutput(settings, outbox).send_text_message("PSID-5", "hello")
    finally:
        await outbox.close()


# --- the webhook, served in-process by Sanic ---------------------------------------------


class _Rasa:
    """Stands in for Rasa's message handler: records the messages and replies through the
    output channel, as a turn does."""

    def __init__(self) -> None:
        self.messages = []

    async def __call__(self, message) -> None:
        self.messages.append(message)
        await message.output_channel.send_text_message(message.sender_id, f"reply to {message.text}")


@pytest.fixture
async def webhook(graph, monkeypatch):
    """The connector on a real Sanic server on a free port; attach_media is recorded, not run."""
    kept = []

    async def attach(channel, address, media):
        kept.append((channel, address, list(media)))

    monkeypatch.setattr(facebook, "attach_media", attach)
    yield await _serve(FacebookInput(_settings(graph), Outbox(channel="facebook", first_delay=0, sleep=_no_wait)), kept)


@pytest.fixture(autouse=True)
def _sanic_in_tests(monkeypatch):
    """Sanic rewrites its own methods when a server starts; in test mode it can start several."""
    monkeypatch.setattr(Sanic, "test_mode", True)


async def _serve(channel, kept=None):
    rasa = _Rasa()
    app = Sanic(f"fb_test_{uuid.uuid4().hex}")
    app.blueprint(channel.blueprint(rasa), url_prefix=f"/webhooks/{channel.name()}")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = await app.create_server(sock=sock, return_asyncio_server=True, access_log=False)
    await server.startup()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/webhooks/facebook/webhook"
    return _Served(channel, rasa, url, server, kept)


class _Served:
    def __init__(self, channel, rasa, url, server, kept):
        self.channel, self.rasa, self.url, self.server, self.kept = channel, rasa, url, server, kept

    async def post(self, body: bytes, signature=None):
        headers = {"Content-Type": "application/json"}
        if signature is not None:
            headers["X-Hub-Signature-256"] = signature
        async with aiohttp.ClientSession() as session:
            async with session.post(self.url, data=body, headers=headers) as response:
                answer = response.status, await response.text()
        await self.channel.turns.drain()
        return answer

    async def get(self, params):
        async with aiohttp.ClientSession() as session:
            async with session.get(self.url, params=params) as response:
                return response.status, await response.text()


@pytest.fixture
async def served(webhook):
    yield webhook
    webhook.server.close()
    await webhook.server.wait_closed()
    await webhook.channel.output.outbox.close()


async def test_the_served_handshake(served):
    good = {"hub.mode": "subscribe", "hub.verify_token": "verify-token", "hub.challenge": "8675309"}
    assert await served.get(good) == (200, "8675309")
    assert (await served.get({**good, "hub.verify_token": "guess"}))[0] == 403


@pytest.mark.parametrize("signature", [None, "sha256=" + "0" * 64, _hub(b"{}"), "sha1=abc"])
async def test_an_unsigned_or_forged_delivery_is_refused_and_not_handled(served, graph, signature):
    body = json.dumps(BATCH).encode()
    assert (await served.post(body, signature))[0] == 403
    assert served.rasa.messages == [] and graph.received == []


async def test_a_delivery_tampered_after_signing_is_refused(served, graph):
    body = json.dumps(BATCH).encode()
    assert (await served.post(body.replace(b"broken", b"fixed!"), _hub(body)))[0] == 403
    assert served.rasa.messages == []


@pytest.mark.parametrize("body", [b"not json", b'{"object": "user", "entry": []}', b"[" * 30_000 + b"]" * 30_000])
async def test_a_signed_body_that_is_not_a_delivery_is_a_bad_request(served, body):
    assert (await served.post(body, _hub(body)))[0] == 400


async def test_a_batch_is_answered_at_once_and_every_event_becomes_a_turn(served, graph):
    body = json.dumps(BATCH).encode()
    assert await served.post(body, _hub(body)) == (200, "EVENT_RECEIVED")
    messages = served.rasa.messages
    assert {m.input_channel for m in messages} == {"facebook"}
    by_sender = {psid: [m for m in messages if m.sender_id == psid] for psid in ("A", "B")}
    # the two tenants' turns run side by side; each tenant's in the order they wrote
    assert [(m.text, m.message_id) for m in by_sender["A"]] == [("my boiler is broken", "m.1"), ("/affirm", "m.2")]
    # the photo alone is kept with the case and makes no turn
    assert [(m.text, m.message_id) for m in by_sender["B"]][1:] == [("/deny", "m.pb"), ("the ceiling", "m.4")]
    assert by_sender["B"][0].text == "/report_repair"  # a postback without mid: Rasa makes an id
    assert by_sender["A"][0].metadata is None
    assert served.kept == [
        ("facebook", "B", [Media("https://cdn/damp.jpg", "image")]),
        ("facebook", "B", [Media("https://cdn/leak.mp4", "video")]),
    ]
    for psid in ("A", "B"):
        sent = [r["json"]["message"]["text"] for r in graph.received if r["json"]["recipient"]["id"] == psid]
        assert sent == [f"reply to {m.text}" for m in messages if m.sender_id == psid]


async def test_a_retried_delivery_makes_no_second_turn(served):
    body = json.dumps({"object": "page", "entry": [{"id": "P", "messaging": [_message("A", "m.retry", text="hi")]}]})
    for _ in range(2):
        assert (await served.post(body.encode(), _hub(body.encode())))[0] == 200
    assert [m.text for m in served.rasa.messages] == ["hi"]


async def test_a_failed_photo_save_still_answers_the_tenant(served, monkeypatch):
    async def broken(*_):
        raise RuntimeError("database down")

    monkeypatch.setattr(facebook, "attach_media", broken)
    body = json.dumps(
        {
            "object": "page",
            "entry": [
                {
                    "id": "P",
                    "messaging": [
                        _message(
                            "A", "m.photo", attachments=[{"type": "image", "payload": {"url": "https://cdn/p.jpg"}}]
                        )
                    ],
                }
            ],
        }
    ).encode()
    assert (await served.post(body, _hub(body)))[0] == 200
    assert served.rasa.messages == []  # a photo alone makes no turn, saved or not


async def test_without_secrets_start_up_works_and_every_request_is_refused(graph, caplog, monkeypatch):
    for name in ("FACEBOOK_VERIFY_TOKEN", "FACEBOOK_APP_SECRET", "FACEBOOK_PAGE_ACCESS_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    with caplog.at_level("WARNING", logger="bot.rasa.channels.facebook"):
        channel = FacebookInput.from_credentials({"secret": "from credentials.yml, ignored"})
    assert len([r for r in caplog.records if r.name == "bot.rasa.channels.facebook"]) == 1
    served = await _serve(channel)
    try:
        body = json.dumps(BATCH).encode()
        assert (await served.post(body, _hub(body, secret="")))[0] == 403
        assert (await served.get({"hub.mode": "subscribe", "hub.verify_token": "", "hub.challenge": "1"}))[0] == 403
        assert served.rasa.messages == []
    finally:
        served.server.close()
        await served.server.wait_closed()
        await asyncio.sleep(0)


# --- limits ------------------------------------------------------------------------------------


async def test_a_body_over_the_limit_is_refused_before_its_signature_is_checked(served, monkeypatch):
    checked = []
    monkeypatch.setattr(facebook, "valid_signature", lambda *args: checked.append(args) or False)
    status, _ = await served.post(b"x" * (1024 * 1024), "sha256=" + "0" * 64)
    assert status == 413 and checked == [] and served.rasa.messages == []


async def test_a_signed_message_over_the_length_limit_gets_a_polite_answer_and_no_turn(served, graph):
    from bot.limits import MAX_MESSAGE_CHARS

    body = json.dumps(
        {
            "object": "page",
            "entry": [
                {"id": "P", "messaging": [_message("L", "m.long", text="my boiler " * (MAX_MESSAGE_CHARS // 10 + 1))]}
            ],
        }
    ).encode()
    assert (await served.post(body, _hub(body)))[0] == 200
    assert served.rasa.messages == []
    [sent] = [r["json"]["message"]["text"] for r in graph.received if r["json"]["recipient"]["id"] == "L"]
    assert "shorter parts" in sent and f"{MAX_MESSAGE_CHARS:,}" in sent


@pytest.mark.parametrize("text, stopped", [("STOP", True), ("stop.", True), ("please stop the noise next door", False)])
async def test_stop_makes_no_turn_stops_updates_and_is_answered(served, graph, case_database, text, stopped):
    from bot.updates import Updates

    body = json.dumps({"object": "page", "entry": [{"id": "P", "messaging": [_message("S", f"m.{text}", text=text)]}]})
    assert (await served.post(body.encode(), _hub(body.encode())))[0] == 200
    contact = Updates(case_database.cases.engine).contact("facebook", "S")
    assert (contact.stopped_at is not None) == stopped
    assert contact.last_heard_at is not None  # the 24 hours run from any message
    assert (served.rasa.messages == []) == stopped
    sent = [r["json"]["message"]["text"] for r in graph.received]
    assert any("won't send you any more updates" in reply for reply in sent) == stopped


async def test_a_messenger_message_whose_survey_awaits_an_answer_says_so(served, case_database):
    from datetime import datetime, timedelta, timezone

    from tests.bot.updates.conftest import delivered_survey

    completed_at = datetime.now(timezone.utc) - timedelta(hours=14)
    case, _ = delivered_survey(case_database, completed_at=completed_at, on="messenger", address="6001")
    body = json.dumps(
        {
            "object": "page",
            "entry": [
                {"id": "P", "messaging": [_message("6001", "m.s1", text="it was good thanks")]},
                {"id": "P", "messaging": [_message("6002", "m.s2", text="5")]},
            ],
        }
    ).encode()
    await served.post(body, _hub(body))
    by_sender = {m.sender_id: m for m in served.rasa.messages}
    assert by_sender["6001"].metadata["survey"]["reference"] == case.reference
    assert by_sender["6002"].metadata is None
