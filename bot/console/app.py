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

import asyncio
import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Callable, Dict, Mapping, Optional, Tuple

from aiohttp import web

from bot.cases import CaseKind, CaseStatus
from bot.console import pages
from bot.console.accounts import MAX_PASSWORD_CHARS, StaffAccount, StaffAccounts, normalise_username
from bot.console.records import (
    MAX_NOTE_CHARS,
    group_by_deadline,
    open_cases,
    record_progress,
    record_view,
    target_figures,
)
from bot.console.roles import CASE_KINDS, StaffRole, may_see_case, may_see_handoff
from bot.console.sessions import LoginThrottle, StaffSession, StaffSessions
from bot.rasa.conversations import Conversations, ConversationsUnavailable
from bot.handoff import Handoff, Handoffs, HandoffStatus
from bot.settings import Networks, address_in, secure_cookies, trusted_proxies
from bot.shared_state import SharedState, shared_state
from bot.intake import Desk
from bot.report import build_report, format_report, period_problem

logger = logging.getLogger(__name__)

Clock = Callable[[], datetime]

STATIC_DIR = Path(__file__).resolve().parent / "static"
SESSION_COOKIE = "staff_session"
LOGIN_COOKIE = "staff_login"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
PUBLIC_ROUTES = frozenset({"login", "static"})
GENERIC_LOGIN_FAILURE = "The username or password is not right, or the account cannot sign in."
THROTTLED = (
    "Too many failed sign-in attempts. Sign-in is paused for {minutes} for this account on this "
    "computer; try again after that, or ask a console administrator to reset your password."
)
MIN_SECRET_BYTES = 16

DESK_KEY = web.AppKey("console_desk", Desk)
SECRET_KEY = web.AppKey("console_secret", bytes)
CLOCK_KEY = web.AppKey("console_clock", object)
ACCOUNTS_KEY = web.AppKey("console_accounts", StaffAccounts)
SESSIONS_KEY = web.AppKey("console_sessions", StaffSessions)
THROTTLE_KEY = web.AppKey("console_throttle", LoginThrottle)
CONVERSATIONS_CONFIG_KEY = web.AppKey("console_conversations_config", object)
CONVERSATIONS_KEY = web.AppKey("console_conversations", Conversations)
PROXIES_KEY = web.AppKey("console_trusted_proxies", tuple)
STAFF = "console.staff"  # the request's StaffSession, set by the middleware
ACCOUNT = "console.account"  # and the signed-in StaffAccount, read afresh on every request

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "script-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


# --- small helpers ---------------------------------------------------------------------------


def _now(request: web.Request) -> datetime:
    """The current moment in the landlord's zone, from the test's clock when one was given."""
    return request.app[CLOCK_KEY]().astimezone(request.app[DESK_KEY].calendar.tz)


def _prefix(request: web.Request) -> str:
    """Where the console is mounted ("/staff"), or "" when it is the whole application."""
    return request.app.router["index"].url_for().path.rstrip("/")


def _urls(request: web.Request) -> Dict[str, str]:
    router = request.app.router
    return {
        "index": router["index"].url_for().path,
        "handoffs": router["handoffs"].url_for().path,
        "report": router["report"].url_for().path,
        "login": router["login"].url_for().path,
        "logout": router["logout"].url_for().path,
        "css": router["static"].url_for(filename="console.css").path,
        "conversation_js": router["static"].url_for(filename="conversation.js").path,
        "api_handoffs": f"{_prefix(request)}/api/handoffs",
    }


def _chrome(request: web.Request) -> pages.Chrome:
    return pages.Chrome(_urls(request), request.app[DESK_KEY].calendar.tz, request.get(STAFF))


def _html(body: str, status: int = 200, headers: Optional[Dict[str, str]] = None) -> web.Response:
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8", headers=headers)


def _redirect(location: str) -> web.Response:
    """303: after a POST the browser fetches the next page with GET, so a refresh cannot resend it."""
    return web.Response(status=303, headers={"Location": location})


