"""The first reply to a person in danger: the right numbers, then the repair if there is one."""

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.asb import ActionSubmitAsbReport, tell_asb_logged
from actions.complaints import ActionSubmitComplaint
from actions.handoff import hand_to_a_person
from actions.repairs import ActionSubmitRepair
from actions.tenant import NOT_GIVEN, given, reporter_of
from bot import services
from bot.answers import no_safe_way
from bot.charter import AsbRisk, RepairPriority
from bot.handoff import HandoffReason
from bot.intake import (
    Receipt,
    log_danger_from_neighbours,
    log_domestic_abuse,
    log_repair,
    log_securing_after_abuse,
)
from bot.rasa import events as rasa_events
from bot.replies import repair_logged, safety_numbers
from bot.rules import Finding
from bot.triage import SafetySignal, more_urgent, numbers_to_give, safety_of_intent
from bot.working_days import describe_due

# What the domestic abuse case and its repair record when the tenant gave no safe way to reach them.
NO_SAFE_CONTACT = "none: the tenant will call us"

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
        signals = list(numbers_to_give(triage, bool(tracker.get_slot("asb_description"))))
        if not signals:  # a button payload such as /report_gas_leak skips the NLU pipeline
            signal = safety_of_intent((message.get("intent") or {}).get("name"))
            signals = [signal] if signal else []
        numbers = safety_numbers(desk.charter)
        for signal in signals:
            dispatcher.utter_message(response=SAFETY_RESPONSES[signal], **numbers)
        text, classified = message.get("text") or "", {**triage, "message_id": message.get("message_id")}
        # A home an abuser left open is secured after the safe-contact question, not here with
        # the tenant's words and contact details (ActionSubmitDomesticAbuse).
        securing_after_abuse = SafetySignal.DOMESTIC_ABUSE in signals
        in_hand = tracker.get_slot("repair_description")
        if triage.get("category") == "repair" and triage.get("priority") and not securing_after_abuse and in_hand:
            # "the boiler wont light", then "theres a smell like rotten eggs near it": one visit, not
            # two cases. The repair in hand, logged below, takes the more urgent priority and the words.
            joined_to_the_repair_in_hand(tracker, RepairPriority(triage["priority"]), text)
        elif triage.get("category") == "repair" and triage.get("priority") and not securing_after_abuse:
            priority = RepairPriority(triage["priority"])
            # Nobody is asked about the household before a gas leak or a fire is logged, so what
            # the tenant said of it counts ("the baby is asleep upstairs").
            vulnerable = True if Finding.VULNERABLE.value in (triage.get("rules") or []) else None
            receipt = log_repair(
                desk, priority, text, reporter_of(tracker), now, vulnerable_household=vulnerable, classified=classified
            )
            for reply in repair_logged(receipt, priority, False, desk.calendar, now):
                dispatcher.utter_message(response=reply.response, **reply.values)
        # An ASB report already in hand is logged with everything it has (below), not twice.
        asb = (
            None
            if tracker.get_slot("asb_description")
            else log_danger_from_neighbours(desk, classified, text, reporter_of(tracker), now)
        )
        if asb is not None:
            tell_asb_logged(dispatcher, desk, asb, AsbRisk.HIGH, bool(triage.get("hate_incident")), now)
        if signals and signals != [SafetySignal.DOMESTIC_ABUSE]:
            # A person takes over; domestic abuse is handed over once the safe contact is known.
            logged = await log_the_report_in_hand(dispatcher, tracker, domain)
            return logged + hand_to_a_person(dispatcher, tracker, HandoffReason.SAFETY)
        return []


def joined_to_the_repair_in_hand(tracker: Tracker, priority: RepairPriority, told: str) -> None:
    """The repair the tenant was reporting, as it will be logged once the safety numbers are given:
    raised to `priority` if that is more urgent, with what they told added to its description so
    the operative knows it. Only this action's own view of the slots changes; logging it clears them."""
    described = tracker.get_slot("repair_description") or ""
    current = tracker.get_slot("repair_priority")
    raised = more_urgent(RepairPriority(current) if current else None, priority)
    tracker.slots["repair_priority"] = raised.value if raised else None
    tracker.slots["repair_description"] = f"{described} | {told}"


# The report a tenant may be in the middle of, by the slot that holds its description, and the
# action that logs it. The submit actions clear that slot, so a description means unlogged.
REPORTS_IN_HAND = (
    ("repair_description", ActionSubmitRepair),
    ("asb_description", ActionSubmitAsbReport),
    ("complaint_description", ActionSubmitComplaint),
)


async def log_the_report_in_hand(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
) -> List[EventType]:
    """A report the tenant was making when they told us they are in danger ("the radiator is
    leaking", then "i cant cope anymore") is logged with what it has, before a person takes
    over, so the radiator is not lost and nobody has to tell it again. Only its slots are kept
    of what logging it returns: the offers that usually follow wait for the person."""
    for slot, submit in REPORTS_IN_HAND:
        if tracker.get_slot(slot):
            events = await submit().run(dispatcher, tracker, domain)
            kept: List[EventType] = [e for e in events if e.get("event") == "slot"]
            form = (tracker.active_loop or {}).get("name")
            return kept + ([ActiveLoop(None)] if form and form != "domestic_abuse_form" else [])
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
        if not text or no_safe_way(text):
            return {"safe_contact": NOT_GIVEN}
        return {"safe_contact": text[:500]}


def disclosure(events: List[Dict[str, Any]]) -> Optional[rasa_events.Event]:
    """The tenant's own words about the abuse: the latest message triage flagged as such."""
    return rasa_events.latest_from_tenant(events, "report_domestic_abuse", safety=SafetySignal.DOMESTIC_ABUSE.value)


def secure_the_home(
    dispatcher: CollectingDispatcher,
    told: Optional[rasa_events.Event],
    disclosed: Receipt,
    safe_contact: Optional[str],
    tracker: Tracker,
) -> None:
    """When the disclosure told of a home left open ("he kicked the door in, i cant lock it"),
    the emergency repair to secure it, logged and told beside the disclosure."""
    if told is None or told.triage.get("priority") != RepairPriority.EMERGENCY.value:
        return
    desk, now = services.desk(), services.now()
    classified = {**told.triage, "message_id": told.message_id}
    repair = log_securing_after_abuse(
        desk, disclosed, safe_contact or NO_SAFE_CONTACT, reporter_of(tracker), now, classified=classified
    )
    deadline = repair.deadlines["repair"]
    dispatcher.utter_message(
        response="utter_home_secured_after_abuse" if safe_contact else "utter_home_secured_after_abuse_no_contact",
        reference=repair.reference,
        within=str(deadline.promise.within),
        due=describe_due(deadline.due, now),
        landlord_phone=desk.charter.contact.phone,
    )


class ActionSubmitDomesticAbuse(Action):
    """Its own case, never an ASB report, contacted only in the way the tenant said is safe."""

    def name(self) -> Text:
        return "action_submit_domestic_abuse"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        desk, now = services.desk(), services.now()
        safe_contact = given(tracker.get_slot("safe_contact"))
        told = disclosure(tracker.events)
        receipt = log_domestic_abuse(
            desk,
            told.text if told else "",
            safe_contact or NO_SAFE_CONTACT,
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
        secure_the_home(dispatcher, told, receipt, safe_contact, tracker)
        return [
            SlotSet("safe_contact", None),
            *await log_the_report_in_hand(dispatcher, tracker, domain),
            *hand_to_a_person(dispatcher, tracker, HandoffReason.DOMESTIC_ABUSE, tell=False),
        ]
