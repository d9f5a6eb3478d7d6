"""A message with nothing in it ("", spaces, a line separator) is not understood, rather than a
failed turn.

A message with no tokens has none of the features the others have, and a classifier compiled
for their structure refuses it (DIET, when the pipeline had it, made the tenant hear "could not
answer just now": tests/e2e/test_hostile_input.py). Such a message is read here, without the NLU graph, as
`nlu_fallback`, which the dialogue already answers: inside a form it is an answer that cannot
be read, elsewhere the choice of areas.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Text

import rasa
from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.trackers import DialogueStateTracker

WRITTEN_FOR = "3.6."
ORIGINAL: Callable[..., Dict[Text, Any]] = MessageProcessor._parse_message_with_graph
NOT_UNDERSTOOD = {"name": "nlu_fallback", "confidence": 1.0}


def is_blank(text: Any) -> bool:
    """Nothing a tenant could have meant: no character that is not space or control."""
    return isinstance(text, str) and not any(ch.isprintable() and not ch.isspace() for ch in text)


def parse_message_with_graph(
    self: MessageProcessor, message: UserMessage, tracker: DialogueStateTracker, only_output_properties: bool = True
) -> Dict[Text, Any]:
    if not is_blank(message.text):
        return ORIGINAL(self, message, tracker, only_output_properties)
    return {
        "text": message.text,
        "intent": dict(NOT_UNDERSTOOD),
        "entities": [],
        "intent_ranking": [dict(NOT_UNDERSTOOD)],
        "message_id": message.message_id,
        "metadata": message.metadata or {},
    }


def apply() -> None:
    """Idempotent; on a Rasa other than the one it was written for it does nothing."""
    if not rasa.__version__.startswith(WRITTEN_FOR):
        return
    if MessageProcessor._parse_message_with_graph is ORIGINAL:
        MessageProcessor._parse_message_with_graph = parse_message_with_graph  # type: ignore[assignment]
