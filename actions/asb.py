"""Reports of anti-social behaviour: one risk question when needed, then the case and its dates."""

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.tenant import (
    DescribedInTheirWords,
    TenantDetailsValidation,
    latest_words,
    how_it_was_read,
    offer_second_problem,
    read_answer,
    reporter_of,
    requested,
    unhappy_during_report,
)
from bot import services
from bot.answers import threat_answer, threat_described
from bot.charter import AsbRisk
from bot.intake import Desk, Receipt, asb_case_review_reached, log_asb_report
from bot.replies import asb_acknowledged
from bot.taxonomy import Category
from bot.rasa import events as rasa_events
from bot.triage import threat_in_any
from bot.working_days import describe_due

# The reply for each risk level; every name is a response in domain/asb.yml.
LOGGED_RESPONSES = {
    AsbRisk.HIGH: "utter_asb_logged_high_risk",
    AsbRisk.LOW: "utter_asb_logged_low_risk",
}


class ValidateAsbForm(DescribedInTheirWords, TenantDetailsValidation, FormValidationAction):
    description_slot = "asb_description"

    def name(self) -> Text:
        return "validate_asb_form"

    async def required_slots(
        self,
        domain_slots: List[Text],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> List[Text]:
        if tracker.get_slot("asb_risk") == "high":
            return [slot for slot in domain_slots if slot != "asb_is_high_risk"]
        return domain_slots

    def acknowledgement(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
        if not tracker.get_slot("asb_description"):
            return False
        risk = AsbRisk.HIGH if self._high_risk(tracker) else AsbRisk.LOW
        reply = asb_acknowledged(services.desk().charter, risk)
        dispatcher.utter_message(response=reply.response, **reply.values)
        return True

    @staticmethod
    def _high_risk(tracker: Tracker) -> bool:
        return (
            tracker.get_slot("asb_risk") == "high"
            or tracker.get_slot("asb_is_high_risk") is True
            or threat_described(latest_words(tracker))
        )

    async def extract_asb_is_high_risk(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """A threat said at any point of the report makes it high risk ("yesterday he said hes
        going to smash my windows", given when the postcode was asked)."""
        if tracker.get_slot("asb_is_high_risk") is not True and threat_described(latest_words(tracker)):
            return {"asb_is_high_risk": True, **({"reasked": None} if requested(tracker, "asb_is_high_risk") else {})}
        return read_answer("asb_is_high_risk", threat_answer, dispatcher, tracker)


def tell_asb_logged(
    dispatcher: CollectingDispatcher, desk: Desk, receipt: Receipt, risk: AsbRisk, hate_incident: bool, now: Any
) -> None:
    """The reference and dates, the hate incident flag, and the case review when it is due."""
    respond = receipt.deadlines["respond"]
    details = {"within": str(respond.promise.within), "due": describe_due(respond.due, now)}
    if "action_plan" in receipt.deadlines:
        details["action_plan_within"] = str(receipt.deadlines["action_plan"].promise.within)
    dispatcher.utter_message(response=LOGGED_RESPONSES[risk], reference=receipt.reference, **details)
    if hate_incident:
        dispatcher.utter_message(response="utter_hate_incident_noted")
    if asb_case_review_reached(desk, receipt, now):
        threshold = desk.charter.asb_case_review
        dispatcher.utter_message(
            response="utter_asb_case_review", reports=str(threshold.reports), months=str(threshold.months)
        )


class ActionSubmitAsbReport(Action):
    def name(self) -> Text:
        return "action_submit_asb_report"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        told = rasa_events.since_report_logged(tracker.events, rasa_events.ASB_LOGGED)
        # A yes to the threats question makes it high risk, as does a threat in any message.
        high = (
            tracker.get_slot("asb_risk") == "high"
            or tracker.get_slot("asb_is_high_risk") is True
            or threat_in_any(m.triage.get("rules") or [] for m in told)
        )
        risk = AsbRisk.HIGH if high else AsbRisk.LOW
        desk, now = services.desk(), services.now()
        # A flag on the opening message or on a later answer counts; an earlier report's does not.
        hate_incident = any(m.triage.get("hate_incident") for m in told)
        receipt = log_asb_report(
            desk,
            risk,
            tracker.get_slot("asb_description") or "",
            reporter_of(tracker),
            now,
            classified=how_it_was_read(tracker, Category.ASB),
            hate_incident=hate_incident,
        )
        tell_asb_logged(dispatcher, desk, receipt, risk, hate_incident, now)
        events: List[EventType] = [
            SlotSet("asb_description", None),
            SlotSet("asb_risk", None),
            SlotSet("asb_is_high_risk", None),
            SlotSet("report_acknowledged", None),
            SlotSet("reasked", None),
        ]
        if unhappy_during_report(tracker):
            events.append(FollowupAction("utter_offer_complaint"))
            return events
        return events + offer_second_problem(dispatcher, tracker, "asb")
