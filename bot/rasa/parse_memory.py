"""A message read before is not read again: Rasa's NLU result for the same words, remembered.

Our NLU pipeline is a function of the message's words alone (tokens, count vectors, the
fine-tuned sentence encoder, the logistic regression on it, the deterministic rules), and
tenants answer the bot's questions in the same few words again and again: "yes", "no", "no
thanks", "kitchen", "bathroom". Reading one costs a few milliseconds of the Rasa server's time
(mostly the encoder). Here the last PARSES_REMEMBERED results are kept per loaded model (a new
model starts afresh), keyed by the exact text; a result that carries anything of the message
but its words (its id, its metadata) is not kept. Texts longer than REMEMBER_UP_TO_CHARS are read every time: a report in a tenant's own words
is seldom sent twice.

It wraps `MessageProcessor.parse_message`, whose result is what the turn uses; a result from
memory skips only Rasa's warning about intents the domain lacks, given when the words were first
read. An HTTP interpreter (NLU on another server) is always asked.

Applied by our server entry point (bot.rasa.server.apply_patches); idempotent; on a Rasa other than the one it
was written for it does nothing.
"""

from __future__ import annotations

import copy
import weakref
from collections import OrderedDict
from typing import Any, Awaitable, Callable, Dict, Optional, Text

import rasa
from rasa.core.channels.channel import UserMessage
from rasa.core.processor import MessageProcessor
from rasa.shared.core.trackers import DialogueStateTracker

WRITTEN_FOR = "3.6."
PARSES_REMEMBERED = 5000
REMEMBER_UP_TO_CHARS = 120
PER_MESSAGE = ("message_id", "metadata")  # in a result, these came from the message, not its words

_by_model: "weakref.WeakKeyDictionary[MessageProcessor, OrderedDict]" = weakref.WeakKeyDictionary()


def remembering(read: Callable[..., Awaitable[Dict[Text, Any]]]) -> Callable[..., Awaitable[Dict[Text, Any]]]:
    async def parse_message(
        self: MessageProcessor,
        message: UserMessage,
        tracker: Optional[DialogueStateTracker] = None,
        only_output_properties: bool = True,
    ) -> Dict[Text, Any]:
        text = message.text
        if not isinstance(text, str) or len(text) > REMEMBER_UP_TO_CHARS or self.http_interpreter:
            return await read(self, message, tracker, only_output_properties)
        remembered = _by_model.setdefault(self, OrderedDict())
        key = (text, only_output_properties)
        if key in remembered:
            remembered.move_to_end(key)
            return copy.deepcopy(remembered[key])
        parsed = await read(self, message, tracker, only_output_properties)
        if not any(field in parsed for field in PER_MESSAGE):  # nothing of this message but its words
            remembered[key] = copy.deepcopy(parsed)
            while len(remembered) > PARSES_REMEMBERED:
                remembered.popitem(last=False)
        return parsed

    return parse_message


ORIGINAL = MessageProcessor.parse_message
REMEMBERING = remembering(ORIGINAL)


def apply() -> None:
    if not rasa.__version__.startswith(WRITTEN_FOR):
        return
    if MessageProcessor.parse_message is ORIGINAL:
        MessageProcessor.parse_message = REMEMBERING  # type: ignore[assignment]