def _set_cookie(request: web.Request, response: web.Response, name: str, value: str) -> None:
    """HttpOnly (no script may read it), SameSite=Strict (never sent from another site), scoped to
    the console's path, and Secure when the console is served over HTTPS."""
    response.set_cookie(
        name,
        value,
        path=_prefix(request) or "/",
        httponly=True,
        samesite="Strict",
        secure=secure_cookies("console"),
    )


def _delete_cookie(request: web.Request, response: web.Response, name: str) -> None:
    response.del_cookie(name, path=_prefix(request) or "/")


def _login_csrf(secret: bytes, nonce: str) -> str:
    """The sign-in form's CSRF token: a keyed hash of the random value in the sign-in cookie, so
    another site can neither read nor forge it (there is no session yet to keep a token in)."""
    return hmac.new(secret, b"console-login:" + nonce.encode(), hashlib.sha256).hexdigest()


def _forbidden(request: web.Request) -> web.Response:
    return _html(
        pages.message_page(
            _chrome(request),
            "Not allowed",
            "This form has expired or did not come from the console. Go back, reload the page and try again.",
        ),
        status=403,
    )


# --- the guard on every request ------------------------------------------------------------


def _current_staff(request: web.Request) -> Optional[Tuple[StaffSession, StaffAccount]]:
    """The signed-in session for this request's cookie and its account, if the session is live
    and the account still takes it: not disabled, and no password reset since it signed in."""
    app = request.app
    session = app[SESSIONS_KEY].get(request.cookies.get(SESSION_COOKIE), _now(request))
    if session is None:
        return None
    account = app[ACCOUNTS_KEY].find(session.username)
    if account is None or not account.accepts_session_from(session.started):
        app[SESSIONS_KEY].end(session.id)
        return None
    return session, account


def _role(request: web.Request) -> StaffRole:
    return request[ACCOUNT].role


def _refuse(request: web.Request, relative_path: str) -> web.Response:
    """No session: an API caller gets 401, a browser the sign-in page; neither gets any data."""
    if relative_path == "/api" or relative_path.startswith("/api/"):
        return web.json_response({"error": "Sign in to the staff console first."}, status=401)
    return _redirect(_urls(request)["login"])


async def _csrf_ok(request: web.Request, session: StaffSession) -> bool:
    """The form's token must be this session's, compared in constant time."""
    form = await request.post()
    sent = form.get(pages.CSRF_FIELD)
    return isinstance(sent, str) and hmac.compare_digest(sent.encode(), session.csrf_token.encode())


@web.middleware
async def staff_only(request: web.Request, handler: Callable) -> web.StreamResponse:
    """Let through the sign-in page and stylesheet; everything else needs a session, and a
    POST also its CSRF token (403, with nothing changed, if it is missing or wrong)."""
    prefix = _prefix(request)
    relative = request.path[len(prefix) :] if request.path.startswith(prefix) else request.path
    if relative == "":
        return _redirect(prefix + "/")
    if request.match_info.route.name in PUBLIC_ROUTES:
        return await handler(request)
    current = _current_staff(request)
    if current is None:
        return _refuse(request, relative)
    session, account = current
    request[STAFF], request[ACCOUNT] = session, account
    if request.method not in SAFE_METHODS and not await _csrf_ok(request, session):
        logger.warning("console POST without a valid CSRF token refused for %s", session.username)
        return _forbidden(request)
    return await handler(request)


@dataclass(frozen=True)
class ConversationsConfig:
    """Where Rasa's HTTP API is and its token (RASA_API_TOKEN): transcripts, staff replies and
    handing back all go through it."""

    rasa_url: str
    token: Optional[str]


async def _open_conversations(app: web.Application) -> None:
    config: ConversationsConfig = app[CONVERSATIONS_CONFIG_KEY]
    app[CONVERSATIONS_KEY] = Conversations(config.rasa_url, config.token, Conversations.session())


async def _close_conversations(app: web.Application) -> None:
    await app[CONVERSATIONS_KEY].close_session()


async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
    """On every console response, redirects and errors included: no framing (clickjacking), no
    script, no caching of case data and no referrer leaking a case reference to other sites."""
    response.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Cache-Control"] = "no-store"


# --- signing in and out ----------------------------------------------------------------------


