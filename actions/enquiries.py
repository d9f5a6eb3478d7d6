"""Enquiries a person must answer: a callback case with the charter's promise and date."""

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.handoff import hand_to_a_person
from actions.tenant import TenantDetailsValidation, reporter_of, sender_phone
from bot import services
from bot.rasa import events as rasa_events
from bot.answers import asks_to_be_rung, unhappy_with_us
from bot.handoff import HandoffReason
from bot.intake import log_callback
from bot.replies import charter_facts
from bot.timescales import names_gas
from bot.taxonomy import CALLBACK_OFFERED
from bot.charter import RepairPriority
from bot.timescales import names_a_topic, timescale_values, topics_asked
from bot.working_days import describe_due


class ValidateCallbackForm(TenantDetailsValidation, FormValidationAction):
    def name(self) -> Text:
        return "validate_callback_form"

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        return [] if sender_phone(tracker) else domain_slots

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if person_asked_for_now(tracker):
            return [SlotSet("requested_slot", None)] + hand_to_a_person(dispatcher, tracker, HandoffReason.ASKED)
        return await super().run(dispatcher, tracker, domain)


def person_asked_for_now(tracker: Tracker) -> bool:
    """Offered a call back, the tenant asked to speak to a person rather than to be rung ("can i
    speak to a real person please"): they are handed to a person, as anywhere else. The rules
    start the call back for any request for a person, since "can someone ring me" reads as one."""
    latest = tracker.latest_message or {}
    return (
        tracker.get_slot("requested_slot") is None
        and (latest.get("intent") or {}).get("name") == "request_human"
        and not asks_to_be_rung(latest.get("text"))
    )


def what_the_callback_is_about(events: List[Dict[str, Any]]) -> Optional[Dict[str, str]]:
    """The question that led to the offer: its intent and the tenant's own words."""
    asked = rasa_events.latest_from_tenant(events, *CALLBACK_OFFERED)
    return {"intent": asked.intent or "", "text": asked.text} if asked else None


class ActionSubmitCallback(Action):
    def name(self) -> Text:
        return "action_submit_callback"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        reporter = reporter_of(tracker)
        if reporter.contact_phone is None:
            dispatcher.utter_message(response="utter_callback_needs_phone")
            return []
        desk, now = services.desk(), services.now()
        about = what_the_callback_is_about(tracker.events) or {"intent": "request_human", "text": ""}
        receipt = log_callback(
            desk, about["text"] or about["intent"], reporter, now, classified={"intent": about["intent"]}
        )
        callback = receipt.deadlines["callback"]
        dispatcher.utter_message(
            response="utter_callback_logged",
            reference=receipt.reference,
            contact_phone=reporter.contact_phone,
            within=str(callback.promise.within),
            due=describe_due(callback.due, now),
        )
        return []


class ActionAnswerTimescales(Action):
    """ "How long does a routine repair take?": the charter's promises for what was asked about,
    and no report started; in the middle of a report, the report carries on afterwards."""

    def name(self) -> Text:
        return "action_answer_timescales"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        charter = services.desk().charter
        text = (tracker.latest_message or {}).get("text") or ""
        priority = tracker.get_slot("repair_priority")
        if tracker.active_loop_name == "repair_form" and priority and not names_a_topic(text):
            # "How long will it take?" in the middle of a report: this repair's own promise.
            promise = charter.repair(RepairPriority(priority))
            dispatcher.utter_message(
                response="utter_timescale_this_repair", we_will=promise.we_will, within=str(promise.within)
            )
            return []
        values = {**timescale_values(charter), **charter_facts(charter)}
        for topic in topics_asked(text):
            dispatcher.utter_message(response=topic.value, **values)
        if names_gas(text):
            # "how fast do you come out for a gas leak? not got one": the number, for the day they do.
            dispatcher.utter_message(response="utter_if_you_ever_smell_gas", **values)
        return []


class ActionOfferMoreHelp(Action):
    """Before the callback offered after an answer a person may need to add to: when the question
    came with unhappiness about us ("my service charge went up with no explanation"), a complaint
    is offered instead. The rules say the callback comes next; the follow-up replaces it, and the
    rules for a yes or no to the complaint offered then apply."""

    def name(self) -> Text:
        return "action_offer_more_help"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        said = (tracker.latest_message or {}).get("text")
        return [FollowupAction("utter_offer_complaint_now")] if unhappy_with_us(said) else []
