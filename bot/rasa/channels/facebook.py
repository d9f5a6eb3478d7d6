"""Facebook Messenger: tenants' messages from the landlord's Page, and the assistant's replies.

Rasa's own connector checks only the old SHA-1 header, answers 200 to a forgery and handles
only the first event of a batch. This one checks `X-Hub-Signature-256` in constant time,
refuses a forgery with 403, answers Facebook at once (it retries and eventually disables a
webhook that is slow to answer), and hands every event of every entry to `Turns`, which runs
each tenant's turns in order in the background and makes no second turn for a retried `mid`.

Registered in credentials.yml as `bot.rasa.channels.facebook.FacebookInput:`. The secrets come
from the environment, never from credentials.yml, so they stay out of the repository.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.rasa.channels.common import (
    PHOTO_RECEIVED,
    BodyTooLarge,
    Media,
    Turns,
    attach_media,
    media_metadata,
    read_body,
    response_text,
    split_message,
    too_long,
    too_long_reply,
)
from bot.rasa.channels.outbox import Outbox
from bot.limits import MAX_MESSENGER_BYTES, without_lone_surrogates

logger = logging.getLogger(__name__)

CHANNEL = "facebook"
DEFAULT_GRAPH_BASE_URL = "https://graph.facebook.com/v18.0"
SIGNATURE_HEADER = "X-Hub-Signature-256"
# Messenger refuses a text over 2,000 characters, more than 13 quick replies, and cuts a
# quick reply's title at 20 characters.
MAX_TEXT_CHARS = 2000
MAX_QUICK_REPLIES = 13
MAX_QUICK_REPLY_TITLE = 20
# The kinds of attachment kept with a tenant's case; audio, stickers and shared links are not.
MEDIA_TYPES = frozenset({"image", "file", "video"})

_SIGNATURE = re.compile(r"sha256=([0-9a-fA-F]{64})")
_SPACE = re.compile(r"\s+")
PSID = re.compile(r"[0-9A-Za-z_-]{1,128}")

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]


# --- settings ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Settings:
    """The Page's secrets and where the Graph API is (a fake server in tests)."""

    verify_token: str
    app_secret: str
    page_access_token: str
    graph_base_url: str = DEFAULT_GRAPH_BASE_URL

    @classmethod
    def from_env(cls, env: Mapping[str, str] = os.environ) -> "Settings":
        """Read the environment; a missing value is kept empty so start-up never fails on it."""
        return cls(
            verify_token=env.get("FACEBOOK_VERIFY_TOKEN", "").strip(),
            app_secret=env.get("FACEBOOK_APP_SECRET", "").strip(),
            page_access_token=env.get("FACEBOOK_PAGE_ACCESS_TOKEN", "").strip(),
            graph_base_url=(env.get("FACEBOOK_GRAPH_BASE_URL", "").strip() or DEFAULT_GRAPH_BASE_URL).rstrip("/"),
        )

    def missing(self) -> List[str]:
        """The names of the secrets not set: without any one of them nothing can be trusted."""
        values = {
            "FACEBOOK_VERIFY_TOKEN": self.verify_token,
            "FACEBOOK_APP_SECRET": self.app_secret,
            "FACEBOOK_PAGE_ACCESS_TOKEN": self.page_access_token,
        }
        return [name for name, value in values.items() if not value]

    @property
    def messages_url(self) -> str:
        return f"{self.graph_base_url}/me/messages"


# --- checking requests -------------------------------------------------------------------


def _same(expected: str, given: str) -> bool:
    """Constant-time equality of two texts, whatever characters the caller sent."""
    return hmac.compare_digest(expected.encode("utf-8"), given.encode("utf-8", "surrogateescape"))


def valid_signature(app_secret: str, body: bytes, header: Optional[str]) -> bool:
    """True only when `header` is `sha256=<hex HMAC-SHA256 of body with the app secret>`.

    Anyone can post to a public webhook; only Facebook knows the app secret. The digest is
    compared in constant time so a forger learns nothing from how long a refusal takes.
    """
    if not app_secret or not header:
        return False
    found = _SIGNATURE.fullmatch(header.strip())
    if found is None:
        return False
    expected = hmac.new(app_secret.encode("utf-8"), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, found.group(1).lower())


def handshake_answer(args: Mapping[str, Any], verify_token: str) -> Optional[str]:
    """The challenge to echo when Facebook subscribes the webhook with our token, else None.

    Echoing a challenge to anyone would let a stranger point their own app at our webhook.
    """
    mode, token, challenge = (args.get(name) for name in ("hub.mode", "hub.verify_token", "hub.challenge"))
    if not verify_token or mode != "subscribe" or not isinstance(token, str) or not challenge:
        return None
    return str(challenge) if _same(verify_token, token) else None


# --- reading events ----------------------------------------------------------------------


@dataclass(frozen=True)
class Event:
    """One thing a tenant said: what the assistant reads, and the key that makes it unique."""

    sender: str
    text: str
    key: str
    message_id: Optional[str] = None
    media: Tuple[Media, ...] = ()


