"""The staff console as an aiohttp application, mounted on the chat server under /staff:

    app.add_subapp("/staff", create_console_app(desk, secret))

(yarl is pinned below 1.13 for this: with aiohttp 3.9 and a newer yarl, a sub-application
answers 500 to any request whose Host header carries a port; aio-libs/aiohttp#9435.)

Nothing but the sign-in page and its stylesheet is served without a signed-in session:
pages redirect to /login and anything under /api/ answers 401, so an unknown visitor learns
nothing about any case, not even whether a reference exists. Every POST carries the session's
CSRF token. Responses forbid framing, scripts and caching, because case pages hold what
tenants told us about their homes, health and neighbours.

The case store is synchronous and, in tests, an in-memory SQLite database that only the
thread which made it can see; database calls are therefore made on the event loop's thread.
Only the deliberately slow password check runs in a worker thread.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Callable, Optional

from aiohttp import web

from bot.web.console.accounts import StaffAccounts
from bot.web.console.sessions import LoginThrottle, StaffSessions
from bot.settings import Networks, trusted_proxies
from bot.shared_state import SharedState, shared_state
from bot.intake import Desk

from bot.web.console.case_views import api_cases, case_page, cases_list, complete, progress, report
from bot.web.console.context import (
    ACCOUNTS_KEY,
    GENERIC_LOGIN_FAILURE,
    SESSION_COOKIE,
    CLOCK_KEY,
    CONVERSATIONS_CONFIG_KEY,
    DESK_KEY,
    MIN_SECRET_BYTES,
    PROXIES_KEY,
    SECRET_KEY,
    SESSIONS_KEY,
    STATIC_DIR,
    TEMPLATES_KEY,
    THROTTLE_KEY,
)
from bot.web.console.guard import (
    ConversationsConfig,
    close_conversations,
    open_conversations,
    security_headers,
    staff_only,
)
from bot.web.console.handoff_views import (
    api_transcript,
    close_handoff,
    hand_back,
    handoff_page,
    handoff_queue,
    release_handoff,
    reply_to_tenant,
    take_handoff,
)
from bot.web.console.pages import console_templates
from bot.web.console.tenant_news import complaint_step, on_the_way
from bot.web.console.photos import PHOTO_ROUTE, photo
from bot.web.console.signing_in import client_address, login, login_form, logout
from bot.web.console.visit_views import add_visit_routes


# What callers and tests use from here; the handlers live in the modules imported above.
__all__ = ["GENERIC_LOGIN_FAILURE", "SESSION_COOKIE", "ConversationsConfig", "client_address", "create_console_app"]

Clock = Callable[[], datetime]


# --- the application -------------------------------------------------------------------------


def create_console_app(
    desk: Desk,
    secret: bytes,
    clock: Optional[Clock] = None,
    conversations: Optional[ConversationsConfig] = None,
    state: Optional[SharedState] = None,
    proxies: Optional[Networks] = None,
) -> web.Application:
    """The console, to be mounted with `app.add_subapp("/staff", console)`.

    `secret` keys the sign-in form's CSRF token (at least 16 bytes); `clock` returns an aware
    "now" (tests); accounts live in the desk's case database (`python -m tools.create_staff`);
    `conversations` says where Rasa's API is (without it, transcripts and replies are unavailable);
    `state` keeps sessions and failed sign-ins (bot.shared_state's, by default); `proxies` are
    the proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES, by default).
    """
    if not isinstance(secret, bytes) or len(secret) < MIN_SECRET_BYTES:
        raise ValueError(f"the console secret must be at least {MIN_SECRET_BYTES} bytes")
    app = web.Application(client_max_size=64 * 1024, middlewares=[staff_only])
    app[DESK_KEY] = desk
    app[TEMPLATES_KEY] = console_templates(desk.calendar.tz, desk.charter)
    app[SECRET_KEY] = secret
    app[CLOCK_KEY] = clock or (lambda: datetime.now(timezone.utc))
    app[ACCOUNTS_KEY] = StaffAccounts(desk.cases.engine)
    state = state if state is not None else shared_state()
    app[SESSIONS_KEY] = StaffSessions(state)
    app[THROTTLE_KEY] = LoginThrottle(state)
    app[PROXIES_KEY] = tuple(proxies if proxies is not None else trusted_proxies())
    app[CONVERSATIONS_CONFIG_KEY] = conversations or ConversationsConfig("http://127.0.0.1:5005", None)
    app.on_startup.append(open_conversations)
    app.on_cleanup.append(close_conversations)
    app.on_response_prepare.append(security_headers)
    app.router.add_get("/", cases_list, name="index")
    app.router.add_get("/cases", cases_list, name="cases")
    app.router.add_get("/cases/{reference}", case_page, name="case")
    app.router.add_post("/cases/{reference}/progress", progress, name="progress")
    app.router.add_post("/cases/{reference}/complete", complete, name="complete")
    app.router.add_post("/cases/{reference}/on-the-way", on_the_way, name="on_the_way")
    app.router.add_post(
        r"/cases/{reference}/complaint/{step:acknowledge|extend|respond|escalate}",
        complaint_step,
        name="complaint_step",
    )
    app.router.add_get(PHOTO_ROUTE, photo, name="photo")
    app.router.add_get("/handoffs", handoff_queue, name="handoffs")
    app.router.add_get(r"/handoffs/{handoff_id:\d{1,12}}", handoff_page, name="handoff")
    app.router.add_post(r"/handoffs/{handoff_id:\d{1,12}}/take", take_handoff, name="take_handoff")
    app.router.add_post(r"/handoffs/{handoff_id:\d{1,12}}/reply", reply_to_tenant, name="reply")
    app.router.add_post(r"/handoffs/{handoff_id:\d{1,12}}/hand-back", hand_back, name="hand_back")
    app.router.add_post(r"/handoffs/{handoff_id:\d{1,12}}/close", close_handoff, name="close_handoff")
    app.router.add_post(r"/handoffs/{handoff_id:\d{1,12}}/release", release_handoff, name="release_handoff")
    app.router.add_get(r"/api/handoffs/{handoff_id:\d{1,12}}/transcript", api_transcript, name="api_transcript")
    app.router.add_get("/report", report, name="report")
    app.router.add_get("/api/cases", api_cases, name="api_cases")
    sign_in = app.router.add_resource("/login", name="login")
    sign_in.add_route("GET", login_form)
    sign_in.add_route("POST", login)
    app.router.add_post("/logout", logout, name="logout")
    app.router.add_static("/static/", STATIC_DIR, name="static")
    add_visit_routes(app)
    return app
