"""SMS and WhatsApp through Twilio, on one webhook: POST /webhooks/twilio/webhook.

Every request's X-Twilio-Signature is checked with the twilio library's RequestValidator
against the public address Twilio posted to (PUBLIC_BASE_URL, so it works behind a proxy);
anything unsigned or forged gets 403. Twilio is answered at once with empty TwiML; the turn
runs in the background and its replies go out through Twilio's REST API, in order, without
blocking the event loop. A retried delivery (same MessageSid) makes no second turn.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Mapping, Optional, Sequence, Text
from urllib.parse import parse_qsl

from aiohttp import BasicAuth
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from twilio.request_validator import RequestValidator

from bot.providers.twilio import WHATSAPP, TwilioSettings
from bot.rasa.channels.common import (
    PHOTO_RECEIVED,
    BodyTooLarge,
    Media,
    Turns,
    attach_media,
    media_metadata,
    note_heard,
    opt_out_replies,
    read_body,
    response_text,
    split_message,
    survey_awaited,
    too_long,
    too_long_reply,
    with_survey,
)
from bot.rasa.channels.outbox import Outbox
from bot.updates.opt_out import OptOut

logger = logging.getLogger(__name__)

# Twilio's longest message body; longer replies are sent as several messages, in order.
SMS_LIMIT = 1600
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


@dataclass(frozen=True)
class Inbound:
    """One message as Twilio delivered it."""

    sid: str
    sender: str
    text: str
    media: Sequence[Media]


def signed_by_twilio(settings: TwilioSettings, url: str, params: Mapping[str, str], signature: Optional[str]) -> bool:
    """Whether the request carries Twilio's signature for exactly this URL and these fields."""
    if not settings.complete or not signature:
        return False
    return RequestValidator(settings.auth_token).validate(url, dict(params), signature)


def inbound(params: Mapping[str, str]) -> Optional[Inbound]:
    """The message in Twilio's form fields, or None when it is not one (no sid or sender)."""
    sid, sender = params.get("MessageSid", ""), params.get("From", "")
    if not sid or not sender:
        return None
    count = _whole(params.get("NumMedia"))
    media = [
        Media(params[f"MediaUrl{n}"], params.get(f"MediaContentType{n}", "application/octet-stream"))
        for n in range(min(count, 10))
        if params.get(f"MediaUrl{n}")
    ]
    text = (params.get("Body") or "").strip()
    return Inbound(sid=sid, sender=sender, text=text, media=media)


def _whole(value: Optional[str]) -> int:
    return int(value) if value and value.isdigit() else 0


def with_choices(text: str, buttons: Sequence[Mapping[str, Any]]) -> str:
    """A text message cannot show buttons: the choices are written out after the question."""
    titles = [str(button.get("title", "")).strip() for button in buttons if button.get("title")]
    return f"{text}\n" + " / ".join(titles) if titles else text


class TwilioOutput(OutputChannel):
    """Replies through Twilio's REST API; a failed send is retried by the outbox, not lost."""

    @classmethod
    def name(cls) -> Text:
        return "twilio"

    def __init__(self, settings: TwilioSettings, outbox: Outbox) -> None:
        self.settings = settings
        self.outbox = outbox

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        url = self.settings.messages_url()
        auth = BasicAuth(self.settings.account_sid, self.settings.auth_token)
        for part in split_message(text, SMS_LIMIT):
            await self.outbox.post(
                url,
                recipient_id,
                auth=auth,
                data={"To": recipient_id, "From": self.settings.sender_for(recipient_id), "Body": part},
            )

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        await self.send_text_message(recipient_id, with_choices(text, buttons))

    async def send_image_url(self, recipient_id: Text, image: Text, **kwargs: Any) -> None:
        await self.send_text_message(recipient_id, image)


class TwilioInput(InputChannel):
    """The webhook Twilio posts SMS and WhatsApp messages to."""

    @classmethod
    def name(cls) -> Text:
        return "twilio"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "TwilioInput":
        return cls(TwilioSettings.from_environment())

    def __init__(self, settings: TwilioSettings) -> None:
        self.settings = settings
        self.turns = Turns(channel="twilio")
        self.outbox = Outbox(channel="twilio")
        if not settings.complete:
            logger.warning(
                "Twilio is not configured (TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, "
                "PUBLIC_BASE_URL): its webhook refuses every request"
            )

    def get_output_channel(self) -> OutputChannel:
        return TwilioOutput(self.settings, self.outbox)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        webhook = Blueprint("hardened_twilio_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            try:
                body = await read_body(request)
            except BodyTooLarge:
                return response.text("Too large", status=413)
            return await self._receive(request, body, on_new_message)

        return webhook

    async def _receive(
        self, request: Request, body: bytes, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        # Parsed here, not by Sanic, which drops empty fields that Twilio signed (an empty Body).
        params = dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))
        url = (
            self.settings.public_base_url + request.path + (f"?{request.query_string}" if request.query_string else "")
        )
        if not signed_by_twilio(self.settings, url, params, request.headers.get("X-Twilio-Signature")):
            return response.text("Forbidden", status=403)
        message = inbound(params)
        if message is None:
            return response.text("Not a message", status=400)
        thanks = response_text(request.app, PHOTO_RECEIVED)
        refusal = too_long_reply(request.app) if too_long(message.text) else None
        opted = opt_out_replies(request.app)
        if self.turns.first_delivery(message.sid):
            self.turns.start(
                message.sender, message.sid, lambda: self._turn(message, on_new_message, thanks, refusal, opted)
            )
        return response.text(EMPTY_TWIML, content_type="text/xml")

    async def _turn(
        self,
        message: Inbound,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        thanks: Optional[str],
        refusal: Optional[str] = None,
        opted: Optional[Mapping[OptOut, Optional[str]]] = None,
    ) -> None:
        whatsapp = message.sender.startswith(WHATSAPP)
        said = await note_heard("twilio", message.sender, message.text, sms=not whatsapp)
        if said is not None:
            # No turn: on SMS, Twilio itself answers STOP and START; on WhatsApp we do.
            answer = (opted or {}).get(said)
            if whatsapp and answer:
                await self.get_output_channel().send_text_message(message.sender, answer)
            return
        if refusal is not None:
            await self.get_output_channel().send_text_message(message.sender, refusal)
            return
        await attach_media("twilio", message.sender, message.media)
        if not message.text:
            # A photo alone: kept with the case and acknowledged; there is nothing to answer.
            if message.media and thanks:
                await self.get_output_channel().send_text_message(message.sender, thanks)
            return
        survey = await survey_awaited("twilio", message.sender)
        await on_new_message(
            UserMessage(
                message.text,
                self.get_output_channel(),
                message.sender,
                input_channel="twilio",
                message_id=message.sid,
                metadata=with_survey(media_metadata(message.media) if message.media else None, survey),
            )
        )
