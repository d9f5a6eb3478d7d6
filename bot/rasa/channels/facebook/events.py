"""Reading a Page webhook delivery: every event of every entry, as the tenants' messages,
postbacks and photos, each with the key that makes a retried delivery the same event.

Apart from the webhook because Facebook's JSON is read here and nowhere else: what needs no
turn (echoes, receipts, reactions), which sender ids are accepted, and which attachments are
kept with a tenant's case.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from typing import Any, Iterable, List, Mapping, Optional, Tuple

from bot.limits import without_lone_surrogates
from bot.providers.messenger import CHANNEL
from bot.rasa.channels.common import Media

logger = logging.getLogger(__name__)

# The kinds of attachment kept with a tenant's case; audio, stickers and shared links are not.
MEDIA_TYPES = frozenset({"image", "file", "video"})
PSID = re.compile(r"[0-9A-Za-z_-]{1,128}")


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
    text = _text_at(message, "quick_reply", "payload") or text_field(message.get("text"))
    if not text and not media:
        return None
    mid = text_field(message.get("mid"))
    key = f"mid:{mid}" if mid else _fallback_key(sender, item)
    return Event(sender=sender, text=text, key=key, message_id=mid or None, media=media)


def _postback_event(sender: str, item: Mapping[str, Any]) -> Optional[Event]:
    """A tapped button of a template or the persistent menu: its payload is the turn."""
    postback = item["postback"]
    text = text_field(postback.get("payload"))
    if not text:
        return None
    mid = text_field(postback.get("mid"))
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
        url = text_field(payload.get("url"))
        if url:
            found.append(Media(url=url, content_type=attachment["type"]))
    return found


def _fallback_key(sender: str, item: Mapping[str, Any]) -> str:
    """Without a mid, the same sender at the same millisecond is the same delivery."""
    return f"at:{sender}:{item.get('timestamp')}"


def _text_at(data: Mapping[str, Any], outer: str, inner: str) -> str:
    value = data.get(outer)
    return text_field(value.get(inner)) if isinstance(value, dict) else ""


def text_field(value: Any) -> str:
    """A string field, trimmed; a lone surrogate (valid JSON, "\\ud800", but no character, and
    one Rasa cannot read) becomes U+FFFD, so the tenant is still answered."""
    return without_lone_surrogates(value.strip()) if isinstance(value, str) else ""
