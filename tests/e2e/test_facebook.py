"""Messenger through the running Rasa server's Facebook webhook, with deliveries signed as
Facebook signs them (HMAC-SHA256 with the app secret) and replies checked where they land: the
fake Graph API."""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from tests.e2e.conftest import CHANNEL_SECRETS

pytestmark = pytest.mark.e2e

PATH = "/webhooks/facebook/webhook"
SEND_API = "/facebook/me/messages"
APP_SECRET = CHANNEL_SECRETS["FACEBOOK_APP_SECRET"]
GREETING = "tenant assistant"


def _psid() -> str:
    return str(uuid.uuid4().int)[:16]


def _sign(body: bytes, secret: str = APP_SECRET) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def _url(stack) -> str:
    return f"http://127.0.0.1:{stack.ports.rasa}{PATH}"


def _call(request):
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _post(stack, body: bytes, signature="sign"):
    headers = {"Content-Type": "application/json"}
    if signature == "sign":
        headers["X-Hub-Signature-256"] = _sign(body)
    elif signature:
        headers["X-Hub-Signature-256"] = signature
    return _call(urllib.request.Request(_url(stack), data=body, headers=headers))


def _verify(stack, **params):
    return _call(urllib.request.Request(_url(stack) + "?" + urllib.parse.urlencode(params)))


def _message(psid, text, mid=None):
    return {
        "sender": {"id": psid},
        "recipient": {"id": "PAGE-ID"},
        "timestamp": int(time.time() * 1000),
        "message": {"mid": mid or f"m_{uuid.uuid4().hex}", "text": text},
    }


def _delivery(*messaging, standby=()):
    entry = {"id": "PAGE-ID", "time": int(time.time() * 1000), "messaging": list(messaging)}
    if standby:
        entry["standby"] = list(standby)
    return json.dumps({"object": "page", "entry": [entry]}).encode()


def _to(provider, psid):
    return [r for r in provider.sent(SEND_API) if (r["json"] or {}).get("recipient", {}).get("id") == psid]


def _wait_for(provider, psid, count, timeout=60):
    return provider.wait_for(
        SEND_API, count, timeout, where=lambda r: (r["json"] or {}).get("recipient", {}).get("id") == psid
    )


def test_the_verify_handshake_answers_only_our_token(stack):
    token = CHANNEL_SECRETS["FACEBOOK_VERIFY_TOKEN"]
    assert _verify(stack, **{"hub.mode": "subscribe", "hub.verify_token": token, "hub.challenge": "1158201444"}) == (
        200,
        "1158201444",
    )
    assert _verify(stack, **{"hub.mode": "subscribe", "hub.verify_token": "guessed", "hub.challenge": "1"})[0] == 403
    assert _verify(stack, **{"hub.mode": "unsubscribe", "hub.verify_token": token, "hub.challenge": "1"})[0] == 403


def test_a_signed_hello_gets_the_greeting_through_the_send_api(stack, provider):
    psid = _psid()
    assert _post(stack, _delivery(_message(psid, "hello"))) == (200, "EVENT_RECEIVED")
    [reply] = _wait_for(provider, psid, 1)
    assert GREETING in reply["json"]["message"]["text"]
    assert reply["json"]["recipient"] == {"id": psid}
    assert reply["json"]["messaging_type"] == "RESPONSE"
    assert reply["query"] == {"access_token": CHANNEL_SECRETS["FACEBOOK_PAGE_ACCESS_TOKEN"]}


@pytest.mark.parametrize("how", ["unsigned", "forged", "tampered", "old sha1 header only"])
def test_an_unsigned_forged_or_tampered_delivery_is_refused_and_does_nothing(stack, provider, how):
    psid = _psid()
    body = _delivery(_message(psid, "hello"))
    if how == "unsigned":
        status, _ = _post(stack, body, signature=None)
    elif how == "forged":
        status, _ = _post(stack, body, signature=_sign(body, secret="not-the-app-secret"))
    elif how == "tampered":
        status, _ = _post(stack, body.replace(b'"hello"', b'"hi!!!"'), signature=_sign(body))
    else:
        sha1 = "sha1=" + hmac.new(APP_SECRET.encode(), body, hashlib.sha1).hexdigest()
        status, _ = _call(
            urllib.request.Request(
                _url(stack), data=body, headers={"Content-Type": "application/json", "X-Hub-Signature": sha1}
            )
        )
    assert status == 403
    time.sleep(2)
    assert _to(provider, psid) == []


def test_a_signed_body_that_is_not_a_page_delivery_is_a_bad_request(stack):
    assert _post(stack, b"not json")[0] == 400
    assert _post(stack, json.dumps({"object": "instagram", "entry": []}).encode())[0] == 400


def test_every_event_of_a_batch_is_answered(stack, provider):
    first, second = _psid(), _psid()
    assert _post(stack, _delivery(_message(first, "hello"), _message(second, "hello")))[0] == 200
    for psid in (first, second):
        [reply] = _wait_for(provider, psid, 1)
        assert GREETING in reply["json"]["message"]["text"]


def test_a_retried_delivery_makes_one_turn(stack, provider):
    psid, mid = _psid(), f"m_{uuid.uuid4().hex}"
    body = _delivery(_message(psid, "hello", mid=mid))
    for _ in range(2):
        assert _post(stack, body)[0] == 200
    first = _wait_for(provider, psid, 1)
    time.sleep(4)  # a second turn, had there been one, would have answered by now
    assert len(_to(provider, psid)) == len(first) == 1


def test_an_echo_and_standby_only_delivery_is_accepted_and_answers_nobody(stack, provider):
    psid = _psid()
    echo = _message(psid, "Hello, I'm the assistant")
    echo["message"]["is_echo"] = True
    assert _post(stack, _delivery(echo, standby=[_message(psid, "hello")])) == (200, "EVENT_RECEIVED")
    time.sleep(3)
    assert _to(provider, psid) == []


def test_a_photo_alone_is_acknowledged(stack, provider):
    psid = _psid()
    photo = _message(psid, "")
    del photo["message"]["text"]
    photo["message"]["attachments"] = [{"type": "image", "payload": {"url": "https://scontent.example/damp.jpg"}}]
    assert _post(stack, _delivery(photo))[0] == 200
    replies = _wait_for(provider, psid, 1)
    assert "got your photo" in replies[0]["json"]["message"]["text"]


def test_a_failed_send_is_retried_and_the_reply_still_arrives(stack, provider):
    psid = _psid()
    provider.fail_next(SEND_API, 500)
    assert _post(stack, _delivery(_message(psid, "hello")))[0] == 200
    [reply] = _wait_for(provider, psid, 1)
    assert GREETING in reply["json"]["message"]["text"]
    refused = [r for r in provider.requests if r["path"] == SEND_API and r["status"] == 500]
    assert [r["json"]["recipient"]["id"] for r in refused][-1:] == [psid]
