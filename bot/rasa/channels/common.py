"""What every connector does the same way: one turn at a time per tenant, in the background,
after the provider has had its quick answer; photos kept for the tenant's case; and telling the
assistant when a message may answer the survey sent after a repair."""

from __future__ import annotations

import asyncio
import logging
import re
import weakref
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any, Awaitable, Callable, Dict, Hashable, List, Mapping, Optional, Sequence, Set

from bot.domain_words import load_response
from bot.limits import MAX_MESSAGE_CHARS, MAX_WEBHOOK_BYTES
from bot.rasa.channels.deliveries import Deliveries
from bot.updates.opt_out import OptOut, opt_out_word

# Said by a connector itself when a photo comes with no words: there is nothing for a turn.
from bot.web.photos import PHOTO_RECEIVED  # noqa: F401 - named once, for the chat page too

logger = logging.getLogger(__name__)

# Said by a connector itself, with no turn, to a message over MAX_MESSAGE_CHARS.
MESSAGE_TOO_LONG = "utter_message_too_long"


class BodyTooLarge(Exception):
    """A request body over the route's limit; nothing of it has been parsed."""


async def read_body(request: Any, limit: int = MAX_WEBHOOK_BYTES) -> bytes:
    """The body of a streaming Sanic route, read only up to `limit` bytes: a Content-Length
    over it is refused before a byte is read, and a chunked body as soon as it passes it."""
    from sanic.exceptions import PayloadTooLarge

    request.stream.request_max_size = limit
    try:
        await request.receive_body()
    except PayloadTooLarge:
        raise BodyTooLarge() from None
    return request.body or b""


def too_long(text: Optional[str]) -> bool:
    return text is not None and len(text) > MAX_MESSAGE_CHARS


def too_long_reply(app: Any) -> str:
    """The polite answer to an over-long message, in the domain's words."""
    words = response_text(app, MESSAGE_TOO_LONG)
    if words is None:  # a model trained before the response existed: still never silence
        logger.error("the domain has no %s response", MESSAGE_TOO_LONG)
        words = "Please send it again in shorter parts, of up to {max_chars} characters each."
    return words.replace("{max_chars}", f"{MAX_MESSAGE_CHARS:,}")


def response_text(app: Any, name: str) -> Optional[str]:
    """A response's words from the domain the Rasa server has loaded, so a connector that
    answers without a turn still says only what the domain says."""
    try:
        return app.ctx.agent.domain.responses[name][0]["text"]
    except (AttributeError, KeyError, IndexError, TypeError):
        return None


_SPACE = re.compile(r"\s+")


def split_message(text: str, limit: int) -> List[str]:
    """A reply longer than the provider takes, cut into parts of at most `limit` characters at
    the last space or line break that fits, so no word is broken unless it alone is too long."""
    rest = text.strip()
    parts: List[str] = []
    while len(rest) > limit:
        breaks = [found.start() for found in _SPACE.finditer(rest, 0, limit + 1)]
        cut = breaks[-1] if breaks and breaks[-1] > 0 else limit
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


@dataclass(frozen=True)
class Media:
    """A photo or file a tenant sent, as the provider hosts it."""

    url: str
    content_type: str


def media_metadata(media: Sequence[Media]) -> Mapping[str, Any]:
    return {"media": [{"url": item.url, "content_type": item.content_type} for item in media]}


async def attach_media(channel: str, address: str, media: Sequence[Media]) -> None:
    """Keep the photos with the tenant's case: their newest case of the last day, or the next
    one they open. The database call runs off the event loop."""
    if not media:
        return
    from bot import services
    from bot.cases import ChannelIdentity

    identity = ChannelIdentity(channel, address)
    now = datetime.now(timezone.utc)
    store = services.desk().cases
    await asyncio.to_thread(store.attach, identity, [(m.url, m.content_type) for m in media], now)


