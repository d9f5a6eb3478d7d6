"""Photos a tenant sends from the chat page: read, checked, kept with their case, thanked for.

`POST /api/photos` takes the photo itself as the whole body (the page sends the file, not a
form), in the conversation the session names, found or begun exactly as for a message
(server.py). Nothing the browser says about the file is used: its name is never sent, and its
Content-Type is ignored; `bot.web.photos` reads the type from the bytes. The body is read up to
MAX_PHOTO_BYTES and no further, whatever Content-Length claims, and nothing else the server
takes is that big (the rest of the app reads at most 64 kB).

A photo is kept as an SMS or WhatsApp photo is (bot/rasa/channels/common.py, `attach_media`):
through `CaseStore.attach`, with the tenant's newest case of the last day, else waiting for the
case they are about to report. Its bytes go in the case database, which every replica reads,
and its attachment's address is the console's, for staff only (bot/web/console/photos.py). The
tenant is thanked with the domain's `utter_photo_received`, with no turn, as a photo alone is on
SMS: there is nothing in it for the assistant to read. A refusal's words are the domain's too.

The page gives each photo an id (`X-Photo-Id`) and sends it again under the same id after a
failure. The photo's key is made from the conversation and that id with the server's secret,
so a photo that arrived the first time is not kept twice (the key is unique in the database,
on every replica), and still no one can work out a key from outside.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import logging
import re
import secrets
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Mapping, Optional, Union

from aiohttp import web
from sqlalchemy.exc import IntegrityError

from bot.cases import CaseStore, ChannelIdentity, KeptPhoto
from bot.domain_words import load_response
from bot.web.photos import (
    EMPTY,
    MAX_PHOTO_BYTES,
    MAX_PHOTO_MEGABYTES,
    NOT_A_PHOTO,
    PHOTO_RECEIVED,
    TOO_BIG,
    PhotoRefused,
    checked_photo,
)

logger = logging.getLogger(__name__)

PHOTOS_PATH = "/api/photos"
PHOTO_ID_HEADER = "X-Photo-Id"
PHOTO_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")
# The channel and address the action server records a chat page conversation's cases under
# (actions/tenant.py: the REST channel's name, and the conversation id), so a photo finds them.
WEB_CHANNEL = "rest"
# Where the console, mounted at /staff by server.py, shows a kept photo to staff.
STAFF_ADDRESS = "/staff/photos/{key}"
# A conversation may send this many photos a day: enough for any repair, and a cap on what one
# session can put in the database.
PHOTOS_A_DAY = 20
TOO_MANY = "utter_photo_too_many"
COULD_NOT_KEEP = "utter_photo_not_kept"
READ_CHUNK_BYTES = 64 * 1024
# Each refusal's status, and its name in the log.
REFUSED = {EMPTY: (400, "empty"), TOO_BIG: (413, "too big"), NOT_A_PHOTO: (415, "not a photo")}

Reply = List[Dict[str, Any]]


class _Cases:
    """The case store photos go to: the one given, or the services' one (the case database the
    action server writes), opened on the first photo, off the event loop."""

    def __init__(self, store: Optional[CaseStore]) -> None:
        self._store = store

    async def store(self) -> CaseStore:
        if self._store is None:
            from bot import services

            self._store = (await asyncio.to_thread(services.desk)).cases
        return self._store


CASES_KEY = web.AppKey("photo_cases", _Cases)
WORDS_KEY = web.AppKey("photo_words", dict)


def photo_words(facts: Mapping[str, str]) -> Dict[str, str]:
    """What the page says of photos, by response name, from the domain: the thanks and each
    refusal, with the charter's facts and the limits filled in."""
    limits = {"max_photo_megabytes": str(MAX_PHOTO_MEGABYTES), "photos_a_day": str(PHOTOS_A_DAY)}
    names = (PHOTO_RECEIVED, EMPTY, TOO_BIG, NOT_A_PHOTO, TOO_MANY, COULD_NOT_KEEP)
    return {name: load_response(name, {**facts, **limits}) for name in names}


def install(app: web.Application, words: Mapping[str, str], cases: Optional[CaseStore] = None) -> None:
    """What the route needs: what it says (photo_words), and the case store (by default the
    services' one, opened on the first photo)."""
    app[WORDS_KEY] = dict(words)
    app[CASES_KEY] = _Cases(cases)


async def receive(request: web.Request, conversation_id: str, secret: bytes) -> Union[web.Response, Reply]:
    """The photo in the request kept for the conversation, and the thanks; or the response that
    says why it was not kept. Logs say what happened, never anything of the photo."""
    try:
        data = await read_body(request)
        kind = checked_photo(data)
    except PhotoRefused as refused:
        status, reason = REFUSED[refused.response]
        logger.info("a web chat photo was refused: %s", reason)
        return refusal(request, refused.response, status)
    store = await request.app[CASES_KEY].store()
    now = datetime.now(timezone.utc)
    identity = ChannelIdentity(WEB_CHANNEL, conversation_id)
    try:
        if await asyncio.to_thread(store.kept_photos_since, identity, now - timedelta(days=1)) >= PHOTOS_A_DAY:
            logger.info("a web chat photo was refused: over the day's %d", PHOTOS_A_DAY)
            return refusal(request, TOO_MANY, 429)
        key = photo_key(secret, conversation_id, request.headers.get(PHOTO_ID_HEADER))
        photo = KeptPhoto(key=key, url=STAFF_ADDRESS.format(key=key), content_type=kind.content_type, data=data)
        await asyncio.to_thread(store.attach, identity, [], now, [photo])
    except IntegrityError:
        # Sent again under the same id: the first one arrived and is kept.
        logger.info("a web chat photo sent again was already kept")
    except Exception as error:  # noqa: BLE001 - the tenant is told to retry; the cause is logged
        logger.error("a web chat photo could not be kept: %s", type(error).__name__)
        return refusal(request, COULD_NOT_KEEP, 503)
    else:
        logger.info("a web chat photo was kept (%s, %d bytes)", kind.content_type, len(data))
    return [{"text": request.app[WORDS_KEY][PHOTO_RECEIVED]}]


async def read_body(request: web.Request) -> bytes:
    """The body, refused (PhotoRefused, TOO_BIG) as soon as it is over MAX_PHOTO_BYTES: at once
    on a Content-Length over it, and after that many bytes of a body that said less or nothing."""
    if request.content_length is not None and request.content_length > MAX_PHOTO_BYTES:
        raise PhotoRefused(TOO_BIG)
    received = bytearray()
    async for chunk in request.content.iter_chunked(READ_CHUNK_BYTES):
        received += chunk
        if len(received) > MAX_PHOTO_BYTES:
            raise PhotoRefused(TOO_BIG)
    return bytes(received)


def photo_key(secret: bytes, conversation_id: str, photo_id: Optional[str]) -> str:
    """The key a photo is kept under: the same for the same photo id in the same conversation,
    so one sent again is kept once; unguessable without the server's secret; random without an id."""
    if not photo_id or not PHOTO_ID.match(photo_id):
        return secrets.token_urlsafe(16)
    digest = hmac.new(secret, f"photo:{conversation_id}:{photo_id}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode()[:22]


def refusal(request: web.Request, response: str, status: int) -> web.Response:
    words = request.app[WORDS_KEY][response]
    return web.json_response({"error": words}, status=status, headers={"Cache-Control": "no-store"})
