"""Repair reports: ask only what the tenant has not said, confirm, then log the case and say when."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.handoff import hand_to_a_person
from actions.tenant import (
    DescribedInTheirWords,
    offer_second_problem,
    NOT_GIVEN,
    TenantDetailsValidation,
    given,
    how_it_was_read,
    latest_words,
    read_answer,
    reporter_of,
    requested,
    sender_phone,
    unhappy_during_report,
)
from bot import services
from bot.answers import (
    describes_extra_care,
    leak_stopped,
    location_in,
    needs_extra_care,
    only_yes,
    place_named,
    someone_at_risk,
    yes_or_no,
)
from bot.charter import RepairPriority
from bot.handoff import HandoffReason
from bot.intake import log_repair
from bot.replies import repair_acknowledged, repair_logged
from bot.taxonomy import Category
from bot.triage import RepairAnswers, RepairQuestion, triage_questions_answered

# Slots of one repair report, cleared once it is logged or the tenant starts again.
REPORT_SLOTS = (
    "repair_description",
    "repair_location",
    "repair_access",
    "repair_confirmed",
    "report_acknowledged",
    "reasked",
)


def _yes_no(value: Any) -> Any:
    """A yes or no answer; "not given" (or nothing yet) is neither."""
    return value if isinstance(value, bool) else None


def answers_so_far(tracker: Tracker) -> RepairAnswers:
    return RepairAnswers(
        priority=tracker.get_slot("repair_priority"),
        leak_stopped=_yes_no(tracker.get_slot("repair_leak_stopped")),
        at_risk=_yes_no(tracker.get_slot("repair_is_emergency")),
        vulnerable=_yes_no(tracker.get_slot("household_vulnerable")),
    )


# Which of the form's slots asks each of triage's questions.
SLOT_ASKING: Dict[RepairQuestion, Text] = {
    RepairQuestion.LEAK_STOPPED: "repair_leak_stopped",
    RepairQuestion.IS_EMERGENCY: "repair_is_emergency",
    RepairQuestion.HOUSEHOLD_VULNERABLE: "household_vulnerable",
}


class ValidateRepairForm(DescribedInTheirWords, TenantDetailsValidation, FormValidationAction):
    """The repair report's questions, each read from the tenant's words (bot/answers.py)."""

    description_slot = "repair_description"

    def name(self) -> Text:
        return "validate_repair_form"

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        priority = tracker.get_slot("repair_priority")
        answered = triage_questions_answered(priority, tracker.get_slot("repair_description") or "")
        skipped = {SLOT_ASKING[question] for question in answered}
        if answers_so_far(tracker).same_day():
            skipped.add("repair_access")  # we come today; there is no visit to plan
        if sender_phone(tracker):
            skipped.add("contact_phone")
        return [slot for slot in domain_slots if slot not in skipped]

    def acknowledgement(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
        priority = tracker.get_slot("repair_priority")
        if not priority or not tracker.get_slot("repair_description"):
            return False
        charter = services.desk().charter
        for reply in repair_acknowledged(charter, RepairPriority(priority), tracker.get_slot("repair_description")):
            dispatcher.utter_message(response=reply.response, **reply.values)
        return True

    async def extract_repair_location(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if tracker.get_slot("repair_location") is None:
            where = location_in(latest_words(tracker)) or location_in(tracker.get_slot("repair_description"))
            if where:
                return {"repair_location": where, "reasked": None}
        return read_answer("repair_location", place_named, dispatcher, tracker)

    async def extract_repair_leak_stopped(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return read_answer("repair_leak_stopped", leak_stopped, dispatcher, tracker)

    async def extract_repair_is_emergency(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return read_answer("repair_is_emergency", someone_at_risk, dispatcher, tracker)

    async def extract_household_vulnerable(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if tracker.get_slot("household_vulnerable") is not True and describes_extra_care(latest_words(tracker)):
            # Told at any point; a plain "yes" is only an answer to this question.
            return {
                "household_vulnerable": True,
                **({"reasked": None} if requested(tracker, "household_vulnerable") else {}),
            }
        return read_answer("household_vulnerable", needs_extra_care, dispatcher, tracker)

    async def extract_repair_access(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if (
            requested(tracker, "repair_access")
            and only_yes(latest_words(tracker))
            and tracker.get_slot("reasked") != "repair_access"
        ):
            return {"reasked": "repair_access"}  # "yes": then what should we know? asked once
        return read_answer("repair_access", lambda text: None, dispatcher, tracker, keep_anything=True)

    async def extract_repair_confirmed(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        found = read_answer("repair_confirmed", yes_or_no, dispatcher, tracker, nothing_is_an_answer=False)
        if found.get("repair_confirmed") is False:
            dispatcher.utter_message(response="utter_repair_not_confirmed")
            return {slot: None for slot in REPORT_SLOTS}
        if found.get("repair_confirmed") == NOT_GIVEN:
            # Read back twice without a clear answer: the details stand, and it is logged.
            return {**found, "repair_confirmed": True}
        return found


class ActionAskRepairConfirmed(Action):
    """Reads the report back before it is logged, so a mistake is caught by the tenant."""

    def name(self) -> Text:
        return "action_ask_repair_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if tracker.get_slot("reasked") == "repair_confirmed":
            dispatcher.utter_message(response="utter_reask_repair_confirmed")
            return []
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

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        desk, now = services.desk(), services.now()
        description = tracker.get_slot("repair_description") or ""
        answers = answers_so_far(tracker)
        priority, emergency_hazard = answers.priority_and_hazard()
        vulnerable = answers.household_vulnerable(description)
        receipt = log_repair(
            desk,
            priority,
            description,
            reporter_of(tracker),
            now,
            emergency_hazard=emergency_hazard,
            vulnerable_household=vulnerable,
            classified=how_it_was_read(tracker, Category.REPAIR),
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
            SlotSet("report_acknowledged", None),
            SlotSet("reasked", None),
            SlotSet("repair_is_emergency", None),
            SlotSet("repair_leak_stopped", None),
            SlotSet("household_vulnerable", None),
        ]
        out_of_hours_emergency = (
            priority is RepairPriority.EMERGENCY or emergency_hazard
        ) and desk.calendar.is_out_of_hours(now)
        if out_of_hours_emergency and unhappy_during_report(tracker):
            # "...and I want compensation": the complaint is offered before the bot steps aside.
            return events + [
                SlotSet("handover_after_complaint", HandoffReason.OUT_OF_HOURS_EMERGENCY.value),
                FollowupAction("utter_offer_complaint"),
            ]
        if out_of_hours_emergency:
            # The out-of-hours service has it, as the reply said; the bot steps aside.
            return events + hand_to_a_person(dispatcher, tracker, HandoffReason.OUT_OF_HOURS_EMERGENCY, tell=False)
        if unhappy_during_report(tracker):
            events.append(FollowupAction("utter_offer_complaint"))
            return events
        return events + offer_second_problem(dispatcher, tracker, "repair")
