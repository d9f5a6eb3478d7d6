"""Rasa's SQL tracker store, made to wait out a database restart instead of forgetting.

Rasa wraps every tracker store in a fail-safe that, when a read fails, carries on with an
empty in-memory tracker: during a PostgreSQL restart a tenant half way through reporting a
repair would be greeted as a stranger, and their report lost. This store retries a read or a
save that failed for a lost connection, for up to bot.database.OUTAGE_SECONDS, so the turn is
only late. `make run-scaled` (bot.launcher) configures it for PostgreSQL:

    tracker_store:
      type: bot.rasa.tracker_store.ResilientSQLTrackerStore
      dialect: postgresql
      url: 127.0.0.1
      ...
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Optional, Text, TypeVar

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.trackers import DialogueStateTracker

from bot.database import OUTAGE_SECONDS, RETRY_EVERY_SECONDS, is_disconnect

logger = logging.getLogger(__name__)
T = TypeVar("T")


class ResilientSQLTrackerStore(SQLTrackerStore):
    async def _retrying(self, operation: Callable[[], Awaitable[T]]) -> T:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + OUTAGE_SECONDS
        while True:
            try:
                return await operation()
            except Exception as error:  # noqa: BLE001 - only lost connections are retried
                if not is_disconnect(error) or loop.time() > deadline:
                    raise
                logger.warning("the tracker store lost its database connection; trying again")
                await asyncio.sleep(RETRY_EVERY_SECONDS)

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        return await self._retrying(lambda: super(ResilientSQLTrackerStore, self).retrieve(sender_id))

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        return await self._retrying(
            lambda: super(ResilientSQLTrackerStore, self).retrieve_full_tracker(conversation_id)
        )

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self._retrying(lambda: super(ResilientSQLTrackerStore, self).save(tracker))

    async def keys(self) -> Any:
        return await self._retrying(lambda: super(ResilientSQLTrackerStore, self).keys())