async def login_form(request: web.Request) -> web.Response:
    """The sign-in page; someone already signed in goes straight to the cases."""
    if _current_staff(request) is not None:
        return _redirect(_urls(request)["index"])
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
    token = _login_csrf(request.app[SECRET_KEY], nonce)
    response = _html(pages.login_page(_chrome(request), token, error, username), status=status, headers=headers)
    _set_cookie(request, response, LOGIN_COOKIE, nonce)
    return response


def _login_csrf_ok(request: web.Request, sent: object) -> bool:
    nonce = request.cookies.get(LOGIN_COOKIE)
    if not nonce or not isinstance(sent, str):
        return False
    return hmac.compare_digest(sent.encode(), _login_csrf(request.app[SECRET_KEY], nonce).encode())


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
        return _forbidden(request)
    username = normalise_username(str(form.get("username", "")))[:64]
    password = str(form.get("password", ""))[:MAX_PASSWORD_CHARS]
    now, client = _now(request), _client_address(request)
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
    response = _redirect(_urls(request)["index"])
    _set_cookie(request, response, SESSION_COOKIE, session.id)
    _delete_cookie(request, response, LOGIN_COOKIE)
    return response


async def logout(request: web.Request) -> web.Response:
    """End the session on the server, so the cookie opens nothing even if it was copied."""
    request.app[SESSIONS_KEY].end(request[STAFF].id)
    logger.info("staff %s signed out of the console", request[STAFF].username)
    response = _redirect(_urls(request)["login"])
    _delete_cookie(request, response, SESSION_COOKIE)
    return response


# --- cases -------------------------------------------------------------------------------------


async def cases_list(request: web.Request) -> web.Response:
    """Open cases of the kinds this member of staff's team handles, in three groups: overdue,
    due today, upcoming."""
    desk, now = request.app[DESK_KEY], _now(request)
    groups = group_by_deadline(open_cases(desk.cases, CASE_KINDS[_role(request)]), now, desk.calendar.tz)
    return _html(pages.cases_page(_chrome(request), groups, now))


async def handoff_queue(request: web.Request) -> web.Response:
    """Conversations waiting for a person of this team: most urgent first, then longest waiting."""
    desk, role = request.app[DESK_KEY], _role(request)
    queue = [h for h in Handoffs(desk.cases.engine).queue() if may_see_handoff(role, h.reason)]
    return _html(pages.handoffs_page(_chrome(request), queue, _now(request)))


def _handoff(request: web.Request) -> Optional[Handoff]:
    """The handoff in the URL, or None, also when it is for another team: that is not found too,
    so a guessed number tells nothing."""
    handoff = Handoffs(request.app[DESK_KEY].cases.engine).get(int(request.match_info["handoff_id"]))
    if handoff is None or not may_see_handoff(_role(request), handoff.reason):
        return None
    return handoff


def _not_found(request: web.Request) -> web.Response:
    return _html(
        pages.message_page(_chrome(request), "Conversation not found", "There is no handoff with that number."),
        status=404,
    )


async def _transcript(request: web.Request, handoff: Handoff) -> Optional[list]:
    try:
        return await request.app[CONVERSATIONS_KEY].transcript(handoff.conversation_id)
    except ConversationsUnavailable:
        return None


async def _handoff_response(
    request: web.Request, handoff: Handoff, error: Optional[str] = None, status: int = 200
) -> web.Response:
    lines = await _transcript(request, handoff)
    return _html(pages.handoff_page(_chrome(request), handoff, lines, _now(request), error), status=status)


async def handoff_page(request: web.Request) -> web.Response:
    """One conversation: why it was handed over, what was said, and the forms to answer it."""
    handoff = _handoff(request)
    if handoff is None:
        return _not_found(request)
    return await _handoff_response(request, handoff)