class Malformed(ValueError):
    """The body is not a Page webhook delivery; Facebook never sends one, so it is refused."""


def parse_body(body: bytes) -> List[Event]:
    """The tenants' events of a delivery, in order. Raises `Malformed` for a body that is not
    JSON of the shape `{"object": "page", "entry": [...]}`."""
    try:
        payload = json.loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:  # RecursionError: nested too deep
        raise Malformed("not JSON") from error
    if not isinstance(payload, dict) or payload.get("object") != "page" or not isinstance(payload.get("entry"), list):
        raise Malformed("not a Page delivery")
    return parse_entries(payload["entry"])


def parse_entries(entries: Iterable[Any]) -> List[Event]:
    """Every event of every entry: Facebook batches, and a dropped event is a tenant unanswered.

    Only `messaging` is read; `standby` holds events another app owns the conversation for.
    """
    events: List[Event] = []
    for entry in entries:
        items = entry.get("messaging") if isinstance(entry, dict) else None
        for item in items if isinstance(items, list) else []:
            event = parse_event(item)
            if event is not None:
                events.append(event)
    return events


def parse_event(item: Any) -> Optional[Event]:
    """A message or postback from a tenant as an `Event`; None for what needs no turn: echoes
    of the Page's own messages, delivery and read receipts, reactions and anything unknown."""
    if not isinstance(item, dict):
        return None
    sender = _text_at(item, "sender", "id")
    if not PSID.fullmatch(sender):
        # A page-scoped id is digits. The sender id becomes the conversation's id in Rasa's
        # HTTP API path, which does not decode percent-escapes: a conversation under any other
        # id could never be read or answered from the staff console.
        if sender:
            logger.warning("%s: an event from a sender id that is not a page-scoped id was ignored", CHANNEL)
        return None
    if isinstance(item.get("message"), dict):
        return _message_event(sender, item)
    if isinstance(item.get("postback"), dict):
        return _postback_event(sender, item)
    return None


def _message_event(sender: str, item: Mapping[str, Any]) -> Optional[Event]:
    """A quick reply's payload before the text (a tapped button carries a Rasa intent), and
    the photos; a photo alone has no text, and is acknowledged without a turn."""
    message = item["message"]
    if message.get("is_echo"):
        return None
    media = tuple(message_media(message))
    text = _text_at(message, "quick_reply", "payload") or _text(message.get("text"))
    if not text and not media:
        return None
    mid = _text(message.get("mid"))
    key = f"mid:{mid}" if mid else _fallback_key(sender, item)
    return Event(sender=sender, text=text, key=key, message_id=mid or None, media=media)


def _postback_event(sender: str, item: Mapping[str, Any]) -> Optional[Event]:
    """A tapped button of a template or the persistent menu: its payload is the turn."""
    postback = item["postback"]
    text = _text(postback.get("payload"))
    if not text:
        return None
    mid = _text(postback.get("mid"))
    key = f"mid:{mid}" if mid else _fallback_key(sender, item)
    return Event(sender=sender, text=text, key=key, message_id=mid or None)


def message_media(message: Mapping[str, Any]) -> List[Media]:
    """Photos, videos and files with a URL, to keep with the tenant's case. Stickers (the
    thumbs-up is an "image" with a sticker_id) are not evidence of anything, so are left out."""
    attachments = message.get("attachments")
    found: List[Media] = []
    for attachment in attachments if isinstance(attachments, list) else []:
        if not isinstance(attachment, dict) or attachment.get("type") not in MEDIA_TYPES:
            continue
        payload = attachment.get("payload")
        if not isinstance(payload, dict) or payload.get("sticker_id") is not None:
            continue
        url = _text(payload.get("url"))
        if url:
            found.append(Media(url=url, content_type=attachment["type"]))
    return found


def _fallback_key(sender: str, item: Mapping[str, Any]) -> str:
    """Without a mid, the same sender at the same millisecond is the same delivery."""
    return f"at:{sender}:{item.get('timestamp')}"


def _text_at(data: Mapping[str, Any], outer: str, inner: str) -> str:
    value = data.get(outer)
    return _text(value.get(inner)) if isinstance(value, dict) else ""


def _text(value: Any) -> str:
    """A string field, trimmed; a lone surrogate (valid JSON, "\\ud800", but no character, and
    one Rasa cannot read) becomes U+FFFD, so the tenant is still answered."""
    return without_lone_surrogates(value.strip()) if isinstance(value, str) else ""


# --- writing replies ---------------------------------------------------------------------


def quick_replies(buttons: Sequence[Mapping[str, Any]]) -> List[Dict[str, str]]:
    """Rasa's buttons as Messenger quick replies: the payload is sent back when tapped. Buttons
    without a title or payload (links) cannot be quick replies and are left out."""
    replies: List[Dict[str, str]] = []
    for button in buttons:
        title, payload = _text(button.get("title")), _text(button.get("payload"))
        if title and payload:
            replies.append({"content_type": "text", "title": title[:MAX_QUICK_REPLY_TITLE], "payload": payload})
    return replies[:MAX_QUICK_REPLIES]


