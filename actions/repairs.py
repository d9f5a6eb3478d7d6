"""Repair reports: ask only what the tenant has not said, then log the case and say when."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import services
from bot.intake import log_repair
from bot.replies import repair_logged
from bot.taxonomy import Category
from bot.triage import (
    RepairAnswers,
    classification_of_report,
    description_to_keep,
    triage_questions_answered,
)


class ValidateRepairForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_repair_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        unasked = triage_questions_answered(
            tracker.get_slot("repair_priority"), tracker.get_slot("repair_description") or ""
        )
        return [slot for slot in domain_slots if slot not in unasked]

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
        desk, now = services.desk(), services.now()
        description = tracker.get_slot("repair_description") or ""
        answers = RepairAnswers(
            priority=tracker.get_slot("repair_priority"),
            leak_stopped=tracker.get_slot("repair_leak_stopped"),
            at_risk=tracker.get_slot("repair_is_emergency"),
            vulnerable=tracker.get_slot("household_vulnerable"),
        )
        priority, emergency_hazard = answers.priority_and_hazard()
        vulnerable = answers.household_vulnerable(description)
        receipt = log_repair(
            desk, priority, description, tracker.sender_id, now,
            emergency_hazard=emergency_hazard, vulnerable_household=vulnerable,
            classified=classification_of_report(tracker.events, Category.REPAIR),
        )
        for reply in repair_logged(receipt, priority, emergency_hazard, desk.calendar, now):
            dispatcher.utter_message(response=reply.response, **reply.values)
        if vulnerable:
            dispatcher.utter_message(response="utter_vulnerability_noted")
        return [
            SlotSet("repair_description", None),
            SlotSet("repair_priority", None),
            SlotSet("repair_is_emergency", None),
            SlotSet("repair_leak_stopped", None),
            SlotSet("household_vulnerable", None),
        ]
