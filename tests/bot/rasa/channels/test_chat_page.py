"""The answer to a message already handled is found in the tracker, and only for that message."""

from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered

from bot.rasa.channels.chat_page import replies_to, saved_answer

EVENTS = [
    UserUttered("my tap drips", message_id="msg-first-000"),
    ActionExecuted("repair_form"),
    BotUttered("Is anyone at risk of harm?", data={"buttons": [{"title": "No", "payload": "/deny"}]}),
    ActionExecuted("action_listen"),
    UserUttered("no", message_id="msg-second-00"),
    BotUttered("Where in your home is it?"),
    BotUttered("For example the kitchen."),
    UserUttered("kitchen", message_id="msg-third-000"),
]


def test_the_answer_to_a_handled_message_is_what_followed_it_up_to_the_next_message():
    assert replies_to(EVENTS, "tenant-1", "msg-first-000") == [
        {
            "recipient_id": "tenant-1",
            "text": "Is anyone at risk of harm?",
            "buttons": [{"title": "No", "payload": "/deny"}],
        }
    ]
    assert [r["text"] for r in replies_to(EVENTS, "tenant-1", "msg-second-00")] == [
        "Where in your home is it?",
        "For example the kitchen.",
    ]


def test_a_message_handled_without_an_answer_yet_and_one_never_handled_differ():
    assert replies_to(EVENTS, "tenant-1", "msg-third-000") == []
    assert replies_to(EVENTS, "tenant-1", "msg-never-sent") is None


def test_a_resent_message_is_answered_as_before_unless_it_was_answered_with_silence():
    assert [r["text"] for r in saved_answer(EVENTS, "tenant-1", "msg-second-00")] == [
        "Where in your home is it?",
        "For example the kitchen.",
    ]
    # Its turn said nothing (it failed): run it again rather than give the same silence.
    assert saved_answer(EVENTS, "tenant-1", "msg-third-000") is None
    assert saved_answer(EVENTS, "tenant-1", "msg-never-sent") is None


# --- who may post, served in-process by Sanic ------------------------------------------------

import json  # noqa: E402 - the served tests' own imports
import socket  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402

import aiohttp  # noqa: E402
import pytest  # noqa: E402
from sanic import Sanic  # noqa: E402

from bot import chat_signature  # noqa: E402
from bot.rasa.channels.chat_page import ChatPageInput  # noqa: E402
from bot.limits import MAX_MESSAGE_CHARS  # noqa: E402

SIGNING = b"chat-page-signing-secret"
WEB_SENDER = "web-" + "0123456789abcdef" * 2


async def _serve(channel):
    turns = []

    async def rasa(message):
        turns.append(message)
        await message.output_channel.send_text_message(message.sender_id, f"reply to {message.text}")

    app = Sanic(f"rest_test_{uuid.uuid4().hex}")
    app.blueprint(channel.blueprint(rasa), url_prefix="/webhooks/rest")
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    server = await app.create_server(sock=sock, return_asyncio_server=True, access_log=False)
    await server.startup()
    url = f"http://127.0.0.1:{sock.getsockname()[1]}/webhooks/rest/webhook"

    async def post(body: bytes, signature=None):
        headers = {"Content-Type": "application/json"}
        if signature:
            headers[chat_signature.HEADER] = signature
        async with aiohttp.ClientSession() as session:
            async with session.post(url, data=body, headers=headers) as response:
                return response.status, await response.text()

    return post, turns, server


@pytest.fixture
async def rest(monkeypatch):
    monkeypatch.setattr(Sanic, "test_mode", True)
    servers = []

    async def make(open_channel):
        post, turns, server = await _serve(ChatPageInput(SIGNING, open_channel))
        servers.append(server)
        return post, turns

    yield make
    for server in servers:
        server.close()
        await server.wait_closed()


def _body(sender, text="hello"):
    return json.dumps({"sender": sender, "message": text}).encode()


@pytest.mark.parametrize("open_channel", [False, True])
async def test_the_chat_pages_signed_messages_are_taken(rest, open_channel):
    post, turns = await rest(open_channel)
    body = _body(WEB_SENDER)
    status, answer = await post(body, chat_signature.signature(SIGNING, body))
    assert status == 200 and "reply to hello" in answer and [t.sender_id for t in turns] == [WEB_SENDER]


@pytest.mark.parametrize(
    "signature",
    [
        "t=1,v1=" + "0" * 64,  # forged
        chat_signature.signature(b"someone else's secret", _body(WEB_SENDER)),  # another key
        chat_signature.signature(SIGNING, _body(WEB_SENDER), now=time.time() - 600),  # replayed later
        chat_signature.signature(SIGNING, _body("web-" + "f" * 32)),  # for another body
    ],
    # Named, not shown: the signatures hold the time, and the two test processes must collect the
    # same tests (pytest-xdist refused to run when the second ticked over between them).
    ids=["forged", "another key", "replayed later", "another body"],
)
async def test_a_bad_signature_is_refused_even_on_an_open_channel(rest, signature):
    post, turns = await rest(True)
    assert (await post(_body(WEB_SENDER), signature))[0] == 403 and turns == []


async def test_the_chat_page_may_speak_only_for_its_own_conversations(rest):
    post, turns = await rest(False)
    body = _body("+447700900123")
    assert (await post(body, chat_signature.signature(SIGNING, body)))[0] == 403 and turns == []


async def test_with_the_channel_closed_an_unsigned_message_is_refused(rest):
    post, turns = await rest(False)
    assert (await post(_body("tester-1")))[0] == 403 and turns == []


@pytest.mark.parametrize(
    "sender, taken",
    [
        ("tester-1", True),
        ("rasa-shell-3f2a", True),
        ("+447700900123", False),
        ("whatsapp:+447700900123", False),  # SMS and WhatsApp tenants
        ("9123456789012345", False),
        (WEB_SENDER, False),  # a Messenger id, a chat page conversation
    ],
)
async def test_an_open_channel_never_takes_another_channels_tenant(rest, sender, taken):
    post, turns = await rest(True)
    status, _ = await post(_body(sender))
    assert (status == 200) is taken and bool(turns) is taken


async def test_a_body_over_the_limit_is_refused_and_a_long_message_answered_politely(rest):
    post, turns = await rest(True)
    assert (await post(_body("tester-2", "x" * 70_000)))[0] == 413
    status, answer = await post(_body("tester-2", "my boiler " * (MAX_MESSAGE_CHARS // 10 + 1)))
    assert status == 200 and "shorter parts" in answer and turns == []


async def test_a_chat_page_message_whose_survey_awaits_an_answer_says_so(rest, case_database):
    from datetime import datetime, timedelta, timezone

    from tests.bot.updates.conftest import delivered_survey

    completed_at = datetime.now(timezone.utc) - timedelta(hours=14)
    case, _ = delivered_survey(case_database, completed_at=completed_at, on="web", address=WEB_SENDER)
    post, turns = await rest(True)
    body = _body(WEB_SENDER, "five stars")
    await post(body, chat_signature.signature(SIGNING, body))
    # Unsigned (rasa shell, curl): never the chat page's conversation, so never its survey.
    await post(_body("someone-typing", "5"))
    signed, unsigned = turns
    assert signed.metadata["survey"]["reference"] == case.reference
    assert unsigned.metadata is None
