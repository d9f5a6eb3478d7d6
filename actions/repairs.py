"""Repair reports: ask what is wrong only if the tenant has not said, then log the case."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import services
from bot.triage import description_to_keep
from bot.charter import RepairPriority
from bot.intake import log_repair
from bot.working_days import describe_due


# The reply for each priority the form can reach; every name is a response in domain.yml.
LOGGED_RESPONSES = {
    RepairPriority.EMERGENCY: "utter_repair_logged_emergency",
    RepairPriority.ROUTINE: "utter_repair_logged_routine",
}


class ValidateRepairForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_repair_form"

    def validate_repair_description(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[Text, Any]:
        already_asked = tracker.get_slot("requested_slot") == "repair_description"
        return {"repair_description": description_to_keep(slot_value, already_asked)}


class ActionSubmitRepair(Action):
    def name(self) -> Text:
        return "action_submit_repair"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        emergency = tracker.get_slot("repair_is_emergency") is True
        priority = RepairPriority.EMERGENCY if emergency else RepairPriority.ROUTINE
        now = services.now()
        receipt = log_repair(
            services.desk(), priority, tracker.get_slot("repair_description") or "",
            tracker.sender_id, now,
        )
        deadline = receipt.deadlines["repair"]
        dispatcher.utter_message(
            response=LOGGED_RESPONSES[priority],
            reference=receipt.reference,
            within=str(deadline.promise.within),
            due=describe_due(deadline.due, now),
        )
        return [SlotSet("repair_description", None), SlotSet("repair_is_emergency", None)]
