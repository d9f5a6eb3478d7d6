"""The REST channel the chat page talks to, through the running Rasa server: the chat page's
message id becomes the message's id in the tracker (and so in the case's request key), and
what is not a message is refused with a clear answer."""

import json
import urllib.error
import urllib.request
import uuid

import pytest

pytestmark = pytest.mark.e2e


def _post(stack, body: bytes):
    request = urllib.request.Request(
        f"http://127.0.0.1:{stack.ports.rasa}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def test_the_chat_pages_message_id_is_the_messages_id_in_the_tracker(stack):
    sender, message_id = f"ids-{uuid.uuid4().hex[:8]}", f"msg-{uuid.uuid4().hex}"
    status, replies = _post(
        stack, json.dumps({"sender": sender, "message": "hello", "message_id": message_id}).encode()
    )
    assert status == 200 and replies
    tracker = urllib.request.urlopen(
        f"http://127.0.0.1:{stack.ports.rasa}/conversations/{sender}/tracker?token={stack.api_token}", timeout=30
    )
    users = [e for e in json.load(tracker)["events"] if e["event"] == "user"]
    assert users[-1]["message_id"] == message_id


@pytest.mark.parametrize(
    "body, status",
    [
        (b"not json", 400),
        (b'["a list"]', 400),
        (b'{"sender": "x"}', 400),
        (b'{"message": "hi"}', 400),
        (json.dumps({"sender": "x", "message": "x" * 100_001}).encode(), 413),  # over the 64 kB a webhook reads
    ],
)
def test_what_is_not_a_message_is_refused_clearly(stack, body, status):
    got, answer = _post(stack, body)
    assert got == status and "error" in answer


def test_a_message_over_the_length_limit_gets_a_polite_answer(stack):
    from bot.limits import MAX_MESSAGE_CHARS

    long = json.dumps(
        {"sender": f"long-{uuid.uuid4().hex[:8]}", "message": "my boiler " * (MAX_MESSAGE_CHARS // 10 + 1)}
    )
    status, answer = _post(stack, long.encode())
    assert status == 200 and "shorter parts" in " ".join(reply["text"] for reply in answer)


def test_a_message_sent_again_after_its_answer_was_lost_is_answered_not_run_again(stack):
    sender, message_id = f"resent-{uuid.uuid4().hex[:8]}", f"msg-{uuid.uuid4().hex}"
    body = {"sender": sender, "message": "the kitchen tap has been dripping for a week", "message_id": message_id}
    _, first = _post(stack, json.dumps(body).encode())
    _, again = _post(stack, json.dumps({**body, "resent": True}).encode())
    assert [m["text"] for m in again] == [m["text"] for m in first]
    assert "at risk of harm" in " ".join(m["text"] for m in first)
    tracker = urllib.request.urlopen(
        f"http://127.0.0.1:{stack.ports.rasa}/conversations/{sender}/tracker?token={stack.api_token}", timeout=30
    )
    assert [e["message_id"] for e in json.load(tracker)["events"] if e["event"] == "user"] == [message_id]
