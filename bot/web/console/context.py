"""What every part of the console shares: its settings, the keys under which the application
keeps its services (its templates among them), and the small helpers every handler uses
(pages, cookies, redirects)."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, Optional

from aiohttp import web
from jinja2 import Environment

from bot.web.console.accounts import StaffAccounts
from bot.web.console.sessions import LoginThrottle, StaffSessions
from bot.rasa.conversations import Conversations
from bot.settings import secure_cookies
from bot.intake import Desk


STATIC_DIR = Path(__file__).resolve().parent / "static"
SESSION_COOKIE = "staff_session"
LOGIN_COOKIE = "staff_login"
NOTICE_COOKIE = "staff_notice"
# What the page after a form says was done (a success banner after POST-redirect-GET). The
# cookie carries only one of these names, never words of its own, so nothing can be injected.
NOTICES = {
    "progress": "Progress recorded in the case's history.",
    "completed": "The case is marked as completed.",
    "told": "Recorded. The tenant's update is listed under Updates to the tenant.",
    "taken": "You have taken this conversation.",
    "released": "The conversation is back in the queue for the team.",
    "replied": "Your message was sent to the tenant.",
    "handed_back": "The conversation is handed back to the assistant, which has told the tenant.",
    "closed": "The conversation is closed; the assistant has told the tenant.",
    "visit_booked": "The visit is booked. The tenant is sent the time where their channel allows.",
    "visit_cancelled": "The visit is cancelled. The tenant is not sent a message about it: let them know.",
}
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
TEMPLATES_KEY = web.AppKey("console_templates", Environment)  # bot.web.console.pages.console_templates
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


def now_of(request: web.Request) -> datetime:
    """The current moment in the landlord's zone, from the test's clock when one was given."""
    return request.app[CLOCK_KEY]().astimezone(request.app[DESK_KEY].calendar.tz)


def prefix_of(request: web.Request) -> str:
    """Where the console is mounted ("/staff"), or "" when it is the whole application."""
    return request.app.router["index"].url_for().path.rstrip("/")


def urls_of(request: web.Request) -> Dict[str, str]:
    router = request.app.router
    return {
        "index": router["index"].url_for().path,
        "handoffs": router["handoffs"].url_for().path,
        "report": router["report"].url_for().path,
        "login": router["login"].url_for().path,
        "logout": router["logout"].url_for().path,
        "css": router["static"].url_for(filename="console.css").path,
        "conversation_js": router["static"].url_for(filename="conversation.js").path,
        "api_handoffs": f"{prefix_of(request)}/api/handoffs",
    }


def html_page(
    request: web.Request,
    template: str,
    *,
    status: int = 200,
    headers: Optional[Dict[str, str]] = None,
    **values: Any,
) -> web.Response:
    """The page `template` (in templates/) with `values`, and what every page's frame needs: the
    console's URLs and who is signed in (None on the sign-in page)."""
    page = request.app[TEMPLATES_KEY].get_template(template)
    notice = NOTICES.get(request.cookies.get(NOTICE_COOKIE, "")) if request.get(STAFF) else None
    body = page.render(values, urls=urls_of(request), staff=request.get(STAFF), notice=notice)
    response = web.Response(text=body, status=status, content_type="text/html", charset="utf-8", headers=headers)
    if NOTICE_COOKIE in request.cookies:
        delete_cookie(request, response, NOTICE_COOKIE)  # said once: a reload does not say it again
    return response


def redirect_to(location: str) -> web.Response:
    """303: after a POST the browser fetches the next page with GET, so a refresh cannot resend it."""
    return web.Response(status=303, headers={"Location": location})


def redirect_with_notice(request: web.Request, location: str, notice: str) -> web.Response:
    """Redirect after a form that worked, and have the next page say so (one of NOTICES)."""
    if notice not in NOTICES:
        raise ValueError(notice)
    response = redirect_to(location)
    set_cookie(request, response, NOTICE_COOKIE, notice)
    return response


def set_cookie(request: web.Request, response: web.Response, name: str, value: str) -> None:
    """HttpOnly (no script may read it), SameSite=Strict (never sent from another site), scoped to
    the console's path, and Secure when the console is served over HTTPS."""
    response.set_cookie(
        name,
        value,
        path=prefix_of(request) or "/",
        httponly=True,
        samesite="Strict",
        secure=secure_cookies("console"),
    )


def delete_cookie(request: web.Request, response: web.Response, name: str) -> None:
    response.del_cookie(name, path=prefix_of(request) or "/")


def login_csrf(secret: bytes, nonce: str) -> str:
    """The sign-in form's CSRF token: a keyed hash of the random value in the sign-in cookie, so
    another site can neither read nor forge it (there is no session yet to keep a token in)."""
    return hmac.new(secret, b"console-login:" + nonce.encode(), hashlib.sha256).hexdigest()


def forbidden(request: web.Request) -> web.Response:
    message = "This form has expired or did not come from the console. Go back, reload the page and try again."
    return html_page(request, "message.html", status=403, title="Not allowed", message=message)
