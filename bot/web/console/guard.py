"""The guard on every request: who is signed in, with what role, whether a form carries the
session's CSRF token, and the headers that forbid framing, scripts and caching."""

from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass
from typing import Callable, Optional, Tuple

from aiohttp import web

from bot.web.console import pages
from bot.web.console.accounts import StaffAccount
from bot.web.console.roles import StaffRole
from bot.web.console.sessions import StaffSession
from bot.rasa.conversations import Conversations

from bot.web.console.context import (
    ACCOUNT,
    ACCOUNTS_KEY,
    CONTENT_SECURITY_POLICY,
    CONVERSATIONS_CONFIG_KEY,
    CONVERSATIONS_KEY,
    PUBLIC_ROUTES,
    SAFE_METHODS,
    SESSIONS_KEY,
    SESSION_COOKIE,
    STAFF,
    forbidden,
    now_of,
    prefix_of,
    redirect_to,
    urls_of,
)

logger = logging.getLogger(__name__)


# --- the guard on every request ------------------------------------------------------------


def current_staff(request: web.Request) -> Optional[Tuple[StaffSession, StaffAccount]]:
    """The signed-in session for this request's cookie and its account, if the session is live
    and the account still takes it: not disabled, and no password reset since it signed in."""
    app = request.app
    session = app[SESSIONS_KEY].get(request.cookies.get(SESSION_COOKIE), now_of(request))
    if session is None:
        return None
    account = app[ACCOUNTS_KEY].find(session.username)
    if account is None or not account.accepts_session_from(session.started):
        app[SESSIONS_KEY].end(session.id)
        return None
    return session, account


def role_of(request: web.Request) -> StaffRole:
    return request[ACCOUNT].role


def _refuse(request: web.Request, relative_path: str) -> web.Response:
    """No session: an API caller gets 401, a browser the sign-in page; neither gets any data."""
    if relative_path == "/api" or relative_path.startswith("/api/"):
        return web.json_response({"error": "Sign in to the staff console first."}, status=401)
    return redirect_to(urls_of(request)["login"])


async def _csrf_ok(request: web.Request, session: StaffSession) -> bool:
    """The form's token must be this session's, compared in constant time."""
    form = await request.post()
    sent = form.get(pages.CSRF_FIELD)
    return isinstance(sent, str) and hmac.compare_digest(sent.encode(), session.csrf_token.encode())


@web.middleware
async def staff_only(request: web.Request, handler: Callable) -> web.StreamResponse:
    """Let through the sign-in page and stylesheet; everything else needs a session, and a
    POST also its CSRF token (403, with nothing changed, if it is missing or wrong)."""
    prefix = prefix_of(request)
    relative = request.path[len(prefix) :] if request.path.startswith(prefix) else request.path
    if relative == "":
        return redirect_to(prefix + "/")
    if request.match_info.route.name in PUBLIC_ROUTES:
        return await handler(request)
    current = current_staff(request)
    if current is None:
        return _refuse(request, relative)
    session, account = current
    request[STAFF], request[ACCOUNT] = session, account
    if request.method not in SAFE_METHODS and not await _csrf_ok(request, session):
        logger.warning("console POST without a valid CSRF token refused for %s", session.username)
        return forbidden(request)
    return await handler(request)


@dataclass(frozen=True)
class ConversationsConfig:
    """Where Rasa's HTTP API is and its token (RASA_API_TOKEN): transcripts, staff replies and
    handing back all go through it."""

    rasa_url: str
    token: Optional[str]


async def open_conversations(app: web.Application) -> None:
    config: ConversationsConfig = app[CONVERSATIONS_CONFIG_KEY]
    app[CONVERSATIONS_KEY] = Conversations(config.rasa_url, config.token, Conversations.session())


async def close_conversations(app: web.Application) -> None:
    await app[CONVERSATIONS_KEY].close_session()


async def security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """On every console response, redirects and errors included: no framing (clickjacking), no
    script, no caching of case data and no referrer leaking a case reference to other sites."""
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"
