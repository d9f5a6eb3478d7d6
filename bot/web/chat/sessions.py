"""The chat's session tokens: which conversation a browser is in, signed by this server.

A token is `<conversation id>.<issued, Unix seconds>.<HMAC-SHA256 of both>`. It is good for
`LIFETIME` from when it was issued, however busy the conversation, and until the tenant leaves
by the quick exit. Leaving records the conversation as ended (in the shared state, so every
process and a restart with the same secret agree) for as long as its token could still be
valid: a cookie or token that survives in the browser, or is copied, opens nothing afterwards.
This is what keeps a domestic abuse conversation from being carried on by whoever is next at
the screen.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from typing import Callable, Optional

from bot.shared_state import SharedState

LIFETIME_SECONDS = 12 * 60 * 60
ENDED_PREFIX = "chat-ended:"


def _digest(payload: str, secret: bytes) -> str:
    return hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()


def sign(conversation_id: str, secret: bytes, issued: Optional[int] = None) -> str:
    """A token for the conversation, issued now unless `issued` says when."""
    payload = f"{conversation_id}.{int(time.time()) if issued is None else issued}"
    return f"{payload}.{_digest(payload, secret)}"


def _parts(token: Optional[str], secret: bytes) -> Optional[tuple]:
    """(conversation id, issued) of a token this server signed, or None."""
    if not token or token.count(".") != 2:
        return None
    conversation_id, issued, digest = token.split(".")
    if not issued.isdigit() or len(issued) > 12:
        return None
    if not hmac.compare_digest(_digest(f"{conversation_id}.{issued}", secret), digest):
        return None
    return conversation_id, int(issued)


class ChatSessions:
    """Issues, checks and ends the chat's tokens."""

    def __init__(
        self,
        secret: bytes,
        state: SharedState,
        clock: Callable[[], float] = time.time,
        lifetime: int = LIFETIME_SECONDS,
    ) -> None:
        self.secret = secret
        self._state = state
        self._clock = clock
        self._lifetime = lifetime

    def issue(self, conversation_id: str) -> str:
        return sign(conversation_id, self.secret, int(self._clock()))

    def conversation(self, token: Optional[str]) -> Optional[str]:
        """The conversation a token opens: signed here, not expired, not ended; else None."""
        parts = _parts(token, self.secret)
        if parts is None:
            return None
        conversation_id, issued = parts
        age = self._clock() - issued
        if age < -60 or age > self._lifetime:  # a minute's grace for clocks a little apart
            return None
        if self._state.get(ENDED_PREFIX + conversation_id) is not None:
            return None
        return conversation_id

    def end(self, token: Optional[str]) -> Optional[str]:
        """End the token's conversation for good; the conversation id, or None if the token
        opened nothing anyway."""
        conversation_id = self.conversation(token)
        if conversation_id is not None:
            self._state.put(ENDED_PREFIX + conversation_id, "quick-exit", self._lifetime + 120)
        return conversation_id
