"""Signed-in sessions and the brake on password guessing, both held in this process's memory.

A session is a random id in a cookie; everything else (who it is, its CSRF token, when it was
last used) stays on the server, so a cookie cannot be edited into someone else's session and
signing out really ends it. A restart signs everyone out, which for a single console process
is the safe way to fail.
"""

from __future__ import annotations

import secrets
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Deque, Dict, Iterable, Optional, Sequence

IDLE_EXPIRY = timedelta(hours=8)
FAILURE_WINDOW = timedelta(minutes=15)
MAX_FAILURES = 5


@dataclass
class StaffSession:
    """One signed-in browser: the id in its cookie, the member of staff and their CSRF token."""

    id: str
    username: str
    csrf_token: str
    last_seen: datetime


class StaffSessions:
    """The sessions of signed-in staff; one unused for `idle_expiry` is forgotten."""

    def __init__(self, idle_expiry: timedelta = IDLE_EXPIRY) -> None:
        self._idle_expiry = idle_expiry
        self._sessions: Dict[str, StaffSession] = {}

    def start(self, username: str, now: datetime) -> StaffSession:
        """A new session with fresh random values: a session id is never reused across a
        sign-in, so an id planted in a browser before it signs in is worth nothing."""
        self._forget_idle(now)
        session = StaffSession(secrets.token_urlsafe(32), username, secrets.token_urlsafe(32), now)
        self._sessions[session.id] = session
        return session

    def get(self, session_id: Optional[str], now: datetime) -> Optional[StaffSession]:
        """The live session for a cookie value, its idle clock restarted; None when unknown or expired."""
        if not session_id:
            return None
        session = self._sessions.get(session_id)
        if session is None:
            return None
        if now - session.last_seen > self._idle_expiry:
            del self._sessions[session_id]
            return None
        session.last_seen = now
        return session

    def end(self, session_id: Optional[str]) -> None:
        """Sign out: the cookie's id no longer opens anything."""
        if session_id:
            self._sessions.pop(session_id, None)

    def end_all_for(self, username: str) -> None:
        """Every session of one member of staff (an account disabled while signed in)."""
        for session_id in [s.id for s in self._sessions.values() if s.username == username]:
            del self._sessions[session_id]

    def _forget_idle(self, now: datetime) -> None:
        expired = [s.id for s in self._sessions.values() if now - s.last_seen > self._idle_expiry]
        for session_id in expired:
            del self._sessions[session_id]


@dataclass
class LoginThrottle:
    """Counts failed sign-ins per username and per client address over a sliding window.

    Once either has `max_failures` in `window`, every attempt is refused before any password
    is checked, the right one included, until the oldest failure leaves the window. Counting
    per username stops a slow guess at one account from many addresses; per address, a guess
    at many accounts from one.
    """

    max_failures: int = MAX_FAILURES
    window: timedelta = FAILURE_WINDOW
    _failures: Dict[str, Deque[datetime]] = field(default_factory=dict)

    def blocked(self, keys: Iterable[str], now: datetime) -> bool:
        """Whether any of the keys has used up its failures."""
        return any(len(self._recent(key, now)) >= self.max_failures for key in keys)

    def attempt(self, keys: Sequence[str], now: datetime) -> bool:
        """False if any key is blocked; else count this attempt as a failure until it is shown
        to be a success. Counting before the (slow, awaited) password check means attempts
        sent in parallel cannot all slip in under the limit."""
        if self.blocked(keys, now):
            return False
        self._prune(now)
        for key in keys:
            self._failures.setdefault(key, deque()).append(now)
        return True

    def succeeded(self, username_key: str, other_keys: Iterable[str], attempted_at: datetime) -> None:
        """A correct password: clear the username's count, and take back this attempt from the
        others (an address's earlier failures still stand)."""
        self._failures.pop(username_key, None)
        for key in other_keys:
            failures = self._failures.get(key)
            if failures and attempted_at in failures:
                failures.remove(attempted_at)

    def _recent(self, key: str, now: datetime) -> Deque[datetime]:
        """The key's failures still inside the window, oldest first."""
        failures = self._failures.get(key)
        if failures is None:
            return deque()
        while failures and now - failures[0] >= self.window:
            failures.popleft()
        return failures

    def _prune(self, now: datetime) -> None:
        """Forget keys with no failure left in the window, so memory follows recent failures."""
        for key in [key for key in self._failures if not self._recent(key, now)]:
            del self._failures[key]
