"""Signing in and out: the sign-in form, its CSRF token, the throttle on failed attempts and
the address a request came from behind trusted proxies."""

from __future__ import annotations

import asyncio
import hmac
import logging
import secrets
from datetime import datetime, timedelta
from typing import Dict, Optional

from aiohttp import web

from bot.web.console import pages
from bot.web.console.accounts import MAX_PASSWORD_CHARS, normalise_username
from bot.settings import Networks, address_in

from bot.web.console.context import (
    ACCOUNTS_KEY,
    GENERIC_LOGIN_FAILURE,
    LOGIN_COOKIE,
    PROXIES_KEY,
    SECRET_KEY,
    SESSIONS_KEY,
    SESSION_COOKIE,
    STAFF,
    THROTTLED,
    THROTTLE_KEY,
    delete_cookie,
    forbidden,
    html_page,
    login_csrf,
    now_of,
    redirect_to,
    set_cookie,
    urls_of,
)
from bot.web.console.guard import current_staff

logger = logging.getLogger(__name__)


# --- signing in and out ----------------------------------------------------------------------


async def login_form(request: web.Request) -> web.Response:
    """The sign-in page; someone already signed in goes straight to the cases."""
    if current_staff(request) is not None:
        return redirect_to(urls_of(request)["index"])
    return _login_response(request)


def _login_response(
    request: web.Request,
    error: Optional[str] = None,
    username: str = "",
    status: int = 200,
    headers: Optional[Dict[str, str]] = None,
) -> web.Response:
    """The form with a CSRF token bound to this browser's sign-in cookie (made if it has none)."""
    nonce = request.cookies.get(LOGIN_COOKIE) or secrets.token_urlsafe(32)
    token = login_csrf(request.app[SECRET_KEY], nonce)
    response = html_page(
        request, "login.html", status=status, headers=headers, csrf_token=token, error=error, username=username
    )
    set_cookie(request, response, LOGIN_COOKIE, nonce)
    return response


def _login_csrf_ok(request: web.Request, sent: object) -> bool:
    nonce = request.cookies.get(LOGIN_COOKIE)
    if not nonce or not isinstance(sent, str):
        return False
    return hmac.compare_digest(sent.encode(), login_csrf(request.app[SECRET_KEY], nonce).encode())


def client_address(remote: Optional[str], forwarded_for: Optional[str], trusted: Networks) -> str:
    """Who is really asking. The peer's address, unless it is a proxy the configuration trusts
    (TRUSTED_PROXIES): then the nearest address in X-Forwarded-For that is not one of them.
    From anyone else X-Forwarded-For means nothing: anyone can write it."""
    address = remote or "unknown"
    if not address_in(address, trusted):
        return address
    hops = [hop.strip() for hop in (forwarded_for or "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not address_in(hop, trusted):
            return hop[:64]
    return hops[0][:64] if hops else address


def _client_address(request: web.Request) -> str:
    return client_address(request.remote, request.headers.get("X-Forwarded-For"), request.app[PROXIES_KEY])


def _minutes(wait: timedelta) -> str:
    minutes = max(1, -(-int(wait.total_seconds()) // 60))
    return f"{minutes} minute{'s' if minutes != 1 else ''}" if minutes < 120 else f"{minutes // 60} hours"


async def login(request: web.Request) -> web.Response:
    """Check a password, with back-off after 5 failures for one account from one client (and
    20 from one client whatever the names), so nobody can lock a colleague out from elsewhere.

    Every failure gets the same words and costs the same argon2 check, whether or not the
    username exists, so the form cannot be used to find out who has an account.
    """
    form = await request.post()
    if not _login_csrf_ok(request, form.get(pages.CSRF_FIELD)):
        return forbidden(request)
    username = normalise_username(str(form.get("username", "")))[:64]
    password = str(form.get("password", ""))[:MAX_PASSWORD_CHARS]
    now, client = now_of(request), _client_address(request)
    throttle = request.app[THROTTLE_KEY]
    attempt = throttle.attempt(username, client, now)
    if attempt is None:
        wait = throttle.check(username, client, now).wait
        logger.warning("console sign-in refused: too many failures (from %s)", client)
        return _login_response(
            request,
            THROTTLED.format(minutes=_minutes(wait)),
            username,
            status=429,
            headers={"Retry-After": str(max(1, int(wait.total_seconds())))},
        )
    accounts = request.app[ACCOUNTS_KEY]
    stored = accounts.stored_hash(username)
    loop = asyncio.get_running_loop()
    if not await loop.run_in_executor(None, accounts.verify_hash, stored, password):
        logger.warning("console sign-in failed (from %s)", client)
        return _login_response(request, GENERIC_LOGIN_FAILURE, username, status=401)
    throttle.succeeded(username, client, attempt)
    accounts.rehash_if_needed(username, stored, password)
    return _signed_in(request, username, now)


def _signed_in(request: web.Request, username: str, now: datetime) -> web.Response:
    """A new session (never one the browser brought with it) and its cookie."""
    request.app[SESSIONS_KEY].end(request.cookies.get(SESSION_COOKIE))
    session = request.app[SESSIONS_KEY].start(username, now)
    logger.info("staff %s signed in to the console", username)
    response = redirect_to(urls_of(request)["index"])
    set_cookie(request, response, SESSION_COOKIE, session.id)
    delete_cookie(request, response, LOGIN_COOKIE)
    return response


async def logout(request: web.Request) -> web.Response:
    """End the session on the server, so the cookie opens nothing even if it was copied."""
    request.app[SESSIONS_KEY].end(request[STAFF].id)
    logger.info("staff %s signed out of the console", request[STAFF].username)
    response = redirect_to(urls_of(request)["login"])
    delete_cookie(request, response, SESSION_COOKIE)
    return response
