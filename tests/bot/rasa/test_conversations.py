"""Reading a transcript out of Rasa's tracker events, and the client for Rasa's HTTP API."""

from datetime import datetime, timezone

import pytest

from bot.rasa.conversations import (
    CLOSED_RESPONSE,
    HANDED_BACK_RESPONSE,
    Conversations,
    ConversationsUnavailable,
    texts_after_action,
    transcript_from_events,
)
from tests.bot.web.console.fake_rasa_api import TOKEN

AT = 1795000000.0


def test_the_transcript_keeps_what_people_wrote_and_who_wrote_it():
    events = [
        {"event": "action", "name": "action_session_start", "timestamp": AT},
        {"event": "user", "text": "my boiler is broken", "timestamp": AT + 1},
        {"event": "slot", "name": "description", "value": "boiler", "timestamp": AT + 1},
        {"event": "bot", "text": "Is anyone in the home over 75?", "timestamp": AT + 2},
        {"event": "user", "text": "", "timestamp": AT + 3},
        {"event": "bot", "text": "Hello, Sam from housing here.", "metadata": {"staff": "sam"}, "timestamp": AT + 4},
        {"event": "bot", "text": None, "timestamp": AT + 5},
    ]
    lines = transcript_from_events(events)
    assert [(line.speaker, line.author, line.text) for line in lines] == [
        ("tenant", None, "my boiler is broken"),
        ("assistant", None, "Is anyone in the home over 75?"),
        ("staff", "sam", "Hello, Sam from housing here."),
    ]
    assert lines[0].at == datetime.fromtimestamp(AT + 1, tz=timezone.utc)


def test_a_long_transcript_keeps_its_latest_lines():
    events = [{"event": "user", "text": f"message {n}", "timestamp": AT + n} for n in range(10)]
    assert [line.text for line in transcript_from_events(events, limit=3)] == ["message 7", "message 8", "message 9"]


def test_what_the_assistant_said_after_an_action_is_found_after_its_last_run():
    events = [
        {"event": "action", "name": "utter_handed_back"},
        {"event": "bot", "text": "old"},
        {"event": "user", "text": "hi"},
        {"event": "action", "name": "utter_handed_back"},
        {"event": "bot", "text": "new"},
        {"event": "action", "name": "action_listen"},
    ]
    assert texts_after_action(events, "utter_handed_back") == ["new"]
    assert texts_after_action(events, "utter_something_else") == []


async def _client(api, token=TOKEN):
    return Conversations(api.url, token, Conversations.session())


async def test_a_staff_message_is_sent_on_the_tenants_latest_channel_and_kept_in_the_transcript(rasa_api):
    conversations = await _client(rasa_api)
    try:
        rasa_api.tenant_says("whatsapp:+447700900123", "hello?")
        await conversations.send_from_staff("whatsapp:+447700900123", "sam", "Hello, this is Sam.")
        [call] = [c for c in rasa_api.calls if c["what"] == "append"]
        assert call["conversation"] == "whatsapp:+447700900123"
        assert call["query"]["execute_side_effects"] == "true" and call["query"]["output_channel"] == "latest"
        lines = await conversations.transcript("whatsapp:+447700900123")
        assert [(line.speaker, line.text) for line in lines] == [("tenant", "hello?"), ("staff", "Hello, this is Sam.")]
    finally:
        await conversations.close_session()


async def test_handing_back_resumes_then_tells_the_tenant_and_closing_restarts(rasa_api):
    conversations = await _client(rasa_api)
    try:
        assert await conversations.hand_back("web-1") == [f"said by {HANDED_BACK_RESPONSE}"]
        assert await conversations.close("web-2") == [f"said by {CLOSED_RESPONSE}"]
    finally:
        await conversations.close_session()
    appended = [(c["conversation"], c["events"]) for c in rasa_api.calls if c["what"] == "append"]
    listen = {"event": "action", "name": "action_listen"}
    # Each ends by listening, as every turn does, so the policies see a history they know.
    assert appended == [
        ("web-1", [{"event": "resume"}]),
        ("web-1", [listen]),
        ("web-2", [{"event": "restart"}]),
        ("web-2", [listen]),
    ]
    assert [c["query"].get("output_channel") for c in rasa_api.calls if c["what"] == "execute"] == ["latest", "latest"]


@pytest.mark.parametrize("token", [None, "wrong-token"])
async def test_without_the_right_token_nothing_is_sent(rasa_api, token):
    conversations = await _client(rasa_api, token)
    try:
        with pytest.raises(ConversationsUnavailable):
            await conversations.send_from_staff("web-1", "sam", "hello")
    finally:
        await conversations.close_session()
    assert rasa_api.events == {}


async def test_an_unreachable_rasa_is_reported_not_raised_as_a_client_error():
    conversations = Conversations("http://127.0.0.1:1", TOKEN, Conversations.session())
    try:
        with pytest.raises(ConversationsUnavailable):
            await conversations.transcript("web-1")
    finally:
        await conversations.close_session()