async def api_transcript(request: web.Request) -> web.Response:
    """The transcript as JSON, for the conversation page to refresh itself while staff read it."""
    handoff = _handoff(request)
    if handoff is None:
        return web.json_response({"error": "No such handoff."}, status=404)
    lines = await _transcript(request, handoff)
    if lines is None:
        return web.json_response({"error": "The assistant could not be reached."}, status=503)
    tz = request.app[DESK_KEY].calendar.tz
    return web.json_response(
        {
            "status": handoff.status.value,
            "lines": [
                {
                    "speaker": line.speaker,
                    "who": pages.SPEAKERS[line.speaker] + (f" ({line.author})" if line.author else ""),
                    "when": pages.local_time(line.at, tz),
                    "text": line.text,
                }
                for line in lines
            ],
        }
    )


async def _acting_on(request: web.Request) -> Tuple[Optional[Handoff], Optional[web.Response]]:
    """The handoff a form acts on, or the response to send instead: 404 when there is none,
    409 with the page when it has already been handed back or closed, 403 when a colleague has
    taken it (it is theirs until they hand it over)."""
    handoff = _handoff(request)
    if handoff is None:
        return None, _not_found(request)
    if not handoff.active:
        return None, await _handoff_response(
            request, handoff, "This conversation has already been handed back or closed.", status=409
        )
    if handoff.staff and handoff.staff != request[STAFF].username:
        return None, await _handoff_response(
            request, handoff, f"{handoff.staff} has this conversation. Ask them to hand it over first.", status=403
        )
    return handoff, None


async def release_handoff(request: web.Request) -> web.Response:
    """Hand the conversation over: back in the queue for anyone on the team to take. The one who
    took it may, and so may an administrator (someone who has gone home cannot)."""
    handoff = _handoff(request)
    if handoff is None:
        return _not_found(request)
    me = request[STAFF].username
    if handoff.status is not HandoffStatus.WITH_STAFF or (
        handoff.staff != me and _role(request) is not StaffRole.ADMIN
    ):
        return await _handoff_response(
            request,
            handoff,
            "Only the person who has this conversation, or an administrator, can hand it over.",
            status=403,
        )
    Handoffs(request.app[DESK_KEY].cases.engine).release(handoff.conversation_id)
    logger.info("staff %s handed over handoff %s", me, handoff.id)
    return _redirect(pages.handoff_url(_chrome(request), handoff.id))


async def take_handoff(request: web.Request) -> web.Response:
    """The member of staff takes the conversation: it shows as theirs in the queue."""
    handoff, refused = await _acting_on(request)
    if refused is not None:
        return refused
    staff = request[STAFF].username
    Handoffs(request.app[DESK_KEY].cases.engine).take(handoff.conversation_id, staff)
    logger.info("staff %s took handoff %s", staff, handoff.id)
    return _redirect(pages.handoff_url(_chrome(request), handoff.id))


async def reply_to_tenant(request: web.Request) -> web.Response:
    """Send the member of staff's message on the tenant's channel; replying takes the
    conversation if nobody had. Nothing is recorded as sent unless Rasa accepted it."""
    handoff, refused = await _acting_on(request)
    if refused is not None:
        return refused
    text = (await request.post()).get("message", "")
    text = text.strip() if isinstance(text, str) else ""
    if not text or len(text) > pages.MAX_REPLY_CHARS:
        return await _handoff_response(
            request, handoff, f"Write a message of up to {pages.MAX_REPLY_CHARS} characters.", status=400
        )
    staff = request[STAFF].username
    handoffs = Handoffs(request.app[DESK_KEY].cases.engine)
    try:
        await request.app[CONVERSATIONS_KEY].send_from_staff(handoff.conversation_id, staff, text)
    except ConversationsUnavailable:
        return await _handoff_response(
            request,
            handoff,
            "The message was not sent: the assistant could not be reached. Try again in a moment.",
            status=503,
        )
    if handoff.status is HandoffStatus.WAITING:
        handoffs.take(handoff.conversation_id, staff)
    handoffs.record_message(handoff, staff, text, _now(request))
    logger.info("staff %s replied in handoff %s", staff, handoff.id)
    return _redirect(pages.handoff_url(_chrome(request), handoff.id) + "#reply-heading")


