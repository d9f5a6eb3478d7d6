"""SMS and WhatsApp through the running Rasa server's Twilio webhook, with requests signed by the
real twilio library and replies checked where they land: the fake Twilio API."""

import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
from twilio.request_validator import RequestValidator

from bot.cases import CaseStore
from tests.e2e.conftest import CHANNEL_SECRETS, PUBLIC_BASE_URL

pytestmark = pytest.mark.e2e

PATH = "/webhooks/twilio/webhook"
MESSAGES = "/twilio/2010-04-01/Accounts/" + CHANNEL_SECRETS["TWILIO_ACCOUNT_SID"] + "/Messages.json"


def _number() -> str:
    return "+4477009" + str(uuid.uuid4().int)[:5]


def _post(stack, params, signature="sign", token=CHANNEL_SECRETS["TWILIO_AUTH_TOKEN"], url=PUBLIC_BASE_URL + PATH):
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signature == "sign":
        headers["X-Twilio-Signature"] = RequestValidator(token).compute_signature(url, params)
    elif signature:
        headers["X-Twilio-Signature"] = signature
    request = urllib.request.Request(
        f"http://127.0.0.1:{stack.ports.rasa}{PATH}", data=urllib.parse.urlencode(params).encode(), headers=headers
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def _sms(sender, body, sid=None, **extra):
    return {
        "MessageSid": sid or f"SM{uuid.uuid4().hex}",
        "AccountSid": CHANNEL_SECRETS["TWILIO_ACCOUNT_SID"],
        "From": sender,
        "To": CHANNEL_SECRETS["TWILIO_SMS_NUMBER"],
        "Body": body,
        **extra,
    }


def _to(provider, recipient):
    return [r for r in provider.sent(MESSAGES) if r["form"]["To"] == recipient]


def _wait_for(provider, recipient, count, timeout=60):
    return provider.wait_for(MESSAGES, count, timeout, where=lambda r: r["form"].get("To") == recipient)


def _replies_until_logged(provider, recipient, timeout=60):
    """Every SMS sent to the tenant up to the one that gives the case reference, in order."""
    deadline = time.monotonic() + timeout
    while True:
        replies = [r["form"]["Body"] for r in provider.sent(MESSAGES) if r["form"].get("To") == recipient]
        if any(re.search(r"REP-\d{4}-[A-Z0-9]{8}", reply) for reply in replies) or time.monotonic() > deadline:
            return replies
        time.sleep(0.2)


def test_a_signed_sms_is_answered_at_once_and_the_reply_sent_through_twilio(stack, provider):
    sender = _number()
    status, body = _post(stack, _sms(sender, "hello"))
    assert status == 200 and "<Response>" in body
    [reply] = _wait_for(provider, sender, 1)
    assert "tenant assistant" in reply["form"]["Body"]
    assert reply["form"]["From"] == CHANNEL_SECRETS["TWILIO_SMS_NUMBER"]


@pytest.mark.parametrize(
    "how",
    ["unsigned", "forged", "tampered", "signed for the local address"],
)
def test_an_unsigned_forged_or_tampered_request_is_refused_and_does_nothing(stack, provider, how):
    sender = _number()
    params = _sms(sender, "hello")
    if how == "unsigned":
        status, _ = _post(stack, params, signature=None)
    elif how == "forged":
        status, _ = _post(stack, params, token="not-the-auth-token")
    elif how == "tampered":
        good = RequestValidator(CHANNEL_SECRETS["TWILIO_AUTH_TOKEN"]).compute_signature(PUBLIC_BASE_URL + PATH, params)
        status, _ = _post(stack, {**params, "Body": "my boiler is broken"}, signature=good)
    else:
        status, _ = _post(stack, params, url=f"http://127.0.0.1:{stack.ports.rasa}{PATH}")
    assert status == 403
    time.sleep(2)
    assert _to(provider, sender) == []


def test_a_retried_delivery_is_handled_once(stack, provider):
    sender, sid = _number(), f"SM{uuid.uuid4().hex}"
    for _ in range(3):
        assert _post(stack, _sms(sender, "hello", sid=sid))[0] == 200
    _wait_for(provider, sender, 1)
    time.sleep(3)  # a second turn, had there been one, would have answered by now
    assert len(_to(provider, sender)) == 1


def test_whatsapp_is_answered_from_the_whatsapp_number(stack, provider):
    sender = "whatsapp:" + _number()
    params = {**_sms(sender, "hello"), "To": "whatsapp:" + CHANNEL_SECRETS["TWILIO_WHATSAPP_NUMBER"]}
    assert _post(stack, params)[0] == 200
    [reply] = _wait_for(provider, sender, 1)
    assert reply["form"]["From"] == "whatsapp:" + CHANNEL_SECRETS["TWILIO_WHATSAPP_NUMBER"]


def test_a_repair_by_sms_uses_the_senders_number_keeps_the_photo_and_replies_in_order(stack, provider):
    sender = _number()
    say = [
        _sms(sender, "the kitchen tap has been dripping for a week"),
        _sms(
            sender,
            "",
            NumMedia="1",
            MediaUrl0="https://api.twilio.com/2010-04-01/Media/ME1",
            MediaContentType0="image/jpeg",
        ),
        _sms(sender, "no"),
        _sms(sender, "no"),
        _sms(sender, "no"),
        _sms(sender, "SY7 9BW"),
        _sms(sender, "yes"),
    ]
    for params in say:  # sent one after another without waiting: replies must still come in order
        assert _post(stack, params)[0] == 200
    replies = _replies_until_logged(provider, sender)
    texts = "\n".join(replies)
    photo = next(i for i, reply in enumerate(replies) if "photo" in reply)
    assert "at risk of harm" in "\n".join(replies[:photo]) and "health condition" in "\n".join(replies[photo + 1 :])
    assert "phone number" not in texts  # the number they texted from is the number to call
    reference = re.search(r"REP-\d{4}-[A-Z0-9]{8}", texts).group(0)
    store = CaseStore.from_url(stack.database_url)
    case = store.find(reference)
    assert case.contact_phone.replace(" ", "") == "0" + sender[3:] and case.channel == "twilio"
    assert [a.url for a in store.attachments(reference)] == ["https://api.twilio.com/2010-04-01/Media/ME1"]


def test_a_failed_send_is_retried_and_the_reply_still_arrives(stack, provider):
    sender = _number()
    provider.fail_next(MESSAGES, 500)
    assert _post(stack, _sms(sender, "hello"))[0] == 200
    [reply] = _wait_for(provider, sender, 1)
    assert "tenant assistant" in reply["form"]["Body"]
