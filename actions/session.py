"""Session start: copies the charter's facts into slots that everyday answers quote, and keeps
a conversation a person has taken over paused."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, ConversationPaused, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.handoff import still_with_a_person, typed_by_the_tenant
from bot import services
from bot.replies import charter_facts


class ActionSessionStart(Action):
    def name(self) -> Text:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        facts = charter_facts(services.desk().charter)
        events: List[EventType] = [
            SessionStarted(),
            *[SlotSet(name, value) for name, value in facts.items()],
            ActionExecuted("action_listen"),
        ]
        # A new session clears Rasa's pause: while a person has the conversation, pause it again.
        if still_with_a_person(tracker):
            return events + [ConversationPaused()]
        if typed_by_the_tenant(tracker, "session_start"):
            # "/session_start" typed in the chat: a fresh start, said, rather than silence.
            dispatcher.utter_message(response="utter_greet")
        return events