async def _end_handoff(request: web.Request, ending: HandoffStatus) -> web.Response:
    """Hand back or close: the record first, so a new session started on the way does not
    pause the conversation again; put back as it was if Rasa cannot be reached."""
    handoff, refused = await _acting_on(request)
    if refused is not None:
        return refused
    handoffs, now, staff = Handoffs(request.app[DESK_KEY].cases.engine), _now(request), request[STAFF].username
    conversations = request.app[CONVERSATIONS_KEY]
    if ending is HandoffStatus.HANDED_BACK:
        handoffs.hand_back(handoff.conversation_id, now)
        action = conversations.hand_back
    else:
        handoffs.close(handoff.conversation_id, now)
        action = conversations.close
    try:
        said = await action(handoff.conversation_id)
    except ConversationsUnavailable:
        handoffs.restore(handoff)
        return await _handoff_response(
            request,
            handoff,
            "Nothing was changed: the assistant could not be reached. Try again in a moment.",
            status=503,
        )
    for text in said:
        handoffs.record_message(handoff, None, text, now)
    logger.info("staff %s %s handoff %s", staff, ending.value.replace("_", " "), handoff.id)
    return _redirect(pages.handoff_url(_chrome(request), handoff.id))


async def hand_back(request: web.Request) -> web.Response:
    return await _end_handoff(request, HandoffStatus.HANDED_BACK)


async def close_handoff(request: web.Request) -> web.Response:
    return await _end_handoff(request, HandoffStatus.CLOSED)


async def api_cases(request: web.Request) -> web.Response:
    """The same list as JSON (references and dates only), for the handoff queue to come."""
    desk, now = request.app[DESK_KEY], _now(request)
    groups = group_by_deadline(open_cases(desk.cases, CASE_KINDS[_role(request)]), now, desk.calendar.tz)

    def rows(cases: Tuple) -> list:
        return [
            {
                "reference": c.reference,
                "kind": c.kind.value,
                "category": c.category,
                "status": c.status,
                "opened_at": c.opened_at.isoformat(),
                "due_at": c.due_at.isoformat(),
            }
            for c in cases
        ]

    return web.json_response(
        {
            "as_at": now.isoformat(),
            "overdue": rows(groups.overdue),
            "due_today": rows(groups.due_today),
            "upcoming": rows(groups.upcoming),
        }
    )


def _visible_case(request: web.Request, reference: str):
    """The case, if this member of staff's team may see it; None otherwise, exactly as for a
    reference with no case, so that guessing references tells nothing."""
    case = request.app[DESK_KEY].cases.find(reference)
    return case if case is not None and may_see_case(_role(request), case.kind) else None


def _case_not_found(request: web.Request) -> web.Response:
    return _html(
        pages.message_page(_chrome(request), "Case not found", "There is no case with that reference."), status=404
    )


def _case_response(
    request: web.Request, reference: str, error: Optional[str] = None, status: int = 200
) -> web.Response:
    """The case page, or 404 for a reference with no case (or none of this team's). Every
    showing of a domestic abuse case is recorded in its history: who, and when."""
    store = request.app[DESK_KEY].cases
    case = _visible_case(request, reference)
    if case is None:
        return _case_not_found(request)
    if case.kind is CaseKind.DOMESTIC_ABUSE:
        record_view(store, reference, _now(request), f"staff:{request[STAFF].username}")
    body = pages.case_page(
        _chrome(request),
        case,
        store.deadlines(reference),
        store.complaint_stages(reference),
        store.attachments(reference),
        store.events(reference),
        error,
    )
    return _html(body, status=status)


async def case_page(request: web.Request) -> web.Response:
    return _case_response(request, request.match_info["reference"])


def _note(form: Mapping[str, object]) -> str:
    """The note from a form, tidied; staff write it, but it is shown escaped all the same."""
    value = form.get("note", "")
    return value.strip() if isinstance(value, str) else ""


async def progress(request: web.Request) -> web.Response:
    """Add a note to the case's history under the member of staff's name."""
    reference, staff = request.match_info["reference"], request[STAFF]
    store = request.app[DESK_KEY].cases
    if _visible_case(request, reference) is None:
        return _case_not_found(request)
    note = _note(await request.post())
    if not note or len(note) > MAX_NOTE_CHARS:
        error = f"Write what was done or agreed (up to {MAX_NOTE_CHARS} characters)."
        return _case_response(request, reference, error, status=400)
    record_progress(store, reference, _now(request), f"staff:{staff.username}", note)
    logger.info("staff %s recorded progress on %s", staff.username, reference)
    return _redirect(pages.case_url(_chrome(request), reference) + "#history")


