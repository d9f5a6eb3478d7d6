"""Writing the assistant's replies for Messenger: its limits on length and quick replies, and
the Send API requests, sent in order through the `Outbox`, which retries.

Apart from the webhook because sending is the other direction: it runs after the webhook has
answered Facebook, and a failure is logged, never raised into the tenant's turn.
"""

from __future__ import annotations

import logging
from typing import Any, Dict, List, Mapping, Optional, Sequence

from rasa.core.channels.channel import OutputChannel

from bot.providers.messenger import CHANNEL, MessengerSettings
from bot.rasa.channels.common import split_message
from bot.rasa.channels.facebook.events import text_field
from bot.rasa.channels.outbox import Outbox

logger = logging.getLogger(__name__)

# Messenger refuses a text over 2,000 characters, more than 13 quick replies, and cuts a
# quick reply's title at 20 characters.
MAX_TEXT_CHARS = 2000
MAX_QUICK_REPLIES = 13
MAX_QUICK_REPLY_TITLE = 20


def quick_replies(buttons: Sequence[Mapping[str, Any]]) -> List[Dict[str, str]]:
    """Rasa's buttons as Messenger quick replies: the payload is sent back when tapped. Buttons
    without a title or payload (links) cannot be quick replies and are left out."""
    replies: List[Dict[str, str]] = []
    for button in buttons:
        title, payload = text_field(button.get("title")), text_field(button.get("payload"))
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

    def __init__(self, settings: MessengerSettings, outbox: Optional[Outbox] = None) -> None:
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
