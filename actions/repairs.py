"""Repair reports: ask only what the tenant has not said, then log the case and say when."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import services
from bot.charter import RepairPriority
from bot.intake import log_repair
from bot.replies import repair_logged
from bot.triage import (
    description_to_keep,
    mentions_vulnerability,
    more_urgent,
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
        said = RepairPriority(tracker.get_slot("repair_priority") or RepairPriority.ROUTINE.value)
        if tracker.get_slot("repair_leak_stopped") is False:
            said = more_urgent(said, RepairPriority.URGENT)  # a leak the tenant cannot stop
        at_risk = tracker.get_slot("repair_is_emergency") is True
        # A "yes, someone is at risk" makes a repair an emergency; damp and mould that put
        # health at serious risk become an Awaab's Law emergency hazard instead.
        emergency_hazard = at_risk and said is RepairPriority.DAMP_MOULD
        priority = said if emergency_hazard or not at_risk else more_urgent(said, RepairPriority.EMERGENCY)
        description = tracker.get_slot("repair_description") or ""
        vulnerable = tracker.get_slot("household_vulnerable")
        if mentions_vulnerability(description):
            vulnerable = True
        receipt = log_repair(
            desk, priority, description, tracker.sender_id, now,
            emergency_hazard=emergency_hazard, vulnerable_household=vulnerable,
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
