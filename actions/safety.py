"""The first reply to a person in danger: the right numbers, then the repair if there is one."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher

from bot import services
from bot.charter import RepairPriority
from bot.intake import log_repair
from bot.replies import repair_logged, safety_numbers
from bot.triage import SafetySignal, safety_of_intent

SAFETY_RESPONSES = {
    SafetySignal.GAS: "utter_safety_gas",
    SafetySignal.FIRE_OR_DANGER: "utter_safety_fire_or_danger",
    SafetySignal.DOMESTIC_ABUSE: "utter_safety_domestic_abuse",
    SafetySignal.SELF_HARM: "utter_safety_self_harm",
}


class ActionSafetyFirst(Action):
    def name(self) -> Text:
        return "action_safety_first"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]
    ) -> List[EventType]:
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
                desk, priority, message.get("text") or "", tracker.sender_id, now,
                classified={**triage, "message_id": message.get("message_id")},
            )
            for reply in repair_logged(receipt, priority, False, desk.calendar, now):
                dispatcher.utter_message(response=reply.response, **reply.values)
        return []
