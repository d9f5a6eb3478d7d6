"""The conversations Rasa keeps, as the staff console needs them: the transcript, a message from
a member of staff, and handing the conversation back to the assistant or closing it.

Everything goes through Rasa's HTTP API (`rasa run --enable-api --auth-token`), so the tracker
store stays the one record of what was said, whichever store it is, and a staff reply reaches
the tenant through the channel they wrote on: Rasa sends it with that channel's own output
channel (SMS, WhatsApp, Messenger). The web chat has no address to send to; its messages come
back from Rasa and are collected by the chat page (see bot.handoff.Handoffs.messages_after).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any, Dict, List, Optional, Sequence
from urllib.parse import quote

from aiohttp import ClientError, ClientSession, ClientTimeout

from bot.rasa import events as rasa_events

logger = logging.getLogger(__name__)

HANDED_BACK_RESPONSE = "utter_handed_back"
CLOSED_RESPONSE = "utter_handoff_closed"
TRANSCRIPT_LINES = 300
LISTEN = {"event": "action", "name": "action_listen"}
TIMEOUT_SECONDS = 20


class ConversationsUnavailable(Exception):
    """Rasa could not be reached or refused the request; nothing was changed or sent."""


@dataclass(frozen=True)
class TranscriptLine:
    """One message: who wrote it ("tenant", "assistant" or "staff"), the member of staff's
    name for staff, the text and when."""

    speaker: str
    author: Optional[str]
    text: str
    at: datetime


def transcript_from_events(events: Sequence[Dict[str, Any]], limit: int = TRANSCRIPT_LINES) -> List[TranscriptLine]:
    """What the tenant, the assistant and staff wrote, oldest first, from tracker events.

    Button payloads the tenant pressed are shown as they were sent ("/affirm"), because that
    is what the tenant chose, and a member of staff can read it.
    """
    lines = []
    for event in rasa_events.read(events):
        if event.kind not in ("user", "bot") or not event.text:
            continue
        at = datetime.fromtimestamp(event.timestamp, tz=timezone.utc)
        staff = event.metadata.get("staff") if event.kind == "bot" else None
        speaker = "tenant" if event.from_tenant else ("staff" if staff else "assistant")
        lines.append(TranscriptLine(speaker, str(staff) if staff else None, event.text, at))
    return lines[-limit:]


def texts_after_action(events: Sequence[Dict[str, Any]], action: str) -> List[str]:
    """The messages the assistant sent after its last run of `action`."""
    read = rasa_events.read(events)
    last = max((i for i, e in enumerate(read) if e.ran(action)), default=None)
    if last is None:
        return []
    return [e.text for e in read[last + 1 :] if e.kind == "bot" and e.text]


class Conversations:
    """A client for the parts of Rasa's HTTP API the console uses."""

    def __init__(self, rasa_url: str, token: Optional[str], session: ClientSession) -> None:
        self._base = rasa_url.rstrip("/")
        self._token = token
        self._session = session

    @classmethod
    def session(cls) -> ClientSession:
        return ClientSession(timeout=ClientTimeout(total=TIMEOUT_SECONDS))

    async def close_session(self) -> None:
        await self._session.close()

    async def transcript(self, conversation_id: str) -> List[TranscriptLine]:
        tracker = await self.tracker(conversation_id)
        return transcript_from_events(tracker.get("events") or [])

    async def tracker(self, conversation_id: str) -> Dict[str, Any]:
        """The whole tracker (events and slots), for what the handoff queue reads of how a
        conversation started."""
        return await self._call("GET", conversation_id, "tracker", {"include_events": "ALL"})

    async def send_from_staff(self, conversation_id: str, staff: str, text: str) -> None:
        """The member of staff's message, sent on the tenant's channel and kept in the transcript."""
        event = {"event": "bot", "text": text, "metadata": {"staff": staff}}
        await self._call(
            "POST",
            conversation_id,
            "tracker/events",
            {"execute_side_effects": "true", "output_channel": "latest"},
            [event],
        )

    async def hand_back(self, conversation_id: str) -> List[str]:
        """Let the assistant answer again, and tell the tenant so; returns what it said."""
        await self._call("POST", conversation_id, "tracker/events", {}, [{"event": "resume"}])
        return await self._say(conversation_id, HANDED_BACK_RESPONSE)

    async def close(self, conversation_id: str) -> List[str]:
        """End the conversation: a fresh start for the assistant next time the tenant writes,
        so no half-finished question from before the handoff is picked up again."""
        await self._call("POST", conversation_id, "tracker/events", {}, [{"event": "restart"}])
        return await self._say(conversation_id, CLOSED_RESPONSE)

    async def _say(self, conversation_id: str, response: str) -> List[str]:
        await self._call("POST", conversation_id, "execute", {"output_channel": "latest"}, {"name": response})
        # A turn ends by listening; without it the policies meet a history they never saw in
        # training and misread the tenant's next message. The tracker in execute's answer is
        # the one from before the action ran, so the one returned here is read afresh.
        tracker = await self._call("POST", conversation_id, "tracker/events", {}, [LISTEN])
        return texts_after_action(tracker.get("events") or [], response)

    async def _call(
        self, method: str, conversation_id: str, path: str, query: Dict[str, str], body: Any = None
    ) -> Dict[str, Any]:
        if not self._token:
            raise ConversationsUnavailable("RASA_API_TOKEN is not set")
        # Sanic matches the path before decoding it, so the characters phone-number ids use stay as they are.
        url = f"{self._base}/conversations/{quote(conversation_id, safe=':+@')}/{path}"
        try:
            async with self._session.request(
                method, url, params={**query, "token": self._token}, json=body
            ) as response:
                if response.status >= 400:
                    logger.error("Rasa's API answered %s to %s %s", response.status, method, path)
                    raise ConversationsUnavailable(f"Rasa answered {response.status}")
                payload = await response.json()
                return payload if isinstance(payload, dict) else {}
        except (ClientError, TimeoutError) as error:
            logger.error("Rasa's API could not be reached: %s", type(error).__name__)
            raise ConversationsUnavailable(type(error).__name__) from error
