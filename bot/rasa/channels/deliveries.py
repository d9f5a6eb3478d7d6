"""Remembering which deliveries have been handled, so a retried one makes no second turn.

Providers retry when they do not hear back quickly (Twilio by MessageSid, Messenger by mid),
and the chat page retries after a network failure. A retry must never open a second case.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import Any, Hashable, Optional, Tuple

from bot.shared_state import SharedState, state_from_environment

# Twilio retries within minutes, Messenger for up to a day.
REMEMBER_SECONDS = 24 * 60 * 60


class Deliveries:
    """The outcome of recent deliveries by their key, oldest forgotten first.

    `claim` says whether the caller is the first to see a delivery; a later caller in this
    process gets the first one's future, so it can wait for the same answer instead of making
    another turn. Every claim is also taken in the shared state (Redis with REDIS_URL), so a
    retry that a load balancer sends to another replica makes no second turn there either; that
    caller gets a future that holds None (no answer to give), as for a failed first attempt.
    """

    def __init__(self, remember: int = 10_000, state: Optional[SharedState] = None) -> None:
        self._outcomes: "OrderedDict[Hashable, asyncio.Future]" = OrderedDict()
        self._remember = remember
        self._state = state if state is not None else state_from_environment()

    @staticmethod
    def _shared_key(key: Hashable) -> str:
        parts = key if isinstance(key, tuple) else (key,)
        return "delivery:" + "|".join(str(part) for part in parts)

    def claim(self, key: Hashable) -> Tuple["asyncio.Future[Any]", bool]:
        """The future holding this delivery's outcome, and whether this caller must produce it."""
        if key in self._outcomes:
            self._outcomes.move_to_end(key)
            return self._outcomes[key], False
        future: "asyncio.Future[Any]" = asyncio.get_running_loop().create_future()
        if not self._state.claim(self._shared_key(key), REMEMBER_SECONDS):
            future.set_result(None)  # another process has it: nothing to answer from here
            return future, False
        self._outcomes[key] = future
        while len(self._outcomes) > self._remember:
            self._outcomes.popitem(last=False)
        return future, True

    def done(self, key: Hashable, outcome: Any = True) -> None:
        future = self._outcomes.get(key)
        if future is not None and not future.done():
            future.set_result(outcome)

    def failed(self, key: Hashable) -> None:
        """The first attempt got nowhere: waiting retries are told so (None), and a later
        retry is handled afresh."""
        future: Optional[asyncio.Future] = self._outcomes.pop(key, None)
        self._state.delete(self._shared_key(key))
        if future is not None and not future.done():
            future.set_result(None)
