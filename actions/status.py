"""A tenant asks about a case: they learn about it only from the channel identity that opened
it, or by giving the postcode on it."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.tenant import given, identity_of
from bot import services
from bot.answers import postcode_in
from bot.cases import references_in
from bot.replies import case_status


class ActionCaseStatus(Action):
    def name(self) -> Text:
        return "action_case_status"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
        desk, now = services.desk(), services.now()
        text = (tracker.latest_message or {}).get("text") or ""
        references = references_in(text)
        postcode = postcode_in(text) or given(tracker.get_slot("home_postcode"))
        if not references:
            dispatcher.utter_message(response="utter_ask_case_reference")
            return []
        for reference in references:
            case = desk.cases.find_for(reference, tracker.sender_id, identity=identity_of(tracker), postcode=postcode)
            if case is None:
                # The same words whether the case is someone else's or does not exist.
                dispatcher.utter_message(response="utter_case_not_found")
                continue
            reply = case_status(case, desk.calendar, now)
            dispatcher.utter_message(response=reply.response, **reply.values)
        return []
