"""The tenant chat page, the widget that embeds it in a landlord's website, and the small API
behind them.

The browser never talks to Rasa directly: this server issues each conversation an id, signed
with its secret, and forwards messages to Rasa's REST channel under that id, so a page cannot
post as another tenant by making up a sender id. The signed id travels two ways: in an
HttpOnly cookie for the plain page, and in the JSON reply and an `X-Chat-Session` header for
the page inside the widget's iframe, where browsers block a third-party frame's cookies.
Either way the server only ever uses an id whose signature it has checked.

Over 400 lines because every route's way from the session to the answer is here, shared
(`_conversation`, `_answered`): a message and a photo find or begin the conversation and answer
the page the same way. What a route does at length has its own module beside this one: the
greeting (greeting.py), tokens (sessions.py), photos (photos.py).
"""

from __future__ import annotations

import argparse
from datetime import datetime, timezone
import asyncio
import json
import logging
import re
import secrets
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from aiohttp import ClientError, ClientSession, ClientTimeout, web

from bot import chat_signature, settings
from bot.cases import CaseStore
from bot.rasa.channels.deliveries import Deliveries
from bot.handoff import Handoffs
from bot.updates import Updates
from bot.limits import MAX_MESSAGE_CHARS, without_lone_surrogates
from bot.shared_state import MemoryState, SharedState, shared_state
from bot.web.photos import MAX_PHOTO_BYTES, MAX_PHOTO_MEGABYTES
from bot.web.templating import template_environment
from bot.web.chat import photos
from bot.web.chat.greeting import load_greeting
from bot.web.chat.sessions import ChatSessions, sign  # noqa: F401 - sign is the tests' way to make a token

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
COOKIE_NAME = "tenant_chat"
SESSION_HEADER = "X-Chat-Session"
WIDGET_FILE = STATIC_DIR / "widget.js"
FAVICON_PATH = "/static/favicon.svg"
RASA_TIMEOUT_SECONDS = 30

SECRET_KEY = web.AppKey("secret", bytes)
RASA_URL_KEY = web.AppKey("rasa_url", str)
CLIENT_KEY = web.AppKey("client", ClientSession)
PAGE_KEY = web.AppKey("page", str)
EMBEDDED_PAGE_KEY = web.AppKey("embedded_page", str)
SAFETY_PAGE_KEY = web.AppKey("browsing_safely_page", str)
MESSAGE_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")
# The largest id a message row can have (a 32-bit integer column on PostgreSQL).
MAX_MESSAGE_NUMBER = 2**31 - 1

Reply = Optional[List[Dict[str, Any]]]


SESSIONS_KEY = web.AppKey("sessions", ChatSessions)
SIGNING_KEY = web.AppKey("rasa_signing_secret", bytes)
DELIVERIES_KEY = web.AppKey("deliveries", Deliveries)
HANDOFFS_KEY = web.AppKey("handoffs", object)  # Handoffs, or None where no case database is configured


def verified_conversation_id(token: Optional[str], secret: bytes) -> Optional[str]:
    """The conversation id inside a token this server signed and that has not expired (the
    quick exit's ending is not known here: see `session_conversation_id`)."""
    return ChatSessions(secret, MemoryState()).conversation(token)


def session_token(request: web.Request) -> Optional[str]:
    """The session token the request carries. A page that holds a token sends it in the header,
    and then only the header counts: a token that does not verify is the same as no token at
    all, never a way to fall back on the cookie. Without the header, the plain page's cookie."""
    if SESSION_HEADER in request.headers:
        return request.headers[SESSION_HEADER]
    return request.cookies.get(COOKIE_NAME)


def session_conversation_id(request: web.Request) -> Optional[str]:
    """The conversation this request belongs to, or None to start a new one: also after the
    tenant left by the quick exit, or once the token's lifetime is over."""
    return request.app[SESSIONS_KEY].conversation(session_token(request))


def page_headers(embedded: bool) -> Dict[str, str]:
    """The chat page may be framed by any site only as `/?embedded=1`, the widget's page; the
    plain page only by itself. Neither runs a script that is not a file from this server."""
    policy = "; ".join(
        [
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' blob:",  # blob: the tenant's own photo, shown as it is sent
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors " + ("*" if embedded else "'self'"),
        ]
    )
    headers = {"Content-Security-Policy": policy}
    if not embedded:
        # For browsers too old for frame-ancestors; SAMEORIGIN says what 'self' says.
        headers["X-Frame-Options"] = "SAMEORIGIN"
    return headers


