"""Session start: copies the charter's facts into slots that everyday answers quote."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, EventType, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import services
from bot.replies import charter_facts


class ActionSessionStart(Action):
    def name(self) -> Text:
        return "action_session_start"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        facts = charter_facts(services.desk().charter)
        return [
            SessionStarted(),
            *[SlotSet(name, value) for name, value in facts.items()],
            ActionExecuted("action_listen"),
        ]
