"""The first reply to a person in danger: the right numbers, then the repair if there is one."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.handoff import hand_to_a_person
from actions.tenant import NOT_GIVEN, given, reporter_of
from bot import services
from bot.answers import says_nothing
from bot.charter import RepairPriority
from bot.handoff import HandoffReason
from bot.intake import log_domestic_abuse, log_repair
from bot.replies import repair_logged, safety_numbers
from bot.triage import SafetySignal, safety_of_intent
from bot.working_days import describe_due

SAFETY_RESPONSES = {
    SafetySignal.GAS: "utter_safety_gas",
    SafetySignal.FIRE_OR_DANGER: "utter_safety_fire_or_danger",
    SafetySignal.DOMESTIC_ABUSE: "utter_safety_domestic_abuse",
    SafetySignal.SELF_HARM: "utter_safety_self_harm",
}


class ActionSafetyFirst(Action):
    def name(self) -> Text:
        return "action_safety_first"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        desk, now = services.desk(), services.now()
        message = tracker.latest_message or {}
        triage = message.get("triage") or {}
        signals = [SafetySignal(s) for s in triage.get("all_safety") or []]
        if not signals:  # a button payload such as /report_gas_leak skips the NLU pipeline
            signal = safety_of_intent((message.get("intent") or {}).get("name"))
            signals = [signal] if signal else []
        numbers = safety_numbers(desk.charter)
        for signal in signals:
            dispatcher.utter_message(response=SAFETY_RESPONSES[signal], **numbers)
        if triage.get("category") == "repair" and triage.get("priority"):
            priority = RepairPriority(triage["priority"])
            receipt = log_repair(
                desk,
                priority,
                message.get("text") or "",
                reporter_of(tracker),
                now,
                classified={**triage, "message_id": message.get("message_id")},
            )
            for reply in repair_logged(receipt, priority, False, desk.calendar, now):
                dispatcher.utter_message(response=reply.response, **reply.values)
        if signals and signals != [SafetySignal.DOMESTIC_ABUSE]:
            # A person takes over; domestic abuse is handed over once the safe contact is known.
            return hand_to_a_person(dispatcher, tracker, HandoffReason.SAFETY)
        return []


class ValidateDomesticAbuseForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_domestic_abuse_form"

    def validate_safe_contact(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[Text, Any]:
        text = slot_value.strip() if isinstance(slot_value, str) else ""
        if not text or says_nothing(text):
            return {"safe_contact": NOT_GIVEN}
        return {"safe_contact": text[:500]}


def disclosure(events: List[Dict[str, Any]]) -> str:
    """The tenant's own words about the abuse: the latest message triage flagged as such."""
    for event in reversed(events):
        if event.get("event") != "user":
            continue
        parsed = event.get("parse_data") or {}
        flagged = SafetySignal.DOMESTIC_ABUSE.value in ((parsed.get("triage") or {}).get("all_safety") or [])
        if flagged or (parsed.get("intent") or {}).get("name") == "report_domestic_abuse":
            return event.get("text") or ""
    return ""


class ActionSubmitDomesticAbuse(Action):
    """Its own case, never an ASB report, contacted only in the way the tenant said is safe."""

    def name(self) -> Text:
        return "action_submit_domestic_abuse"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        desk, now = services.desk(), services.now()
        safe_contact = given(tracker.get_slot("safe_contact"))
        receipt = log_domestic_abuse(
            desk,
            disclosure(tracker.events),
            safe_contact or "none: the tenant will call us",
            reporter_of(tracker),
            now,
            classified={"intent": "report_domestic_abuse"},
        )
        numbers = safety_numbers(desk.charter)
        if safe_contact is None:
            dispatcher.utter_message(
                response="utter_domestic_abuse_logged_no_contact", reference=receipt.reference, **numbers
            )
        else:
            contact = receipt.deadlines["contact"]
            dispatcher.utter_message(
                response="utter_domestic_abuse_logged",
                reference=receipt.reference,
                safe_contact=safe_contact,
                within=str(contact.promise.within),
                due=describe_due(contact.due, now),
                **numbers,
            )
        return [
            SlotSet("safe_contact", None),
            *hand_to_a_person(dispatcher, tracker, HandoffReason.DOMESTIC_ABUSE, tell=False),
        ]
