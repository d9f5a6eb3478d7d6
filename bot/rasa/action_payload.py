"""The action server is sent the conversation's recent events, not all of them.

Rasa sends the action server the whole tracker with every call: every event of the
conversation, each tenant message with its parse data. A profile of a 320 message conversation
(bench/README.md) put most of the action server's time in reading that JSON, and the cost grew
with every message. Our actions read only the recent past: the last thing the assistant said,
what ran since the tenant last spoke, the messages of the report in hand (back to the last report
logged), the latest disclosure. Here the call carries the last ACTION_SERVER_EVENTS events (some
sixty turns, several reports' worth); slots, the latest message, the active form and everything
else the tracker's state holds are sent in full, as Rasa sends them.

Applied by our server entry point (bot.rasa.server.apply_patches); idempotent; on a Rasa other
than the one it was written for it does nothing.
"""

from __future__ import annotations

import itertools
from typing import Any, Dict, Text

import rasa
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from bot.limits import ACTION_SERVER_EVENTS

WRITTEN_FOR = "3.6."
ORIGINAL = RemoteAction._action_call_format


def recent_events(tracker: DialogueStateTracker, count: int = ACTION_SERVER_EVENTS) -> list:
    events = tracker.events
    return [event.as_dict() for event in itertools.islice(events, max(0, len(events) - count), None)]


def action_call_format(self: RemoteAction, tracker: DialogueStateTracker, domain: Domain) -> Dict[Text, Any]:
    if len(tracker.events) <= ACTION_SERVER_EVENTS:
        return ORIGINAL(self, tracker, domain)
    state = tracker.current_state(EventVerbosity.NONE)
    state["events"] = recent_events(tracker)
    return ORIGINAL(self, _Stated(tracker, state), domain)  # Rasa's own format otherwise


class _Stated:
    """The tracker as Rasa's own formatter sees it, with the state already made."""

    def __init__(self, tracker: DialogueStateTracker, state: Dict[Text, Any]) -> None:
        self._tracker, self._state = tracker, state

    def current_state(self, verbosity: EventVerbosity = EventVerbosity.NONE) -> Dict[Text, Any]:
        return self._state

    def __getattr__(self, name: str) -> Any:
        return getattr(self._tracker, name)


def apply() -> None:
    if not rasa.__version__.startswith(WRITTEN_FOR):
        return
    RemoteAction._action_call_format = action_call_format  # type: ignore[assignment]