def _secret_from_environment() -> bytes:
    configured = settings.secret("WEBCHAT_SECRET")
    if configured:
        return configured.encode()
    # Without a configured secret, conversations last as long as this process: safe, if forgetful.
    logger.warning("WEBCHAT_SECRET is not set; chat sessions end when the server restarts")
    return secrets.token_bytes(32)


def _reply(messages: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    """Only what the page renders: text and quick-reply buttons."""
    cleaned = []
    for message in messages:
        item: Dict[str, Any] = {"text": str(message.get("text", ""))}
        buttons = message.get("buttons") or []
        if buttons:
            item["buttons"] = [
                {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))} for b in buttons
            ]
        cleaned.append(item)
    return cleaned


def _page_values() -> Dict[str, Any]:
    """What the pages quote: the charter's numbers and name, and the domain's greeting."""
    from bot.charter import load_charter
    from bot.replies import charter_facts, safety_numbers

    charter = load_charter()
    return {
        **safety_numbers(charter),
        "landlord_name": charter.contact.name,
        "domestic_abuse_service": charter.emergency_numbers.domestic_abuse.service,
        "greeting": load_greeting(charter_facts(charter)),
        "photo_words": photos.photo_words(charter_facts(charter)),
        "max_message_chars": MAX_MESSAGE_CHARS,
        "max_photo_megabytes": MAX_PHOTO_MEGABYTES,
        "max_photo_bytes": MAX_PHOTO_BYTES,
    }


async def index(request: web.Request) -> web.Response:
    embedded = request.query.get("embedded") == "1"
    page = request.app[EMBEDDED_PAGE_KEY if embedded else PAGE_KEY]
    return web.Response(text=page, content_type="text/html", headers=page_headers(embedded))


async def browsing_safely(request: web.Request) -> web.Response:
    """Advice on covering one's tracks, linked from the quick exit, as GOV.UK's Exit this page does."""
    return web.Response(text=request.app[SAFETY_PAGE_KEY], content_type="text/html", headers=page_headers(False))


async def widget(request: web.Request) -> web.Response:
    """The one script a landlord's page loads: public, the same for every site, so any origin
    may fetch it (which also lets a page pin it with Subresource Integrity)."""
    return web.Response(
        body=WIDGET_FILE.read_bytes(),
        content_type="text/javascript",
        charset="utf-8",
        headers={
            "Cache-Control": "public, max-age=3600",
            "Access-Control-Allow-Origin": "*",
            "Cross-Origin-Resource-Policy": "cross-origin",
        },
    )


async def favicon(request: web.Request) -> web.Response:
    """Browsers ask for /favicon.ico whatever a page links (the staff console's pages link
    none): send them to the one icon, rather than log a 404 for every page opened."""
    raise web.HTTPMovedPermanently(FAVICON_PATH)


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def post_message(request: web.Request) -> web.Response:
    try:
        body = await request.json()
    except web.HTTPRequestEntityTooLarge:
        # Over the server's body limit: the same clear answer as any message that is too long,
        # not aiohttp's plain-text page, which the chat page cannot show.
        return _too_long()
    except (ValueError, RecursionError):  # not JSON, not UTF-8, or nested too deep to read
        return web.json_response({"error": "The message could not be read."}, status=400)
    text = body.get("message") if isinstance(body, dict) else None
    if not isinstance(text, str) or not text.strip():
        return web.json_response({"error": "Please type a message first."}, status=400)
    if len(text) > MAX_MESSAGE_CHARS:
        return _too_long()
    # A lone surrogate is valid JSON ("\ud800") but no character: Rasa cannot read it.
    text = without_lone_surrogates(text)
    conversation_id, token, new_session = _conversation(request)
    message_id = body.get("message_id")
    key = (
        (conversation_id, message_id)
        if not new_session and isinstance(message_id, str) and MESSAGE_ID.match(message_id)
        else None
    )
    messages = await _deliver(request.app, conversation_id, text, key, resent=body.get("resent") is True)
    return _answered(request.app, messages, conversation_id, token, new_session)


async def post_photo(request: web.Request) -> web.Response:
    """A photo, read, checked and kept with the tenant's case by photos.py, in the conversation
    the session names, found or begun as for a message."""
    conversation_id, token, new_session = _conversation(request)
    answer = await photos.receive(request, conversation_id, request.app[SECRET_KEY])
    if isinstance(answer, web.Response):  # refused, saying why
        return answer
    return _answered(request.app, answer, conversation_id, token, new_session)


