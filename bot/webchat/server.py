"""The tenant chat page and the small API behind it.

The browser never talks to Rasa directly: this server issues each browser a conversation id in
a signed, HttpOnly cookie and forwards messages to Rasa's REST channel under that id, so a
page cannot post as another tenant by making up a sender id.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import html
import logging
import os
import re
import secrets
from collections import OrderedDict
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from aiohttp import ClientError, ClientSession, ClientTimeout, web

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).resolve().parent / "static"
COOKIE_NAME = "tenant_chat"
MAX_MESSAGE_CHARS = 5000
RASA_TIMEOUT_SECONDS = 30

SECRET_KEY = web.AppKey("secret", bytes)
RASA_URL_KEY = web.AppKey("rasa_url", str)
CLIENT_KEY = web.AppKey("client", ClientSession)
PAGE_KEY = web.AppKey("page", str)
MESSAGE_ID = re.compile(r"^[A-Za-z0-9-]{8,64}$")

Reply = Optional[List[Dict[str, Any]]]


class Deliveries:
    """The replies to recent messages by their id, so a retried post gets the same answer
    without a second turn: the same message delivered twice must never open two cases.

    A retry that arrives while the first attempt is still with Rasa waits for its answer.
    """

    def __init__(self, remember: int = 10_000) -> None:
        self._replies: "OrderedDict[Tuple[str, str], asyncio.Future]" = OrderedDict()
        self._remember = remember

    def claim(self, key: Tuple[str, str]) -> Tuple["asyncio.Future[Reply]", bool]:
        """The future holding this message's reply, and whether this caller must produce it."""
        if key in self._replies:
            self._replies.move_to_end(key)
            return self._replies[key], False
        future: "asyncio.Future[Reply]" = asyncio.get_running_loop().create_future()
        self._replies[key] = future
        while len(self._replies) > self._remember:
            self._replies.popitem(last=False)
        return future, True

    def failed(self, key: Tuple[str, str]) -> None:
        """The first attempt got no answer: waiting retries are told so, and a later retry
        is sent to Rasa afresh."""
        future = self._replies.pop(key, None)
        if future is not None and not future.done():
            future.set_result(None)


DELIVERIES_KEY = web.AppKey("deliveries", Deliveries)


def sign(conversation_id: str, secret: bytes) -> str:
    digest = hmac.new(secret, conversation_id.encode(), hashlib.sha256).hexdigest()
    return f"{conversation_id}.{digest}"


def verified_conversation_id(cookie: Optional[str], secret: bytes) -> Optional[str]:
    """The conversation id inside a cookie this server issued, or None for anything else."""
    if not cookie or cookie.count(".") != 1:
        return None
    conversation_id, _ = cookie.split(".")
    if hmac.compare_digest(sign(conversation_id, secret), cookie):
        return conversation_id
    return None


def _secret_from_environment() -> bytes:
    configured = os.environ.get("WEBCHAT_SECRET")
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
                {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
                for b in buttons
            ]
        cleaned.append(item)
    return cleaned


def render_page(numbers: Dict[str, str]) -> str:
    """The chat page with the charter's emergency numbers and the message limit filled in."""
    page = (Path(__file__).resolve().parent / "page.html").read_text()
    for name, value in numbers.items():
        page = page.replace("{{" + name + "}}", html.escape(value))
    return page


def _charter_numbers() -> Dict[str, str]:
    from bot.charter import load_charter

    numbers = load_charter().emergency_numbers
    return {"emergency_number": numbers.emergency_services.number, "gas_number": numbers.gas.number}


async def index(request: web.Request) -> web.Response:
    return web.Response(text=request.app[PAGE_KEY], content_type="text/html")


