"""The chat page's server, against a fake Rasa that records who each message came from."""

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.webchat.server import COOKIE_NAME, MAX_MESSAGE_CHARS, create_app, sign

SECRET = b"test-secret"


@pytest.fixture
async def fake_rasa():
    received = []

    async def webhook(request):
        body = await request.json()
        received.append(body)
        return web.json_response([
            {"recipient_id": body["sender"], "text": f"echo: {body['message']}",
             "buttons": [{"title": "Yes", "payload": "/affirm"}]},
        ])

    app = web.Application()
    app.router.add_post("/webhooks/rest/webhook", webhook)
    server = TestServer(app)
    await server.start_server()
    yield server, received
    await server.close()


@pytest.fixture
async def chat(fake_rasa):
    server, _ = fake_rasa
    client = TestClient(TestServer(create_app(str(server.make_url("")), secret=SECRET)))
    await client.start_server()
    yield client
    await client.close()


async def test_the_page_is_served_with_the_charters_emergency_numbers(chat):
    from bot.charter import load_charter

    response = await chat.get("/")
    page = await response.text()
    assert response.status == 200
    assert "Quick exit" in page
    numbers = load_charter().emergency_numbers
    assert numbers.gas.number in page and numbers.emergency_services.number in page
    assert "{{" not in page
    assert f'maxlength="{MAX_MESSAGE_CHARS}"' in page


async def test_a_message_is_forwarded_under_a_server_issued_conversation_id(chat, fake_rasa):
    _, received = fake_rasa
    first = await chat.post("/api/messages", json={"message": "hello"})
    assert first.status == 200
    assert (await first.json())["messages"] == [
        {"text": "echo: hello", "buttons": [{"title": "Yes", "payload": "/affirm"}]}
    ]
    await chat.post("/api/messages", json={"message": "again"})
    assert received[0]["sender"] == received[1]["sender"]
    assert received[0]["sender"].startswith("web-")


async def test_a_forged_cookie_cannot_post_as_another_tenant(chat, fake_rasa):
    _, received = fake_rasa
    victim = "web-0123456789abcdef0123456789abcdef"
    forged = f"{victim}.{'0' * 64}"
    response = await chat.post("/api/messages", json={"message": "hi"}, cookies={COOKIE_NAME: forged})
    assert response.status == 200
    assert received[-1]["sender"] != victim
    assert COOKIE_NAME in response.cookies


async def test_a_validly_signed_cookie_keeps_its_conversation(chat, fake_rasa):
    _, received = fake_rasa
    mine = "web-feedfacefeedfacefeedfacefeedface"
    await chat.post("/api/messages", json={"message": "hi"}, cookies={COOKIE_NAME: sign(mine, SECRET)})
    assert received[-1]["sender"] == mine


@pytest.mark.parametrize(
    "body, status, says",
    [
        ({"message": ""}, 400, "type a message"),
        ({"message": "   "}, 400, "type a message"),
        ({"nothing": 1}, 400, "type a message"),
        (["not", "an", "object"], 400, "type a message"),
        ({"message": "x" * (MAX_MESSAGE_CHARS + 1)}, 413, "nothing has been sent"),
    ],
)
async def test_bad_input_gets_a_clear_answer_and_reaches_no_one(chat, fake_rasa, body, status, says):
    _, received = fake_rasa
    response = await chat.post("/api/messages", json=body)
    assert response.status == status
    assert says in (await response.json())["error"]
    assert received == []


async def test_a_body_that_is_not_json_gets_a_clear_answer(chat):
    response = await chat.post("/api/messages", data=b"\x00\xff binary", headers={"Content-Type": "application/json"})
    assert response.status == 400


async def test_when_rasa_is_down_the_tenant_is_told_to_try_again():
    client = TestClient(TestServer(create_app("http://127.0.0.1:1", secret=SECRET)))
    await client.start_server()
    try:
        response = await client.post("/api/messages", json={"message": "hello"})
        assert response.status == 503
        assert "try again" in (await response.json())["error"]
    finally:
        await client.close()


async def _first_cookie(chat):
    response = await chat.post("/api/messages", json={"message": "hello"})
    return response.cookies[COOKIE_NAME].value


async def test_a_retried_message_gets_the_same_reply_and_reaches_rasa_once(chat, fake_rasa):
    _, received = fake_rasa
    cookie = await _first_cookie(chat)
    body = {"message": "my tap is leaking", "message_id": "msg-0123456789"}
    first = await chat.post("/api/messages", json=body, cookies={COOKIE_NAME: cookie})
    again = await chat.post("/api/messages", json=body, cookies={COOKIE_NAME: cookie})
    assert await first.json() == await again.json()
    assert [r["message"] for r in received].count("my tap is leaking") == 1


async def test_a_retry_arriving_while_the_first_is_still_with_rasa_waits_for_its_answer(chat, fake_rasa):
    import asyncio

    _, received = fake_rasa
    cookie = await _first_cookie(chat)
    body = {"message": "no heating", "message_id": "msg-concurrent-1"}
    replies = await asyncio.gather(*[chat.post("/api/messages", json=body, cookies={COOKIE_NAME: cookie}) for _ in range(3)])
    assert len({str(await r.json()) for r in replies}) == 1
    assert [r["message"] for r in received].count("no heating") == 1


async def test_different_messages_are_different_turns(chat, fake_rasa):
    _, received = fake_rasa
    cookie = await _first_cookie(chat)
    for n in range(2):
        await chat.post("/api/messages", json={"message": "yes", "message_id": f"msg-different-{n}"}, cookies={COOKIE_NAME: cookie})
    assert [r["message"] for r in received].count("yes") == 2


async def test_a_message_that_got_no_answer_is_sent_again_on_retry():
    from bot.webchat.server import Deliveries

    deliveries = Deliveries()
    future, first = deliveries.claim(("web-1", "msg-failed-01"))
    deliveries.failed(("web-1", "msg-failed-01"))
    assert first and future.result() is None
    assert deliveries.claim(("web-1", "msg-failed-01"))[1] is True
