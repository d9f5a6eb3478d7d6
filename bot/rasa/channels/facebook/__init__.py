"""Facebook Messenger: tenants' messages from the landlord's Page, and the assistant's replies.

Rasa's own connector checks only the old SHA-1 header, answers 200 to a forgery and handles
only the first event of a batch. This one checks `X-Hub-Signature-256` in constant time,
refuses a forgery with 403, answers Facebook at once (it retries and eventually disables a
webhook that is slow to answer), and hands every event of every entry to `Turns`, which runs
each tenant's turns in order in the background and makes no second turn for a retried `mid`.

Registered in credentials.yml as `bot.rasa.channels.facebook.FacebookInput:`. The secrets come
from the environment, never from credentials.yml, so they stay out of the repository.

The webhook, `FacebookInput`, is here; what it relies on is in one module per concern:

- `settings`: the Page's secrets and where the Graph API is;
- `signatures`: the signature on every delivery, and the subscription handshake;
- `events`: a delivery's JSON read as the tenants' events;
- `replies`: the assistant's replies as Send API requests, and `FacebookOutput`, which sends them.

The names below are the connector's public face: credentials.yml and the tests use them from here.
"""

from __future__ import annotations

import logging
from typing import Any, Awaitable, Callable, Dict, Mapping, Optional, Sequence

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.limits import MAX_MESSENGER_BYTES
from bot.providers.messenger import CHANNEL, DEFAULT_GRAPH_BASE_URL, MessengerSettings
from bot.rasa.channels.common import (
    PHOTO_RECEIVED,
    BodyTooLarge,
    Turns,
    attach_media,
    media_metadata,
    note_heard,
    opt_out_replies,
    read_body,
    response_text,
    survey_awaited,
    too_long,
    too_long_reply,
    with_survey,
)
from bot.rasa.channels.facebook.events import (
    MEDIA_TYPES,
    PSID,
    Event,
    Malformed,
    message_media,
    parse_body,
    parse_entries,
    parse_event,
)
from bot.rasa.channels.facebook.replies import (
    MAX_QUICK_REPLIES,
    MAX_QUICK_REPLY_TITLE,
    MAX_TEXT_CHARS,
    FacebookOutput,
    message_bodies,
    quick_replies,
)
from bot.rasa.channels.facebook.signatures import SIGNATURE_HEADER, handshake_answer, valid_signature
from bot.rasa.channels.outbox import Outbox
from bot.updates.opt_out import OptOut

__all__ = [
    "CHANNEL",
    "DEFAULT_GRAPH_BASE_URL",
    "Event",
    "FacebookInput",
    "FacebookOutput",
    "MAX_QUICK_REPLIES",
    "MAX_QUICK_REPLY_TITLE",
    "MAX_TEXT_CHARS",
    "MEDIA_TYPES",
    "Malformed",
    "OnNewMessage",
    "PSID",
    "SIGNATURE_HEADER",
    "MessengerSettings",
    "handshake_answer",
    "message_bodies",
    "message_media",
    "parse_body",
    "parse_entries",
    "parse_event",
    "quick_replies",
    "valid_signature",
]

logger = logging.getLogger(__name__)

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