def _conversation(request: web.Request) -> Tuple[str, str, bool]:
    """The conversation the request's session names, its token, and whether it is new: a
    request with no session it may use begins a conversation (kept only if it is answered)."""
    sessions = request.app[SESSIONS_KEY]
    token = session_token(request)
    conversation_id = sessions.conversation(token)
    if conversation_id is None:
        conversation_id = f"web-{secrets.token_hex(16)}"
        return conversation_id, sessions.issue(conversation_id), True
    return conversation_id, token, False


def _answered(
    app: web.Application, messages: Reply, conversation_id: str, token: str, new_session: bool
) -> web.Response:
    """What the page is told: the assistant's replies and the session, or 503 if none came."""
    if messages is None:
        return web.json_response(
            {
                "error": "Sorry, I can't reply right now. Please try again in a minute, or call us "
                "if it is an emergency."
            },
            status=503,
        )
    # The token is the conversation's key: no cache, shared or private, may keep the reply.
    body = {"messages": messages, "session": token, "with_person": _with_person(app, conversation_id)}
    response = web.json_response(body, headers={"Cache-Control": "no-store"})
    if new_session:
        response.set_cookie(
            COOKIE_NAME,
            token,
            httponly=True,
            samesite="Strict",
            secure=settings.secure_cookies("webchat"),
        )
    return response


def _too_long() -> web.Response:
    return web.json_response(
        {
            "error": f"That message is too long to send in one go. Please split it into "
            f"parts of up to {MAX_MESSAGE_CHARS} characters; nothing has been sent."
        },
        status=413,
    )


def _with_person(app: web.Application, conversation_id: str) -> Optional[str]:
    """ "waiting" or "with_staff" while a person has the conversation (the bot is then silent,
    and the page says why), otherwise None."""
    handoffs: Optional[Handoffs] = app[HANDOFFS_KEY]
    handoff = handoffs.active(conversation_id) if handoffs is not None else None
    return handoff.status.value if handoff is not None else None


async def end_session(request: web.Request) -> web.Response:
    """The quick exit: the conversation is ended on the server, so neither the cookie nor a
    token left in the browser (or copied from it) can open it again, and the cookie goes.
    Someone who reopens the chat afterwards starts a new, empty conversation."""
    request.app[SESSIONS_KEY].end(session_token(request))
    response = web.json_response({"ended": True}, headers={"Cache-Control": "no-store"})
    response.del_cookie(COOKIE_NAME)
    return response


async def updates(request: web.Request) -> web.Response:
    """What staff (or the assistant, on handing back) sent since message `after`, whether
    a person still has the conversation, and the updates on the tenant's cases kept for the
    page (bot.updates), each given once. The page asks every few seconds while one does: a
    browser cannot be written to, so this is how a staff reply reaches the web chat."""
    conversation_id = session_conversation_id(request)
    handoffs: Optional[Handoffs] = request.app[HANDOFFS_KEY]
    if conversation_id is None or handoffs is None:
        return web.json_response(
            {"messages": [], "with_person": None, "case_updates": []}, headers={"Cache-Control": "no-store"}
        )
    try:
        after = int(request.query.get("after", "0"))
    except ValueError:
        after = -1
    if not 0 <= after <= MAX_MESSAGE_NUMBER:
        return web.json_response({"error": "after must be a message number."}, status=400)
    messages = [
        {"id": m.id, "text": m.text, "from": "staff" if m.author else "assistant"}
        for m in handoffs.messages_after(conversation_id, after)
    ]
    kept = Updates(handoffs.engine).kept_in_chat(conversation_id, datetime.now(timezone.utc))
    return web.json_response(
        {
            "messages": messages,
            "with_person": _with_person(request.app, conversation_id),
            "case_updates": [update.text for update in kept],
        },
        headers={"Cache-Control": "no-store"},
    )


async def _ask_rasa(
    app: web.Application, conversation_id: str, text: str, message_id: Optional[str] = None, resent: bool = False
) -> Reply:
    """The assistant's replies, or None when it could not answer. The message id goes with the
    message, so a message resent after a failure is answered from what was saved, if it was
    handled, and cannot open a second case (bot/rasa/channels/chat_page.py)."""
    body: Dict[str, Any] = {"sender": conversation_id, "message": text}
    if message_id:
        body["message_id"] = message_id
        body["resent"] = resent
    payload = json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    if app[SIGNING_KEY]:
        headers[chat_signature.HEADER] = chat_signature.signature(app[SIGNING_KEY], payload)
    try:
        async with app[CLIENT_KEY].post(
            f"{app[RASA_URL_KEY]}/webhooks/rest/webhook", data=payload, headers=headers
        ) as rasa:
            rasa.raise_for_status()
            return _reply(await rasa.json())
    except (ClientError, TimeoutError) as error:
        logger.error("Rasa did not answer a chat message: %s", type(error).__name__)
        return None


