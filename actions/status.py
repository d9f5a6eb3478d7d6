"""A tenant asks about a case: one reference at a time, a few a day, and told only what
bot.lookups allows (the person who opened it hears everything; someone with only its postcode
hears no ASB or domestic abuse case)."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from actions.tenant import given, identity_of
from bot import services
from bot.answers import postcode_in
from bot.cases import references_in
from bot.lookups import LookupLimits, Purpose, may_disclose
from bot.replies import case_status


class ActionCaseStatus(Action):
    def name(self) -> Text:
        return "action_case_status"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        desk, now = services.desk(), services.now()
        text = (tracker.latest_message or {}).get("text") or ""
        references = references_in(text)
        postcode = postcode_in(text) or given(tracker.get_slot("home_postcode"))
        if not references:
            dispatcher.utter_message(response="utter_ask_case_reference")
            return []
        limits = LookupLimits(desk.cases.engine)
        if not limits.allowed(tracker.sender_id, postcode, now):
            dispatcher.utter_message(response="utter_case_lookup_limit")
            return []
        reference = references[0]
        found = desk.cases.find_for(reference, tracker.sender_id, identity=identity_of(tracker), postcode=postcode)
        limits.record(tracker.sender_id, postcode, found, now)
        if not may_disclose(found, Purpose.STATUS):
            # The same words whether the case is someone else's, of a kind not told by postcode,
            # or does not exist.
            dispatcher.utter_message(response="utter_case_not_found")
        else:
            reply = case_status(found.case, desk.calendar, now)
            dispatcher.utter_message(response=reply.response, **reply.values)
        if len(set(references)) > 1:
            dispatcher.utter_message(response="utter_case_one_at_a_time", reference=reference)
        return []
