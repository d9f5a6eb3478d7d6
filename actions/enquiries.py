"""Enquiries a person must answer: a callback case with the charter's promise and date."""

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.tenant import TenantDetailsValidation, reporter_of, sender_phone
from bot import services
from bot.intake import log_callback
from bot.taxonomy import CALLBACK_OFFERED
from bot.working_days import describe_due


class ValidateCallbackForm(TenantDetailsValidation, FormValidationAction):
    def name(self) -> Text:
        return "validate_callback_form"

    async def required_slots(
        self, domain_slots: List[Text], dispatcher: CollectingDispatcher, tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        return [] if sender_phone(tracker) else domain_slots


def what_the_callback_is_about(events: List[Dict[str, Any]]) -> Optional[Dict[str, str]]:
    """The question that led to the offer: its intent and the tenant's own words."""
    for event in reversed(events):
        if event.get("event") != "user":
            continue
        intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
        if intent in CALLBACK_OFFERED:
            return {"intent": intent, "text": event.get("text") or ""}
    return None


class ActionSubmitCallback(Action):
    def name(self) -> Text:
        return "action_submit_callback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        reporter = reporter_of(tracker)
        if reporter.contact_phone is None:
            dispatcher.utter_message(response="utter_callback_needs_phone")
            return []
        desk, now = services.desk(), services.now()
        about = what_the_callback_is_about(tracker.events) or {"intent": "request_human", "text": ""}
        receipt = log_callback(desk, about["text"] or about["intent"], reporter, now, classified={"intent": about["intent"]})
        callback = receipt.deadlines["callback"]
        dispatcher.utter_message(
            response="utter_callback_logged", reference=receipt.reference, contact_phone=reporter.contact_phone,
            within=str(callback.promise.within), due=describe_due(callback.due, now),
        )
        return []
