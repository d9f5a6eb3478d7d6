"""A photo a tenant sent from the web chat, shown to the staff who may see its case.

The bytes are in the case database (bot.cases, `KeptPhoto`), found by the random key in the
photo's address, which is the attachment's url on the case page. A member of staff sees a photo
only if their team may see the case it went with; a photo of another team's case, one still
waiting for its case, and a key that names nothing are all "not found", as a case is.

It is served only as the type its bytes prove: bot/web/photos.py reads them again here, so
nothing written to the database is taken on trust, and the console's headers (guard.py) add
`nosniff`, so no browser reads a photo as anything else. Formats browsers show are inline; HEIC
is a download. Every showing of a domestic abuse case's photo is written in the case's history,
as every showing of the case is.
"""

from __future__ import annotations

import logging

from aiohttp import web

from bot.cases import CaseKind
from bot.web.console.context import DESK_KEY, STAFF, html_page, now_of
from bot.web.console.guard import role_of
from bot.web.console.records import record_view
from bot.web.console.roles import may_see_case
from bot.web.photos import photo_type

logger = logging.getLogger(__name__)

# The keys bot/web/chat/photos.py makes: 16 random bytes, or a keyed hash, in URL-safe base64.
PHOTO_ROUTE = r"/photos/{key:[A-Za-z0-9_-]{22}}"


async def photo(request: web.Request) -> web.Response:
    key = request.match_info["key"]
    store = request.app[DESK_KEY].cases
    found = store.kept_photo(key)
    if found is None or not may_see_case(role_of(request), found.kind):
        return _not_found(request)
    kind = photo_type(found.data)
    if kind is None:  # only a photo is ever kept: these bytes were changed since
        logger.error("a kept photo of %s is not a photo any more; not served", found.reference)
        return _not_found(request)
    if found.kind is CaseKind.DOMESTIC_ABUSE:
        record_view(store, found.reference, now_of(request), f"staff:{request[STAFF].username}", photo=True)
    disposition = "inline" if kind.shown_in_browsers else "attachment"
    return web.Response(
        body=found.data,
        content_type=kind.content_type,
        headers={
            "Content-Disposition": f'{disposition}; filename="{found.reference}-photo.{kind.extension}"',
            "X-Content-Type-Options": "nosniff",
        },
    )


def _not_found(request: web.Request) -> web.Response:
    return html_page(request, "message.html", status=404, title="Photo not found", message="There is no such photo.")
