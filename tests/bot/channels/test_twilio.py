"""The Twilio connector's parts: signatures, messages, splitting, and what it sends."""

import pytest
from twilio.request_validator import RequestValidator

from bot.channels.common import Media
from bot.channels.outbox import Outbox
from bot.channels.twilio import (
    TwilioOutput,
    TwilioSettings,
    inbound,
    signed_by_twilio,
    with_choices,
)

SETTINGS = TwilioSettings(
    account_sid="AC123", auth_token="secret-token", sms_number="+441632960001",
    whatsapp_number="+441632960002", public_base_url="https://tenants.example.org",
)
URL = "https://tenants.example.org/webhooks/twilio/webhook"
PARAMS = {"MessageSid": "SM1", "From": "+447700900123", "To": "+441632960001", "Body": "my boiler is broken"}


def _signed(url=URL, params=PARAMS, token="secret-token"):
    return RequestValidator(token).compute_signature(url, params)


@pytest.mark.parametrize(
    "url, params, signature, accepted",
    [
        (URL, PARAMS, _signed(), True),
        (URL, PARAMS, None, False),                                            # unsigned
        (URL, PARAMS, _signed(token="someone-elses-token"), False),            # forged
        (URL, {**PARAMS, "Body": "changed on the way"}, _signed(), False),      # tampered
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
        ({**PARAMS, "Body": "  ", "NumMedia": "2", "MediaUrl0": "https://m/0", "MediaContentType0": "image/jpeg",
          "MediaUrl1": "https://m/1", "MediaContentType1": "image/png"},
         "", [Media("https://m/0", "image/jpeg"), Media("https://m/1", "image/png")]),
        ({**PARAMS, "NumMedia": "1", "MediaUrl0": "https://m/0"}, "my boiler is broken",
         [Media("https://m/0", "application/octet-stream")]),
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