async def complete(request: web.Request) -> web.Response:
    """Mark the case completed now; the completion date is what the reports count."""
    reference, staff = request.match_info["reference"], request[STAFF]
    store = request.app[DESK_KEY].cases
    case = _visible_case(request, reference)
    if case is None:
        return _case_not_found(request)
    if case.status == CaseStatus.COMPLETED.value:
        # Completing again would move the completion date and change the reports.
        return _case_response(request, reference, "This case is already completed.", status=409)
    note = _note(await request.post())[:MAX_NOTE_CHARS]
    store.set_status(reference, CaseStatus.COMPLETED, _now(request), f"staff:{staff.username}", note or None)
    logger.info("staff %s completed %s", staff.username, reference)
    return _redirect(pages.case_url(_chrome(request), reference))


# --- report ------------------------------------------------------------------------------------


def _period(request: web.Request, today: date) -> Tuple[date, date, Optional[str]]:
    """The report's dates from the query, defaulting to this month so far; an error message if
    they are not dates or run backwards."""
    start_text = request.query.get("from") or today.replace(day=1).isoformat()
    end_text = request.query.get("to") or today.isoformat()
    try:
        start, end = date.fromisoformat(start_text), date.fromisoformat(end_text)
    except ValueError:
        return today.replace(day=1), today, "Give both dates in the form YYYY-MM-DD."
    return start, end, period_problem(start, end)


async def report(request: web.Request) -> web.Response:
    """The complaint and TSM figures for a period, and the chart of cases against their target."""
    desk, now = request.app[DESK_KEY], _now(request)
    start, end, error = _period(request, now.date())
    if error:
        return _html(pages.report_page(_chrome(request), start, end, None, [], error), status=400)
    tz = desk.calendar.tz
    text = format_report(build_report(desk.cases, start, end, tz, now=now))
    figures = target_figures(desk.cases, start, end, tz, now)
    return _html(pages.report_page(_chrome(request), start, end, text, figures))


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
    "now" (tests); accounts live in the desk's case database (`python -m bot.console.create_staff`);
    `conversations` says where Rasa's API is (without it, transcripts and replies are unavailable);
    `state` keeps sessions and failed sign-ins (bot.shared_state's, by default); `proxies` are
    the proxies whose X-Forwarded-For is believed (TRUSTED_PROXIES, by default).
    """
    if not isinstance(secret, bytes) or len(secret) < MIN_SECRET_BYTES:
        raise ValueError(f"the console secret must be at least {MIN_SECRET_BYTES} bytes")
    app = web.Application(client_max_size=64 * 1024, middlewares=[staff_only])
    app[DESK_KEY] = desk
    app[SECRET_KEY] = secret
    app[CLOCK_KEY] = clock or (lambda: datetime.now(timezone.utc))
    app[ACCOUNTS_KEY] = StaffAccounts(desk.cases.engine)
    state = state if state is not None else shared_state()
    app[SESSIONS_KEY] = StaffSessions(state)
    app[THROTTLE_KEY] = LoginThrottle(state)
    app[PROXIES_KEY] = tuple(proxies if proxies is not None else trusted_proxies())
    app[CONVERSATIONS_CONFIG_KEY] = conversations or ConversationsConfig("http://127.0.0.1:5005", None)
    app.on_startup.append(_open_conversations)
    app.on_cleanup.append(_close_conversations)
    app.on_response_prepare.append(_security_headers)
    app.router.add_get("/", cases_list, name="index")
    app.router.add_get("/cases", cases_list, name="cases")
    app.router.add_get("/cases/{reference}", case_page, name="case")
    app.router.add_post("/cases/{reference}/progress", progress, name="progress")
    app.router.add_post("/cases/{reference}/complete", complete, name="complete")
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
    return app