class FacebookInput(InputChannel):
    """The webhook Facebook posts Page messages to, at `/webhooks/facebook/webhook`."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        """The secrets come from the environment; whatever credentials.yml holds is ignored."""
        return cls(MessengerSettings.from_environment())

    def __init__(self, settings: MessengerSettings, outbox: Optional[Outbox] = None) -> None:
        self.settings = settings
        self.output = FacebookOutput(settings, outbox or Outbox(channel=CHANNEL))
        self.turns = Turns(channel=CHANNEL)
        missing = settings.missing()
        if missing:
            logger.warning(
                "%s: %s not set; every request to the Messenger webhook will be refused", CHANNEL, ", ".join(missing)
            )

    @property
    def configured(self) -> bool:
        return not self.settings.missing()

    def get_output_channel(self) -> OutputChannel:
        return self.output

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        webhook = Blueprint("facebook_hardened_webhook", __name__)

        @webhook.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            return self.verify(request)

        @webhook.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            try:
                await read_body(request, MAX_MESSENGER_BYTES)
            except BodyTooLarge:
                logger.warning("%s: delivery refused: body over the limit", CHANNEL)
                return response.text("too large", status=413)
            return self.receive(request, on_new_message)

        return webhook

    def verify(self, request: Request) -> HTTPResponse:
        """Facebook's subscription handshake: the challenge back only for our verify token."""
        challenge = handshake_answer(request.args, self.settings.verify_token) if self.configured else None
        if challenge is None:
            logger.warning("%s: verify handshake refused", CHANNEL)
            return response.text("forbidden", status=403)
        return response.text(challenge)

    def receive(self, request: Request, on_new_message: OnNewMessage) -> HTTPResponse:
        """Check, answer at once, and leave the turns to run in the background."""
        signature = request.headers.get(SIGNATURE_HEADER)
        if not self.configured or not valid_signature(self.settings.app_secret, request.body or b"", signature):
            why = "not configured" if not self.configured else "missing signature" if not signature else "bad signature"
            logger.warning("%s: delivery refused: %s", CHANNEL, why)
            return response.text("forbidden", status=403)
        try:
            events = parse_body(request.body or b"")
        except Malformed as error:
            logger.warning("%s: signed delivery refused: %s", CHANNEL, error)
            return response.text("bad request", status=400)
        started = self.start_turns(
            events,
            on_new_message,
            response_text(request.app, PHOTO_RECEIVED),
            too_long_reply(request.app),
            opt_out_replies(request.app),
        )
        logger.info("%s: delivery with %d event(s), %d new turn(s)", CHANNEL, len(events), started)
        return response.text("EVENT_RECEIVED")

    def start_turns(
        self,
        events: Sequence[Event],
        on_new_message: OnNewMessage,
        thanks: Optional[str] = None,
        refusal: Optional[str] = None,
        opted: Optional[Mapping[OptOut, Optional[str]]] = None,
    ) -> int:
        """Start a turn for each event not seen before; a retried delivery starts none."""
        started = 0
        for event in events:
            if self.turns.first_delivery(event.key):
                turn = self._turn(event, on_new_message, thanks, refusal, opted or {})
                self.turns.start(event.sender, event.key, turn)
                started += 1
        return started

    def _turn(
        self,
        event: Event,
        on_new_message: OnNewMessage,
        thanks: Optional[str],
        refusal: Optional[str] = None,
        opted: Optional[Mapping[OptOut, Optional[str]]] = None,
    ) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            said = await note_heard(CHANNEL, event.sender, event.text, sms=False)
            if said is not None:
                # No turn: STOP and START are about updates, answered here.
                answer = (opted or {}).get(said)
                if answer:
                    await self.output.send_text_message(event.sender, answer)
                return
            if too_long(event.text):
                # No turn for a message over the limit: the tenant is asked for shorter parts.
                await self.output.send_text_message(event.sender, refusal or too_long_reply(None))
                return
            if event.media:
                await self._keep_media(event)
            if not event.text:
                # A photo alone: kept with the case and acknowledged; there is nothing to answer.
                if thanks:
                    await self.output.send_text_message(event.sender, thanks)
                return
            survey = await survey_awaited(CHANNEL, event.sender)
            await on_new_message(
                UserMessage(
                    event.text,
                    self.output,
                    sender_id=event.sender,
                    input_channel=CHANNEL,
                    message_id=event.message_id,
                    metadata=with_survey(media_metadata(event.media) if event.media else None, survey),
                )
            )

        return run

    async def _keep_media(self, event: Event) -> None:
        """Keep the photos with the case; if the database fails the tenant is still answered,
        and the failure is logged for staff to ask for the photo again."""
        try:
            await attach_media(CHANNEL, event.sender, event.media)
        except Exception:  # noqa: BLE001 - the tenant must still get an answer
            logger.exception("%s: %d attachment(s) from %s not kept", CHANNEL, len(event.media), event.sender)