async def _deliver(
    app: web.Application, conversation_id: str, text: str, key: Optional[Tuple[str, str]], resent: bool = False
) -> Reply:
    """One turn per message id: a retry of a message already answered gets the same reply."""
    if key is None:
        return await _ask_rasa(app, conversation_id, text)
    future, first = app[DELIVERIES_KEY].claim(key)
    if not first:
        return await asyncio.shield(future)
    messages = await _ask_rasa(app, conversation_id, text, key[1], resent)
    if messages is None:
        app[DELIVERIES_KEY].failed(key)
    else:
        app[DELIVERIES_KEY].done(key, messages)
    return messages


async def _open_client(app: web.Application) -> None:
    app[CLIENT_KEY] = ClientSession(timeout=ClientTimeout(total=RASA_TIMEOUT_SECONDS))


async def _close_client(app: web.Application) -> None:
    await app[CLIENT_KEY].close()


async def _common_headers(request: web.Request, response: web.StreamResponse) -> None:
    """On every response, static files included: no content sniffing, and no referrer, so
    the sites a tenant goes to next (the quick exit's among them) are not told about the chat."""
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")


def create_app(
    rasa_url: str,
    secret: Optional[bytes] = None,
    with_console: bool = False,
    handoffs: Optional[Handoffs] = None,
    state: Optional[SharedState] = None,
    signing_secret: Optional[bytes] = None,
    cases: Optional[CaseStore] = None,
) -> web.Application:
    """The chat page and its API; `with_console` also serves the staff console under /staff.

    `handoffs` is the queue that says when a person has a conversation (the case database's
    by default when the console is served); without one the page never shows staff messages.
    `cases` is where photos are kept (the case database's by default, opened on the first photo).
    """
    app = web.Application(client_max_size=64 * 1024)
    app[SECRET_KEY] = secret if secret is not None else _secret_from_environment()
    app[SESSIONS_KEY] = ChatSessions(app[SECRET_KEY], state if state is not None else shared_state())
    app[SIGNING_KEY] = (
        signing_secret
        if signing_secret is not None
        else (settings.secret(chat_signature.SECRET_VARIABLE) or "").encode()
    )
    app[RASA_URL_KEY] = rasa_url.rstrip("/")
    # The pages are the same for every tenant, so each is made once, here (templates/).
    templates = template_environment("bot.web.chat")
    values = _page_values()
    app[PAGE_KEY] = templates.get_template("page.html").render(values, embedded="0")
    app[EMBEDDED_PAGE_KEY] = templates.get_template("page.html").render(values, embedded="1")
    app[SAFETY_PAGE_KEY] = templates.get_template("browsing-safely.html").render(values)
    photos.install(app, values["photo_words"], cases)
    app[DELIVERIES_KEY] = Deliveries()
    if handoffs is None and with_console:
        from bot import services

        handoffs = services.handoffs()
    app[HANDOFFS_KEY] = handoffs
    app.on_startup.append(_open_client)
    app.on_cleanup.append(_close_client)
    app.on_response_prepare.append(_common_headers)
    app.router.add_get("/", index)
    app.router.add_get("/health", health)
    app.router.add_get("/browsing-safely", browsing_safely)
    app.router.add_get("/widget.js", widget)
    app.router.add_get("/favicon.ico", favicon)
    app.router.add_post("/api/messages", post_message)
    app.router.add_post(photos.PHOTOS_PATH, post_photo)
    app.router.add_get("/api/updates", updates)
    app.router.add_post("/api/exit", end_session)
    app.router.add_static("/static/", STATIC_DIR)  # chat.js, chat.css and favicon.svg
    if with_console:
        from bot import services
        from bot.web.console.app import ConversationsConfig, create_console_app

        conversations = ConversationsConfig(app[RASA_URL_KEY], settings.secret("RASA_API_TOKEN"))
        app.add_subapp("/staff", create_console_app(services.desk(), app[SECRET_KEY], conversations=conversations))
    return app


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the tenant chat page.")
    parser.add_argument("--host", default="127.0.0.1", help="0.0.0.0 only inside a container, behind nginx")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    web.run_app(create_app(args.rasa_url, with_console=True), host=args.host, port=args.port, print=None)


if __name__ == "__main__":
    main()
