"""Sending replies to a provider's API: retried with backoff, logged, never raised into a turn.

A reply that cannot be delivered is not lost silently: each failed attempt is logged as a
warning and the final failure as an error, naming the channel and the conversation (never
the words). The turn itself carries on; the tenant's message is already recorded.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Mapping, Optional

from aiohttp import BasicAuth, ClientError, ClientSession, ClientTimeout

logger = logging.getLogger(__name__)

Sleep = Callable[[float], Awaitable[None]]


@dataclass
class Outbox:
    """One provider's outgoing messages. The session is made on first use, inside the server's
    event loop, never at import."""

    channel: str
    attempts: int = 4
    first_delay: float = 0.5
    timeout: float = 15.0
    sleep: Sleep = asyncio.sleep
    _session: Optional[ClientSession] = None

    async def post(
        self,
        url: str,
        conversation: str,
        *,
        data: Optional[Mapping[str, Any]] = None,
        json: Optional[Mapping[str, Any]] = None,
        params: Optional[Mapping[str, str]] = None,
        auth: Optional[BasicAuth] = None,
    ) -> bool:
        """POST until the provider accepts it or the attempts run out; True when accepted.

        Retried: connection failures, timeouts, 429 and 5xx. Not retried: other 4xx, which
        will not succeed however often they are sent.
        """
        delay = self.first_delay
        for attempt in range(1, self.attempts + 1):
            problem = await self._attempt(url, data=data, json=json, params=params, auth=auth)
            if problem is None:
                return True
            final = attempt == self.attempts or not problem.startswith("retry:")
            if final:
                logger.error(
                    "%s: reply to %s not delivered after %d attempt(s): %s",
                    self.channel,
                    conversation,
                    attempt,
                    problem,
                )
                return False
            logger.warning("%s: reply to %s failed (%s); retrying in %.1fs", self.channel, conversation, problem, delay)
            await self.sleep(delay)
            delay *= 2
        return False  # pragma: no cover - the loop always returns

    async def _attempt(self, url: str, **request: Any) -> Optional[str]:
        try:
            async with self._client().post(url, **{k: v for k, v in request.items() if v is not None}) as response:
                if response.status < 300:
                    return None
                kind = "retry" if response.status == 429 or response.status >= 500 else "refused"
                return f"{kind}: HTTP {response.status}"
        except (ClientError, asyncio.TimeoutError) as error:
            return f"retry: {type(error).__name__}"

    def _client(self) -> ClientSession:
        if self._session is None or self._session.closed:
            self._session = ClientSession(timeout=ClientTimeout(total=self.timeout))
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
