"""Rasa's SQL tracker store, made to wait out a database restart instead of forgetting, and to
keep each conversation in memory between turns instead of rebuilding it every message.

Waiting out a restart: Rasa wraps every tracker store in a fail-safe that, when a read fails,
carries on with an empty in-memory tracker: during a PostgreSQL restart a tenant half way
through reporting a repair would be greeted as a stranger, and their report lost. This store
retries a read or a save that failed for a lost connection, for up to
bot.database.OUTAGE_SECONDS, so the turn is only late.

Keeping conversations: Rasa reads every event of the session back from the database and replays
it into a new tracker at the start of each turn, and counts the stored events again before each
save; under load that was a quarter of the Rasa server's time (bench/README.md), and it grows
with the conversation. Here the tracker a turn saved is kept (up to TRACKERS_KEPT of them) and
handed to the next turn when the database shows nothing newer: one query for the newest event's
id instead of the session's events. Another replica's turn, a failed turn (a tracker changed but
never saved) or a new session since make that check fail, and the database is read as before.

`make run` and `make run-scaled` (tools/launcher/, through bot/rasa/endpoints.py) configure it, with SQLite or
PostgreSQL:

    tracker_store:
      type: bot.rasa.tracker_store.ResilientSQLTrackerStore
      dialect: postgresql
      url: 127.0.0.1
      ...
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import weakref
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from rasa.shared.core.trackers import DialogueStateTracker

from bot.database import OUTAGE_SECONDS, RETRY_EVERY_SECONDS, is_disconnect
from bot.limits import TRACKERS_KEPT

logger = logging.getLogger(__name__)
T = TypeVar("T")


@dataclass
class _Kept:
    """A saved tracker, as it was when saved, and the id of the newest event its save stored."""

    tracker: DialogueStateTracker
    events: int
    newest_event_id: Optional[int]


@dataclass
class _HandedOut:
    """What a read gave a turn: the tracker, and how many of its events the database holds."""

    tracker: "weakref.ref[DialogueStateTracker]"
    stored: int


class ResilientSQLTrackerStore(SQLTrackerStore):
    def __init__(self, *args: Any, trackers_kept: int = TRACKERS_KEPT, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._trackers_kept = trackers_kept
        self._kept: "OrderedDict[str, _Kept]" = OrderedDict()
        self._handed_out: "OrderedDict[str, _HandedOut]" = OrderedDict()

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
        tracker = await self._retrying(lambda: self._kept_tracker(sender_id))
        if tracker is None:
            tracker = await self._retrying(lambda: super(ResilientSQLTrackerStore, self).retrieve(sender_id))
        if tracker is not None:
            self._handed_out[sender_id] = _HandedOut(weakref.ref(tracker), len(tracker.events))
            while len(self._handed_out) > self._trackers_kept:  # reads that no save followed
                self._handed_out.popitem(last=False)
        return tracker

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        return await self._retrying(
            lambda: super(ResilientSQLTrackerStore, self).retrieve_full_tracker(conversation_id)
        )

    async def save(self, tracker: DialogueStateTracker) -> None:
        sender_id = tracker.sender_id
        self._kept.pop(sender_id, None)
        handed_out = self._handed_out.get(sender_id)
        if handed_out is None or handed_out.tracker() is not tracker:
            await self._retrying(lambda: super(ResilientSQLTrackerStore, self).save(tracker))
            self._handed_out.pop(sender_id, None)
            return
        await self.stream_events(tracker)  # as Rasa's save does, to an event broker if there is one
        new_events = list(itertools.islice(tracker.events, handed_out.stored, None))
        newest = await self._retrying(lambda: self._append(sender_id, new_events))
        self._handed_out.pop(sender_id, None)
        if not any(isinstance(event, SessionStarted) for event in new_events):
            self._keep(tracker, newest)

    async def keys(self) -> Any:
        return await self._retrying(lambda: super(ResilientSQLTrackerStore, self).keys())

    async def _kept_tracker(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        """The tracker the last save kept, if nothing changed it since: handed out once, so that
        two readers never share one tracker (the next save keeps it again)."""
        kept = self._kept.pop(sender_id, None)
        if kept is None or len(kept.tracker.events) != kept.events:
            return None
        if self._newest_event_id(sender_id) != kept.newest_event_id:
            return None
        return kept.tracker

    async def _append(self, sender_id: Text, events: List[Event]) -> Optional[int]:
        """Stores the turn's events (those after what the read found: under the conversation's
        lock nothing else stores events meanwhile) in one statement, as Rasa's save would store
        them; returns the newest event id."""
        rows = [self._row(sender_id, event) for event in events]
        with self.engine.begin() as connection:
            if rows:
                connection.execute(sa.insert(self.SQLEvent.__table__), rows)
            return connection.execute(self._newest_event_query(sender_id)).scalar()

    @staticmethod
    def _row(sender_id: Text, event: Event) -> Dict[str, Any]:
        data = event.as_dict()
        return {
            "sender_id": sender_id,
            "type_name": event.type_name,
            "timestamp": data.get("timestamp"),
            "intent_name": ((data.get("parse_data") or {}).get("intent") or {}).get(INTENT_NAME_KEY),
            "action_name": data.get("name"),
            "data": json.dumps(data),
        }

    def _keep(self, tracker: DialogueStateTracker, newest_event_id: Optional[int]) -> None:
        self._kept[tracker.sender_id] = _Kept(tracker, len(tracker.events), newest_event_id)
        while len(self._kept) > self._trackers_kept:
            self._kept.popitem(last=False)

    def _newest_event_query(self, sender_id: Text) -> Any:
        return sa.select(sa.func.max(self.SQLEvent.id)).where(self.SQLEvent.sender_id == sender_id)

    def _newest_event_id(self, sender_id: Text) -> Optional[int]:
        with self.engine.connect() as connection:
            return connection.execute(self._newest_event_query(sender_id)).scalar()