@dataclass
class Turns:
    """Runs each tenant's turns one after another, in arrival order, off the request.

    A provider wants its answer within seconds; a turn may take longer. The request handler
    claims the delivery (a retry claims nothing), answers, and leaves the turn here.
    """

    channel: str
    deliveries: Deliveries = field(default_factory=Deliveries)
    _locks: "weakref.WeakValueDictionary[str, asyncio.Lock]" = field(default_factory=weakref.WeakValueDictionary)
    _running: Set["asyncio.Task[None]"] = field(default_factory=set)

    def first_delivery(self, key: Hashable) -> bool:
        """False for a delivery already being handled or handled: it makes no second turn."""
        _, first = self.deliveries.claim((self.channel, key))
        return first

    def start(self, sender: str, key: Hashable, turn: Callable[[], Awaitable[None]]) -> None:
        task = asyncio.get_running_loop().create_task(self._run(sender, key, turn))
        self._running.add(task)
        task.add_done_callback(self._running.discard)

    async def _run(self, sender: str, key: Hashable, turn: Callable[[], Awaitable[None]]) -> None:
        lock = self._locks.get(sender)
        if lock is None:
            lock = asyncio.Lock()
            self._locks[sender] = lock
        async with lock:
            try:
                await turn()
                self.deliveries.done((self.channel, key))
            except Exception:  # noqa: BLE001 - one tenant's failed turn must not stop the others
                logger.exception("%s: a turn for %s failed", self.channel, sender)
                self.deliveries.failed((self.channel, key))

    async def drain(self) -> List[None]:
        """Wait for the turns under way (tests, and shutdown)."""
        return await asyncio.gather(*list(self._running), return_exceptions=True)


# Said by WhatsApp and Messenger connectors to STOP and START (on SMS, Twilio answers them).
OPT_OUT_REPLIES = {OptOut.STOP: "utter_updates_stopped", OptOut.START: "utter_updates_started"}


def opt_out_replies(app: Any) -> Mapping[OptOut, Optional[str]]:
    """What is said to STOP and to START, from the domain the server has loaded (or, before
    a model is loaded, the domain's files)."""
    return {said: response_text(app, name) or load_response(name, {}) for said, name in OPT_OUT_REPLIES.items()}


async def note_heard(channel: str, address: str, text: str, sms: bool) -> Optional[OptOut]:
    """Record that the tenant wrote (WhatsApp's and Messenger's 24 hours run from now), and
    their STOP or START, which is returned: such a message makes no turn. The database is
    written off the event loop; if it fails, the tenant is still answered."""
    from bot import services
    from bot.updates.store import Updates

    said = opt_out_word(text, sms)
    now = datetime.now(timezone.utc)
    try:
        updates = Updates(services.desk().cases.engine)
        if said is OptOut.STOP:
            await asyncio.to_thread(updates.stop, channel, address, now)
        elif said is OptOut.START:
            await asyncio.to_thread(updates.start, channel, address)
        await asyncio.to_thread(updates.heard_from, channel, address, now)
    except Exception:  # noqa: BLE001 - the tenant must still get an answer
        logger.exception("%s: could not record that %s wrote", channel, address)
    return said


# How long a connector waits for the case database to say whether a survey awaits an answer;
# past it the message goes on without: a slow database must not hold up the tenant's reply.
SURVEY_LOOKUP_SECONDS = 2.0


async def survey_awaited(channel: str, address: str) -> Dict[str, Any]:
    """Metadata for the tenant's message saying that the survey sent to this address awaits an
    answer (bot.updates.surveys), for the assistant to read the message as it if it is one; {}
    when none does, or the database could not say in time."""
    from bot import services
    from bot.updates.surveys import Surveys, as_metadata

    try:
        surveys = Surveys(services.desk().cases.engine)
        now = services.now()  # the actions' clock, which takes the answer
        awaited = await asyncio.wait_for(
            asyncio.to_thread(surveys.awaited, channel, address, now), SURVEY_LOOKUP_SECONDS
        )
    except asyncio.TimeoutError:
        # A busy or restarting database: expected under load, and the message is answered as any.
        logger.warning("%s: no time to tell whether %s owes a survey answer; answered as any message", channel, address)
        return {}
    except Exception:  # noqa: BLE001 - the tenant must still get an answer
        logger.exception("%s: could not tell whether %s owes a survey answer", channel, address)
        return {}
    return as_metadata(awaited) if awaited is not None else {}


def with_survey(metadata: Optional[Mapping[str, Any]], survey: Mapping[str, Any]) -> Optional[Dict[str, Any]]:
    """A message's metadata with the survey's added, or None when there is neither."""
    merged = {**(metadata or {}), **survey}
    return merged or None
