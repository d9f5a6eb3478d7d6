"""Tenants who talk to the running assistant on each channel, in words, and read what reaches
them there: SMS and WhatsApp (signed Twilio webhooks, replies at the fake Twilio API),
Messenger (signed deliveries, replies at the fake Graph API) and the web chat (the chat
page's API, news of their cases by its updates poll)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.parse
import urllib.request
import uuid
from typing import List, Optional

from twilio.request_validator import RequestValidator

from tests.e2e.conftest import CHANNEL_SECRETS, PUBLIC_BASE_URL
from tests.support.repair_reporter import RepairReporter, reference_in

TWILIO_PATH = "/webhooks/twilio/webhook"
TWILIO_SENT = "/twilio/2010-04-01/Accounts/" + CHANNEL_SECRETS["TWILIO_ACCOUNT_SID"] + "/Messages.json"
MESSENGER_PATH = "/webhooks/facebook/webhook"
MESSENGER_SENT = "/facebook/me/messages"
# A turn's replies have all arrived when none has come for this long.
QUIET = 1.5


def _post(url: str, body: bytes, headers: dict) -> int:
    with urllib.request.urlopen(urllib.request.Request(url, data=body, headers=headers), timeout=60) as response:
        return response.status


class ChannelTenant:
    """What every channel's tenant does: say something, and read what has reached them."""

    name = ""

    def __init__(self, stack, provider) -> None:
        self.stack, self.provider = stack, provider

    def say(self, text: str) -> List[str]:
        """Send `text`; the replies it brought, once they stop coming."""
        before = len(self.received())
        self._send(text)
        return self._new_since(before)

    def _new_since(self, before: int, timeout: float = 60.0) -> List[str]:
        deadline, last_count, last_change = time.monotonic() + timeout, before, time.monotonic()
        while time.monotonic() < deadline:
            count = len(self.received())
            if count != last_count:
                last_count, last_change = count, time.monotonic()
            elif count > before and time.monotonic() - last_change > QUIET:
                break
            time.sleep(0.1)
        return self.received()[before:]

    def wait_for(self, text: str, timeout: float = 60.0) -> List[str]:
        """Everything received, once something containing `text` has been."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if any(text in message for message in self.received()):
                return self.received()
            time.sleep(0.2)
        raise AssertionError(f"{self.name}: nothing with {text!r} arrived; got {self.received()[-3:]}")

    def report_a_repair(self, problem: str) -> str:
        """Report a repair in words, answering each question, until the bot gives a reference."""
        tenant = RepairReporter(problem)
        replies = self.say(problem)
        for _ in range(14):
            if reference_in(replies):
                return reference_in(replies)
            answer = tenant.answer(replies)
            replies = self.say("yes please log it" if answer == "/affirm" else answer)
        raise AssertionError(f"{self.name}: no reference after 14 turns; last replies {replies}")

    def received(self) -> List[str]:
        raise NotImplementedError

    def _send(self, text: str) -> None:
        raise NotImplementedError


class SmsTenant(ChannelTenant):
    name = "SMS"

    def __init__(self, stack, provider, whatsapp: bool = False) -> None:
        super().__init__(stack, provider)
        number = "+4477009" + str(uuid.uuid4().int)[:5]
        self.address = ("whatsapp:" if whatsapp else "") + number
        ours = CHANNEL_SECRETS["TWILIO_WHATSAPP_NUMBER" if whatsapp else "TWILIO_SMS_NUMBER"]
        self.ours = ("whatsapp:" if whatsapp else "") + ours
        self.name = "WhatsApp" if whatsapp else "SMS"

    def _send(self, text: str) -> None:
        params = {
            "MessageSid": f"SM{uuid.uuid4().hex}",
            "AccountSid": CHANNEL_SECRETS["TWILIO_ACCOUNT_SID"],
            "From": self.address,
            "To": self.ours,
            "Body": text,
        }
        signature = RequestValidator(CHANNEL_SECRETS["TWILIO_AUTH_TOKEN"]).compute_signature(
            PUBLIC_BASE_URL + TWILIO_PATH, params
        )
        headers = {"Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature}
        url = f"http://127.0.0.1:{self.stack.ports.rasa}{TWILIO_PATH}"
        assert _post(url, urllib.parse.urlencode(params).encode(), headers) == 200

    def received(self) -> List[str]:
        sent = self.provider.sent(TWILIO_SENT)
        return [
            r["form"].get("Body", "") or r["form"].get("ContentVariables", "")
            for r in sent
            if r["form"].get("To") == self.address
        ]


class MessengerTenant(ChannelTenant):
    name = "Messenger"

    def __init__(self, stack, provider) -> None:
        super().__init__(stack, provider)
        self.address = str(uuid.uuid4().int)[:16]

    def _send(self, text: str) -> None:
        event = {
            "sender": {"id": self.address},
            "recipient": {"id": "PAGE-ID"},
            "timestamp": int(time.time() * 1000),
            "message": {"mid": f"m_{uuid.uuid4().hex}", "text": text},
        }
        body = json.dumps({"object": "page", "entry": [{"id": "PAGE-ID", "time": 1, "messaging": [event]}]}).encode()
        secret = CHANNEL_SECRETS["FACEBOOK_APP_SECRET"].encode()
        signature = "sha256=" + hmac.new(secret, body, hashlib.sha256).hexdigest()
        headers = {"Content-Type": "application/json", "X-Hub-Signature-256": signature}
        assert _post(f"http://127.0.0.1:{self.stack.ports.rasa}{MESSENGER_PATH}", body, headers) == 200

    def sent_to_me(self) -> List[dict]:
        return [
            r["json"]
            for r in self.provider.sent(MESSENGER_SENT)
            if (r["json"] or {}).get("recipient", {}).get("id") == self.address
        ]

    def received(self) -> List[str]:
        return [(body.get("message") or {}).get("text", "") for body in self.sent_to_me()]


class WebChatTenant(ChannelTenant):
    """The chat page's API: replies come back to each message; news comes by the updates poll,
    which the page makes every minute (here, whenever the tenant looks)."""

    name = "web chat"

    def __init__(self, stack, provider) -> None:
        super().__init__(stack, provider)
        self.token: Optional[str] = None
        self._received: List[str] = []

    def _headers(self) -> dict:
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["X-Chat-Session"] = self.token
        return headers

    def say(self, text: str) -> List[str]:
        url = f"http://127.0.0.1:{self.stack.ports.web}/api/messages"
        request = urllib.request.Request(url, data=json.dumps({"message": text}).encode(), headers=self._headers())
        with urllib.request.urlopen(request, timeout=60) as response:
            body = json.load(response)
        self.token = body.get("session") or self.token
        replies = [m["text"] for m in body["messages"]]
        self._received += replies
        return replies

    def received(self) -> List[str]:
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.stack.ports.web}/api/updates", headers=self._headers()
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            self._received += json.load(response).get("case_updates", [])
        return list(self._received)
