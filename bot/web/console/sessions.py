"""Signed-in sessions and the brake on password guessing, in the shared state
(bot.shared_state: this process's memory by default, Redis with REDIS_URL), so that with
several web servers a session works whichever answers, and a guesser gets no extra tries per
server.

A session is a random id in a cookie; everything else (who it is, its CSRF token, when it
started and was last used) stays on the server, so a cookie cannot be edited into someone
else's session and signing out really ends it. A session ends after `IDLE_EXPIRY` unused, and
`ABSOLUTE_EXPIRY` after sign-in however busy, so a stolen cookie is not good for ever.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from typing import Optional, Sequence

from bot.shared_state import SharedState

IDLE_EXPIRY = timedelta(hours=8)
ABSOLUTE_EXPIRY = timedelta(hours=12)
SESSION_PREFIX = "console-session:"


@dataclass
class StaffSession:
    """One signed-in browser: the id in its cookie, the member of staff and their CSRF token."""

    id: str
    username: str
    csrf_token: str
    started: datetime
    last_seen: datetime


def _stamp(moment: datetime) -> float:
    return moment.timestamp()


class StaffSessions:
    """The sessions of signed-in staff."""

    def __init__(
        self, state: SharedState, idle_expiry: timedelta = IDLE_EXPIRY, absolute_expiry: timedelta = ABSOLUTE_EXPIRY
    ) -> None:
        self._state = state
        self._idle_expiry = idle_expiry
        self._absolute_expiry = absolute_expiry

    def start(self, username: str, now: datetime) -> StaffSession:
        """A new session with fresh random values: a session id is never reused across a
        sign-in, so an id planted in a browser before it signs in is worth nothing."""
        session = StaffSession(secrets.token_urlsafe(32), username, secrets.token_urlsafe(32), now, now)
        self._save(session)
        return session

    def get(self, session_id: Optional[str], now: datetime) -> Optional[StaffSession]:
        """The live session for a cookie value, its idle clock restarted; None when unknown or expired."""
        if not session_id or len(session_id) > 64:
            return None
        stored = self._state.get(SESSION_PREFIX + session_id)
        if stored is None:
            return None
        fields = json.loads(stored)
        session = StaffSession(
            fields["id"],
            fields["username"],
            fields["csrf_token"],
            datetime.fromtimestamp(fields["started"], timezone.utc),
            datetime.fromtimestamp(fields["last_seen"], timezone.utc),
        )
        if now - session.last_seen > self._idle_expiry or now - session.started > self._absolute_expiry:
            self.end(session_id)
            return None
        session.last_seen = now
        self._save(session)
        return session

    def end(self, session_id: Optional[str]) -> None:
        """Sign out: the cookie's id no longer opens anything."""
        if session_id:
            self._state.delete(SESSION_PREFIX + session_id)

    def _save(self, session: StaffSession) -> None:
        fields = {**asdict(session), "started": _stamp(session.started), "last_seen": _stamp(session.last_seen)}
        # The stored copy outlives neither limit; the checks in `get` are what count.
        self._state.put(SESSION_PREFIX + session.id, json.dumps(fields), self._absolute_expiry.total_seconds())


# --- the brake on guessing ---------------------------------------------------------------------

MAX_FAILURES = 5  # for one account from one client, before it must wait
MAX_CLIENT_FAILURES = 20  # from one client, whatever names it tries (an office shares one address)
FAILURE_WINDOW = timedelta(hours=24)
FIRST_PAUSE = timedelta(minutes=15)
LONGEST_PAUSE = timedelta(hours=24)


@dataclass(frozen=True)
class Verdict:
    """Whether a sign-in may be tried now and, if not, for how long it must wait."""

    allowed: bool
    wait: timedelta = timedelta(0)


def pause_after(failures: int, limit: int) -> timedelta:
    """How long to wait after `failures`: nothing below the limit, then 15 minutes, doubling
    with every further failure, up to a day."""
    if failures < limit:
        return timedelta(0)
    return min(FIRST_PAUSE * (2 ** (failures - limit)), LONGEST_PAUSE)


class LoginThrottle:
    """Counts failed sign-ins per account *and client*, and per client, with back-off.

    Counting per account alone would let anyone lock a colleague out from everywhere with five
    wrong guesses; counting per address alone, behind a proxy, locked out everyone at once.
    Here a guesser at one account from one client waits longer and longer; the account's owner
    on their own computer is not affected; one client trying many names is held back as well.
    """

    def __init__(self, state: SharedState) -> None:
        self._state = state

    @staticmethod
    def _keys(username: str, client: str) -> Sequence[str]:
        return (f"login-failures:{username}|{client}", f"login-failures-client:{client}")

    def check(self, username: str, client: str, now: datetime) -> Verdict:
        wait = timedelta(0)
        for key, limit in zip(self._keys(username, client), (MAX_FAILURES, MAX_CLIENT_FAILURES)):
            failures = self._state.events(key, _stamp(now), FAILURE_WINDOW.total_seconds())
            if not failures:
                continue
            until = datetime.fromtimestamp(failures[-1], timezone.utc) + pause_after(len(failures), limit)
            wait = max(wait, until - now)
        return Verdict(wait <= timedelta(0), max(wait, timedelta(0)))

    def attempt(self, username: str, client: str, now: datetime) -> Optional[Sequence[str]]:
        """Count this attempt as a failure until it is shown to be a success: counting before the
        (slow, awaited) password check means attempts sent in parallel cannot all slip in under
        the limit. None if the attempt must wait; else the ids to take back on success."""
        if not self.check(username, client, now).allowed:
            return None
        window = FAILURE_WINDOW.total_seconds()
        return [self._state.add_event(key, _stamp(now), window) for key in self._keys(username, client)]

    def succeeded(self, username: str, client: str, attempt: Sequence[str]) -> None:
        """A correct password: this account's failures from this client are forgotten, and this
        attempt is taken back from the client's count (its earlier failures still stand)."""
        pair, client_key = self._keys(username, client)
        self._state.clear_events(pair)
        self._state.remove_event(client_key, attempt[1])
