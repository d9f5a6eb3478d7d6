"""Complaints: logged at stage 1 the moment the tenant makes one, with every date."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import services
from bot.taxonomy import Category
from bot.triage import classification_of_report, description_to_keep
from bot.intake import log_complaint
from bot.working_days import describe_due


class ValidateComplaintForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_complaint_form"

    def validate_complaint_description(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[Text, Any]:
        already_asked = tracker.get_slot("requested_slot") == "complaint_description"
        return {"complaint_description": description_to_keep(slot_value, already_asked)}


class ActionSubmitComplaint(Action):
    def name(self) -> Text:
        return "action_submit_complaint"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        desk = services.desk()
        now = services.now()
        receipt = log_complaint(
            desk, tracker.get_slot("complaint_description") or "", tracker.sender_id, now,
            classified=classification_of_report(tracker.events, Category.COMPLAINT),
        )
        quoted = {
            f"{name}_within": str(deadline.promise.within)
            for name, deadline in receipt.deadlines.items()
        }
        quoted.update(
            {f"{name}_due": describe_due(deadline.due, now)
             for name, deadline in receipt.deadlines.items()}
        )
        dispatcher.utter_message(
            response="utter_complaint_logged",
            reference=receipt.reference,
            ombudsman_phone=desk.charter.emergency_numbers.housing_ombudsman.number,
            **quoted,
        )
        return [SlotSet("complaint_description", None)]
