"""The channel the tenant chat page's server talks to: Rasa's REST channel, plus a message id.

The chat page gives every message an id and resends it under the same id when the network
fails. Passing that id into Rasa makes it the message's id in the tracker, and so part of the
case's request key: a message resent after a Rasa server died half way through its turn
opens no second case. Rasa's own REST channel drops the id.

A message sent again (`"resent": true`, same id) after its answer was lost, for instance when
the Rasa server that handled it died just after saving the conversation, is not run a second
time: its answer is read back from the tracker. Running it again would answer the next question
with it (a "yes, log it" would meet "anything else?"), and the tenant would never see the
reference of the case the first run opened. A message whose first run said nothing (its turn
failed) is run again. Only resent messages are looked up, so the ordinary path costs no extra
tracker read.

It keeps the REST channel's name and address (`/webhooks/rest/webhook`), so conversations,
tests and `rasa shell` see no difference. Unlike it, a turn that fails answers 503, and the chat
page tells the tenant to try again, instead of 200 and silence; nothing a tenant wrote is logged.

Who may post here. The chat page's server signs every message (bot.chat_signature) and may
only speak for its own conversations (`web-` and 32 hex digits). Unsigned messages, for
`rasa shell`, curl and scripted tests, are taken only while OPEN_REST_CHANNEL is on (the
launcher turns it on for `make run`; production leaves it off), and even then never for an id
another channel uses: a phone number, a WhatsApp address, a Messenger id or a chat page
conversation. Otherwise anyone who reached this port could read an SMS tenant's cases as them.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Awaitable, Callable, Dict, List, Optional, Sequence, Text

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from rasa.shared.core.events import BotUttered, Event, UserUttered
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import chat_signature
from bot.rasa.channels.common import BodyTooLarge, read_body, survey_awaited, too_long, too_long_reply, with_survey
from bot.limits import MAX_WEBHOOK_BYTES
from bot.settings import flag, secret

logger = logging.getLogger(__name__)

MESSAGE_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")
CHAT_PAGE_SENDER = re.compile(r"^web-[0-9a-f]{32}$")
# Ids other channels' tenants have: phone numbers (SMS), WhatsApp addresses, Messenger's
# page-scoped ids (digits) and the chat page's own conversations.
OTHER_CHANNELS_SENDER = re.compile(r"^(\+|whatsapp:|web-|\d+$)", re.IGNORECASE)


def may_post(sender: str, signed: bool, open_channel: bool) -> bool:
    """Whether a message for this sender is taken: signed by the chat page for one of its own
    conversations, or unsigned on an open channel for an id no other channel uses."""
    if signed:
        return bool(CHAT_PAGE_SENDER.match(sender))
    return open_channel and len(sender) <= 128 and not OTHER_CHANNELS_SENDER.match(sender)


def _field(body: Any, name: str) -> Optional[str]:
    value = body.get(name) if isinstance(body, dict) else None
    return value if isinstance(value, str) else None


def replies_to(events: Sequence[Event], sender: str, message_id: str) -> Optional[List[Dict[str, Any]]]:
    """What the assistant answered to the message with this id, as the channel sends it, or
    None if that message was never handled."""
    replies: Optional[List[Dict[str, Any]]] = None
    for event in events:
        if isinstance(event, UserUttered):
            if replies is not None:
                break
            if event.message_id == message_id:
                replies = []
        elif replies is not None and isinstance(event, BotUttered):
            extra = {key: value for key, value in (event.data or {}).items() if value}
            replies.append({"recipient_id": sender, "text": event.text, **extra})
    return replies


def saved_answer(events: Sequence[Event], sender: str, message_id: str) -> Optional[List[Dict[str, Any]]]:
    """What a resent message is answered with: what the assistant said to it the first time,
    or None to run it again. A message handled with nothing said is run again: its turn failed
    (an action could not reach the case database while PostgreSQL restarted, say), and the
    same silence forever would leave the tenant's "yes, log it" unanswered. Running it again
    opens no second case: the message id is in the case's request key."""
    return replies_to(events, sender, message_id) or None


async def answered_before(request: Request, sender: str, message_id: str) -> Optional[List[Dict[str, Any]]]:
    """The saved answer to a message already handled (read under the conversation's lock, so
    not while a turn is being saved), or None to run it."""
    agent = request.app.ctx.agent
    async with agent.lock_store.lock(sender):
        tracker = await agent.tracker_store.retrieve(sender)
    return saved_answer(tracker.events, sender, message_id) if tracker is not None else None


class ChatPageInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "ChatPageInput":
        return cls((secret(chat_signature.SECRET_VARIABLE) or "").encode(), flag(chat_signature.OPEN_SWITCH))

    def __init__(self, signing_secret: bytes = b"", open_channel: bool = False) -> None:
        self.signing_secret = signing_secret
        self.open_channel = open_channel
        if not signing_secret and not open_channel:
            logger.warning(
                "the REST channel refuses every message: set %s (the chat page's) or %s=1",
                chat_signature.SECRET_VARIABLE,
                chat_signature.OPEN_SWITCH,
            )

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("chat_page_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            try:
                raw = await read_body(request)
            except BodyTooLarge:
                return response.json({"error": f"The body is over {MAX_WEBHOOK_BYTES:,} bytes."}, status=413)
            header = request.headers.get(chat_signature.HEADER)
            signed = header is not None and chat_signature.verified(self.signing_secret, raw, header)
            if header is not None and not signed:
                return response.json({"error": "The signature is not right."}, status=403)
            try:
                body = json.loads(raw)
            except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deep
                return response.json({"error": "The body must be JSON."}, status=400)
            sender, text = _field(body, "sender"), _field(body, "message")
            if not sender or text is None:
                return response.json({"error": "Send a sender and a message."}, status=400)
            if not may_post(sender, signed, self.open_channel):
                return response.json({"error": "This channel does not take messages for that sender."}, status=403)
            if too_long(text):
                return response.json([{"recipient_id": sender, "text": too_long_reply(request.app)}])
            message_id = _field(body, "message_id")
            if message_id and not MESSAGE_ID.match(message_id):
                message_id = None
            if message_id and body.get("resent") is True:
                earlier = await answered_before(request, sender, message_id)
                if earlier is not None:
                    return response.json(earlier)
            collector = CollectingOutputChannel()
            survey = await survey_awaited(self.name(), sender) if signed else {}
            try:
                await on_new_message(
                    UserMessage(
                        text,
                        collector,
                        sender,
                        input_channel=self.name(),
                        message_id=message_id,
                        metadata=with_survey(None, survey),
                    )
                )
            except Exception as error:  # noqa: BLE001 - the caller is told; the cause is logged
                logger.error(
                    "a chat page turn failed: %s", type(error).__name__, exc_info=logger.isEnabledFor(logging.DEBUG)
                )
                return response.json({"error": "The assistant could not answer just now."}, status=503)
            return response.json(collector.messages)

        return webhook
