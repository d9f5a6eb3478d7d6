"""Reports of anti-social behaviour: one risk question, then the case and its dates."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot import services
from bot.triage import description_to_keep
from bot.charter import AsbRisk
from bot.intake import log_asb_report
from bot.working_days import describe_due


# The reply for each risk level; every name is a response in domain.yml.
LOGGED_RESPONSES = {
    AsbRisk.HIGH: "utter_asb_logged_high_risk",
    AsbRisk.LOW: "utter_asb_logged_low_risk",
}


class ValidateAsbForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_asb_form"

    def validate_asb_description(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[Text, Any]:
        already_asked = tracker.get_slot("requested_slot") == "asb_description"
        return {"asb_description": description_to_keep(slot_value, already_asked)}


class ActionSubmitAsbReport(Action):
    def name(self) -> Text:
        return "action_submit_asb_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        risk = AsbRisk.HIGH if tracker.get_slot("asb_is_high_risk") is True else AsbRisk.LOW
        now = services.now()
        receipt = log_asb_report(
            services.desk(), risk, tracker.get_slot("asb_description") or "",
            tracker.sender_id, now,
        )
        respond = receipt.deadlines["respond"]
        details = {"within": str(respond.promise.within), "due": describe_due(respond.due, now)}
        if "action_plan" in receipt.deadlines:
            details["action_plan_within"] = str(receipt.deadlines["action_plan"].promise.within)
        dispatcher.utter_message(
            response=LOGGED_RESPONSES[risk], reference=receipt.reference, **details
        )
        return [SlotSet("asb_description", None), SlotSet("asb_is_high_risk", None)]
