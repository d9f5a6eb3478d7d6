"""Repair reports: ask only what the tenant has not said, confirm, then log the case and say when."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.handoff import hand_to_a_person
from actions.tenant import NOT_GIVEN, TenantDetailsValidation, given, reporter_of, sender_phone
from bot import services
from bot.answers import dissatisfaction_shown, location_in, says_nothing
from bot.charter import RepairPriority
from bot.handoff import HandoffReason
from bot.intake import log_repair
from bot.replies import repair_logged
from bot.taxonomy import Category
from bot.triage import (
    RepairAnswers,
    classification_of_report,
    description_to_keep,
    triage_questions_answered,
)

# The longest answer kept for a short question; the description itself is kept whole.
SHORT_ANSWER = 500
# Slots of one repair report, cleared once it is logged or the tenant starts again.
REPORT_SLOTS = ("repair_description", "repair_location", "repair_access", "repair_confirmed")


def answers_so_far(tracker: Tracker) -> RepairAnswers:
    return RepairAnswers(
        priority=tracker.get_slot("repair_priority"),
        leak_stopped=tracker.get_slot("repair_leak_stopped"),
        at_risk=tracker.get_slot("repair_is_emergency"),
        vulnerable=tracker.get_slot("household_vulnerable"),
    )


class ValidateRepairForm(TenantDetailsValidation, FormValidationAction):
    def name(self) -> Text:
        return "validate_repair_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        priority = tracker.get_slot("repair_priority")
        skipped = set(triage_questions_answered(priority, tracker.get_slot("repair_description") or ""))
        if answers_so_far(tracker).same_day():
            skipped.add("repair_access")  # we come today; there is no visit to plan
        if sender_phone(tracker):
            skipped.add("contact_phone")
        return [slot for slot in domain_slots if slot not in skipped]

    def validate_repair_description(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[Text, Any]:
        already_asked = tracker.get_slot("requested_slot") == "repair_description"
        description = description_to_keep(slot_value, already_asked)
        found = {"repair_description": description}
        where = location_in(description)
        if where and not tracker.get_slot("repair_location"):
            found["repair_location"] = where
        return found

    def validate_repair_location(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
    ) -> Dict[Text, Any]:
        text = slot_value.strip() if isinstance(slot_value, str) else ""
        return {"repair_location": (NOT_GIVEN if says_nothing(text) else text[:SHORT_ANSWER]) or None}

    def validate_repair_access(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
    ) -> Dict[Text, Any]:
        text = slot_value.strip() if isinstance(slot_value, str) else ""
        return {"repair_access": (NOT_GIVEN if says_nothing(text) else text[:SHORT_ANSWER]) or None}

    def validate_repair_confirmed(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
    ) -> Dict[Text, Any]:
        if slot_value is False:
            dispatcher.utter_message(response="utter_repair_not_confirmed")
            return {slot: None for slot in REPORT_SLOTS}
        return {"repair_confirmed": slot_value}


class ActionAskRepairConfirmed(Action):
    """Reads the report back before it is logged, so a mistake is caught by the tenant."""

    def name(self) -> Text:
        return "action_ask_repair_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        not_given = domain["responses"]["utter_not_given"][0]["text"]
        summary = {
            "description": tracker.get_slot("repair_description") or not_given,
            "location": given(tracker.get_slot("repair_location")) or not_given,
            "phone": reporter_of(tracker).contact_phone or not_given,
            "postcode": given(tracker.get_slot("home_postcode")) or not_given,
        }
        if answers_so_far(tracker).same_day():
            dispatcher.utter_message(response="utter_repair_summary_same_day", **summary)
        else:
            access = given(tracker.get_slot("repair_access")) or not_given
            dispatcher.utter_message(response="utter_repair_summary", access=access, **summary)
        return []


class ActionSubmitRepair(Action):
    def name(self) -> Text:
        return "action_submit_repair"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        desk, now = services.desk(), services.now()
        description = tracker.get_slot("repair_description") or ""
        answers = answers_so_far(tracker)
        priority, emergency_hazard = answers.priority_and_hazard()
        vulnerable = answers.household_vulnerable(description)
        receipt = log_repair(
            desk, priority, description, reporter_of(tracker), now,
            emergency_hazard=emergency_hazard, vulnerable_household=vulnerable,
            classified=classification_of_report(tracker.events, Category.REPAIR),
            location=given(tracker.get_slot("repair_location")),
            access=given(tracker.get_slot("repair_access")),
        )
        for reply in repair_logged(receipt, priority, emergency_hazard, desk.calendar, now):
            dispatcher.utter_message(response=reply.response, **reply.values)
        if vulnerable:
            dispatcher.utter_message(response="utter_vulnerability_noted")
        events: List[EventType] = [
            *[SlotSet(slot, None) for slot in REPORT_SLOTS],
            SlotSet("repair_priority", None),
            SlotSet("repair_is_emergency", None),
            SlotSet("repair_leak_stopped", None),
            SlotSet("household_vulnerable", None),
        ]
        if (priority is RepairPriority.EMERGENCY or emergency_hazard) and desk.calendar.is_out_of_hours(now):
            # The out-of-hours service has it, as the reply said; the bot steps aside.
            return events + hand_to_a_person(dispatcher, tracker, HandoffReason.OUT_OF_HOURS_EMERGENCY, tell=False)
        if dissatisfaction_shown(tracker.events):
            events.append(FollowupAction("utter_offer_complaint"))
        return events