def message_bodies(
    recipient: str,
    text: str,
    buttons: Sequence[Mapping[str, Any]] = (),
) -> List[Dict[str, Any]]:
    """The Send API requests for one reply, in order; the quick replies go with the last part,
    where the tenant's eye is when they answer."""
    parts = split_message(text, MAX_TEXT_CHARS)
    replies = quick_replies(buttons)
    bodies = [_body(recipient, {"text": part}) for part in parts]
    if bodies and replies:
        bodies[-1]["message"]["quick_replies"] = replies
    return bodies


def _body(recipient: str, message: Dict[str, Any]) -> Dict[str, Any]:
    return {"recipient": {"id": recipient}, "messaging_type": "RESPONSE", "message": message}


class FacebookOutput(OutputChannel):
    """Sends the assistant's replies with the Send API through the `Outbox`, which retries.

    A failure is logged (conversation id and counts, never words) and never raised into the
    turn: the tenant's message is already recorded, and the next turn must still run.
    """

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    def __init__(self, settings: Settings, outbox: Optional[Outbox] = None) -> None:
        super().__init__()
        self.settings = settings
        self.outbox = outbox or Outbox(channel=CHANNEL)

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        await self._send_all(recipient_id, message_bodies(recipient_id, text))

    async def send_text_with_buttons(
        self,
        recipient_id: str,
        text: str,
        buttons: List[Dict[str, Any]],
        **kwargs: Any,
    ) -> None:
        await self._send_all(recipient_id, message_bodies(recipient_id, text, buttons))

    async def send_quick_replies(
        self,
        recipient_id: str,
        text: str,
        quick_replies: List[Dict[str, Any]],
        **kwargs: Any,
    ) -> None:
        await self.send_text_with_buttons(recipient_id, text, quick_replies)

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        attachment = {"type": "image", "payload": {"url": image, "is_reusable": True}}
        await self._send_all(recipient_id, [_body(recipient_id, {"attachment": attachment})])

    async def send_custom_json(self, recipient_id: str, json_message: Dict[str, Any], **kwargs: Any) -> None:
        """A custom response is a Messenger message object, sent as it is."""
        if isinstance(json_message, dict):
            await self._send_all(recipient_id, [_body(recipient_id, dict(json_message))])
        else:
            logger.warning("%s: custom reply to %s is not an object; not sent", CHANNEL, recipient_id)

    async def _send_all(self, recipient_id: str, bodies: Sequence[Dict[str, Any]]) -> bool:
        """Send the parts in order; after a part fails, the rest would read out of context, so
        they are not sent."""
        for number, body in enumerate(bodies, start=1):
            if not await self._send(recipient_id, body):
                logger.error("%s: reply to %s stopped at part %d of %d", CHANNEL, recipient_id, number, len(bodies))
                return False
        logger.debug("%s: sent %d part(s) to %s", CHANNEL, len(bodies), recipient_id)
        return True

    async def _send(self, recipient_id: str, body: Dict[str, Any]) -> bool:
        try:
            return await self.outbox.post(
                self.settings.messages_url,
                recipient_id,
                json=body,
                params={"access_token": self.settings.page_access_token},
            )
        except Exception:  # noqa: BLE001 - a send must never break the tenant's turn
            logger.exception("%s: reply to %s could not be sent", CHANNEL, recipient_id)
            return False


# --- the input channel -------------------------------------------------------------------


class FacebookInput(InputChannel):
    """The webhook Facebook posts Page messages to, at `/webhooks/facebook/webhook`."""

    @classmethod
    def name(cls) -> str:
        return CHANNEL

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[str, Any]]) -> InputChannel:
        """The secrets come from the environment; whatever credentials.yml holds is ignored."""
        return cls(Settings.from_env())

    def __init__(self, settings: Settings, outbox: Optional[Outbox] = None) -> None:
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
            events, on_new_message, response_text(request.app, PHOTO_RECEIVED), too_long_reply(request.app)
        )
        logger.info("%s: delivery with %d event(s), %d new turn(s)", CHANNEL, len(events), started)
        return response.text("EVENT_RECEIVED")

    def start_turns(
        self,
        events: Sequence[Event],
        on_new_message: OnNewMessage,
        thanks: Optional[str] = None,
        refusal: Optional[str] = None,
    ) -> int:
        """Start a turn for each event not seen before; a retried delivery starts none."""
        started = 0
        for event in events:
            if self.turns.first_delivery(event.key):
                self.turns.start(event.sender, event.key, self._turn(event, on_new_message, thanks, refusal))
                started += 1
        return started

    def _turn(
        self, event: Event, on_new_message: OnNewMessage, thanks: Optional[str], refusal: Optional[str] = None
    ) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
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
            await on_new_message(
                UserMessage(
                    event.text,
                    self.output,
                    sender_id=event.sender,
                    input_channel=CHANNEL,
                    message_id=event.message_id,
                    metadata=dict(media_metadata(event.media)) if event.media else None,
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
