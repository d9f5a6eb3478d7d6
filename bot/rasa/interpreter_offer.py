"""The domain's responses, with an interpreter offered to a tenant who writes in another language.

A message in Polish or Urdu is read by the rules for what it needs (bot/rules/other_languages.py),
and the reply gives the right number, but in English. So the first reply to a message written in
another language (bot.rules.other_languages.language_of) also offers an interpreter, in English
naming the language and, where the domain has one, in that language: once in a conversation, in
whichever response comes first that turn, whatever action sent it. Every response a custom action
sends by name comes through the generator too, so this is the one place that sees them all.

Set in endpoints.yml: `nlg: type: bot.rasa.interpreter_offer.InterpreterOfferingGenerator`.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Dict, Optional, Text, Tuple

from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rules.other_languages import language_of

OFFER = "utter_interpreter_offer"
# The turns already given the offer, remembered so that the second response of the same turn (which
# the tracker does not hold yet) does not repeat it.
REMEMBER_TURNS = 10_000


def offer_in(language: str) -> str:
    """The response holding the offer in the language itself."""
    return f"{OFFER}_in_{language.lower()}"


class InterpreterOfferingGenerator(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Any = None, domain: Optional[Domain] = None, **kwargs: Any) -> None:
        super().__init__((domain or Domain.empty()).responses)
        self._turns_offered: "OrderedDict[Tuple[str, Optional[str]], bool]" = OrderedDict()

    async def generate(
        self, utter_action: Text, tracker: DialogueStateTracker, output_channel: Text, **kwargs: Any
    ) -> Optional[Dict[Text, Any]]:
        response = await super().generate(utter_action, tracker, output_channel, **kwargs)
        if not response or not response.get("text") or utter_action.startswith(OFFER):
            return response
        offer = await self._offer(tracker, output_channel)
        return {**response, "text": f"{response['text']}\n\n{offer}"} if offer else response

    async def _offer(self, tracker: DialogueStateTracker, output_channel: Text) -> Optional[str]:
        """The offer for this turn, or None: the message is in English, or the offer was made."""
        message = tracker.latest_message
        language = language_of(message.text or "") if message else None
        if language is None or OFFER not in self.responses:
            return None
        turn = (tracker.sender_id, message.message_id if message else None)
        if turn in self._turns_offered:
            return None
        english = await super().generate(OFFER, tracker, output_channel, language=language)
        if not english or _already_offered(tracker, english.get("text") or ""):
            return None
        self._remember(turn)
        native = await super().generate(offer_in(language), tracker, output_channel, language=language)
        return "\n".join(part["text"] for part in (english, native) if part and part.get("text"))

    def _remember(self, turn: Tuple[str, Optional[str]]) -> None:
        self._turns_offered[turn] = True
        while len(self._turns_offered) > REMEMBER_TURNS:
            self._turns_offered.popitem(last=False)


def _already_offered(tracker: DialogueStateTracker, offer: str) -> bool:
    return any(isinstance(event, BotUttered) and offer in (event.text or "") for event in tracker.events)