async def health(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def post_message(request: web.Request) -> web.Response:
    secret = request.app[SECRET_KEY]
    try:
        body = await request.json()
    except ValueError:
        return web.json_response({"error": "The message could not be read."}, status=400)
    text = body.get("message") if isinstance(body, dict) else None
    if not isinstance(text, str) or not text.strip():
        return web.json_response({"error": "Please type a message first."}, status=400)
    if len(text) > MAX_MESSAGE_CHARS:
        return web.json_response(
            {"error": f"That message is too long to send in one go. Please split it into "
                      f"parts of up to {MAX_MESSAGE_CHARS} characters; nothing has been sent."},
            status=413,
        )
    conversation_id = verified_conversation_id(request.cookies.get(COOKIE_NAME), secret)
    new_cookie = conversation_id is None
    if new_cookie:
        conversation_id = f"web-{secrets.token_hex(16)}"
    message_id = body.get("message_id")
    key = (conversation_id, message_id) if not new_cookie and isinstance(message_id, str) and MESSAGE_ID.match(message_id) else None
    messages = await _deliver(request.app, conversation_id, text, key)
    if messages is None:
        return web.json_response(
            {"error": "Sorry, I can't reply right now. Please try again in a minute, or call us "
                      "if it is an emergency."},
            status=503,
        )
    response = web.json_response({"messages": messages})
    if new_cookie:
        response.set_cookie(
            COOKIE_NAME, sign(conversation_id, secret), httponly=True, samesite="Strict",
            secure=os.environ.get("WEBCHAT_SECURE_COOKIE") == "1",
        )
    return response


async def _ask_rasa(app: web.Application, conversation_id: str, text: str) -> Reply:
    try:
        async with app[CLIENT_KEY].post(
            f"{app[RASA_URL_KEY]}/webhooks/rest/webhook",
            json={"sender": conversation_id, "message": text},
        ) as rasa:
            rasa.raise_for_status()
            return _reply(await rasa.json())
    except (ClientError, TimeoutError) as error:
        logger.error("Rasa did not answer a chat message: %s", type(error).__name__)
        return None


async def _deliver(app: web.Application, conversation_id: str, text: str, key: Optional[Tuple[str, str]]) -> Reply:
    """One turn per message id: a retry of a message already answered gets the same reply."""
    if key is None:
        return await _ask_rasa(app, conversation_id, text)
    future, first = app[DELIVERIES_KEY].claim(key)
    if not first:
        return await asyncio.shield(future)
    messages = await _ask_rasa(app, conversation_id, text)
    if messages is None:
        app[DELIVERIES_KEY].failed(key)
    else:
        future.set_result(messages)
    return messages


async def _open_client(app: web.Application) -> None:
    app[CLIENT_KEY] = ClientSession(timeout=ClientTimeout(total=RASA_TIMEOUT_SECONDS))


async def _close_client(app: web.Application) -> None:
    await app[CLIENT_KEY].close()


def create_app(rasa_url: str, secret: Optional[bytes] = None) -> web.Application:
    app = web.Application(client_max_size=64 * 1024)
    app[SECRET_KEY] = secret if secret is not None else _secret_from_environment()
    app[RASA_URL_KEY] = rasa_url.rstrip("/")
    app[PAGE_KEY] = render_page({**_charter_numbers(), "max_message_chars": str(MAX_MESSAGE_CHARS)})
    app[DELIVERIES_KEY] = Deliveries()
    app.on_startup.append(_open_client)
    app.on_cleanup.append(_close_client)
    app.router.add_get("/", index)
    app.router.add_get("/health", health)
    app.router.add_post("/api/messages", post_message)
    app.router.add_static("/static/", STATIC_DIR)  # chat.js and chat.css
    return app


def main(argv: Optional[List[str]] = None) -> None:
    parser = argparse.ArgumentParser(description="Serve the tenant chat page.")
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--rasa-url", default="http://127.0.0.1:5005")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    web.run_app(create_app(args.rasa_url), host="127.0.0.1", port=args.port, print=None)


if __name__ == "__main__":
    main()
