"""Complaints: logged at stage 1 the moment the tenant makes one, with every date; a review
(stage 2) by reference, never asking why; a possible exclusion explained and left to a person."""

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.asb import tell_asb_logged
from actions.handoff import hand_over_when_done, hand_to_a_person
from actions.tenant import (
    answered_in_words,
    DescribedInTheirWords,
    TenantDetailsValidation,
    given,
    how_it_was_read,
    identity_of,
    latest_words,
    read_answer,
    reporter_of,
    requested,
)
from bot import services
from bot.answers import complaint_told, outcome_wanted, possible_exclusions
from bot.cases import CaseKind, references_in
from bot.charter import AsbRisk, ExclusionReason
from bot.handoff import HandoffReason
from bot.intake import Receipt, escalate_complaint, log_asb_report, log_complaint
from bot.lookups import Purpose, may_disclose
from bot.rules import Finding, shared_rules
from bot.taxonomy import Category
from bot.replies import complaint_acknowledged
from bot.rasa import events as rasa_events
from bot.working_days import describe_due


# Slots of one complaint, cleared once it is logged.
REPORT_SLOTS = ("complaint_description", "complaint_outcome", "report_acknowledged", "reasked")


class ValidateComplaintForm(DescribedInTheirWords, TenantDetailsValidation, FormValidationAction):
    description_slot = "complaint_description"

    def name(self) -> Text:
        return "validate_complaint_form"

    def acknowledgement(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
        reply = complaint_acknowledged(services.desk().charter)
        dispatcher.utter_message(response=reply.response, **reply.values)
        return True

    def validate_complaint_description(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        kept = self.keep_description(slot_value, dispatcher, tracker, domain)
        if not requested(tracker, "complaint_description"):
            # "yes i want to complain, properly this time", after telling what went wrong: that is
            # the complaint, with the message that asks for it.
            told = self._told_before(tracker)
            if told or kept["complaint_description"] is None:
                kept = {"complaint_description": told}
        return kept

    @staticmethod
    def _told_before(tracker: Tracker) -> Optional[Text]:
        since = rasa_events.since_report_logged(tracker.events, rasa_events.COMPLAINT_LOGGED)
        return complaint_told([(m.text, m.intent) for m in since])

    async def extract_complaint_description(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """A complaint that starts after the tenant said what is wrong is not asked again."""
        if tracker.get_slot("complaint_description") is None and not requested(tracker, "complaint_description"):
            told = self._told_before(tracker)
            if told:
                return {"complaint_description": told}
        return await self.take_description(dispatcher, tracker, domain)

    async def extract_complaint_outcome(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        """What would put it right, said whenever ("i want compensation", given when the
        postcode was asked), or the answer to that question."""
        if tracker.get_slot("complaint_outcome") is None:
            said = outcome_wanted(latest_words(tracker))
            if said:
                return {
                    "complaint_outcome": said,
                    **({"reasked": None} if requested(tracker, "complaint_outcome") else {}),
                }
        return read_answer("complaint_outcome", outcome_wanted, dispatcher, tracker, keep_anything=True)


def quoted_dates(receipt: Receipt, now: Any) -> Dict[str, str]:
    """Every deadline of a receipt as {name}_within and {name}_due, for the responses."""
    quoted = {f"{name}_within": str(d.promise.within) for name, d in receipt.deadlines.items()}
    quoted.update({f"{name}_due": describe_due(d.due, now) for name, d in receipt.deadlines.items()})
    return quoted


class ActionSubmitComplaint(Action):
    def name(self) -> Text:
        return "action_submit_complaint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        desk, now = services.desk(), services.now()
        description = tracker.get_slot("complaint_description") or ""
        outcome = given(tracker.get_slot("complaint_outcome"))
        if outcome and outcome not in description:
            description = f"{description}\nOutcome wanted: {outcome}"
        classified = how_it_was_read(tracker, Category.COMPLAINT)
        done: List[EventType] = [SlotSet(slot, None) for slot in REPORT_SLOTS]
        reporter = reporter_of(tracker)
        exclusions = possible_exclusions(
            description, now, desk.charter.complaint_time_limit.months, landlord=desk.charter.contact.name
        )
        ombudsman = desk.charter.emergency_numbers.housing_ombudsman.number
        if exclusions == [ExclusionReason.NEIGHBOUR_DISPUTE]:
            # A neighbour's behaviour is for the ASB team, as the complaints policy says.
            neighbour = desk.charter.complaint_exclusions[ExclusionReason.NEIGHBOUR_DISPUTE]
            dispatcher.utter_message(response="utter_complaint_about_neighbour", explanation=neighbour.explanation)
            risk = AsbRisk.HIGH if Finding.ASB_HIGH_RISK in shared_rules().find(description) else AsbRisk.LOW
            receipt = log_asb_report(desk, risk, description, reporter, now, classified=classified)
            tell_asb_logged(dispatcher, desk, receipt, risk, False, now)
            return done + hand_over_when_done(tracker)
        exclusions = [reason for reason in exclusions if reason is not ExclusionReason.NEIGHBOUR_DISPUTE]
        receipt = log_complaint(
            desk,
            description,
            reporter,
            now,
            classified=classified,
            exclusions=exclusions,
        )
        quoted = quoted_dates(receipt, now)
        if not exclusions:
            dispatcher.utter_message(
                response="utter_complaint_logged", reference=receipt.reference, ombudsman_phone=ombudsman, **quoted
            )
        else:
            exclusion = desk.charter.complaint_exclusions[exclusions[0]]
            refer = {"refer_to": exclusion.refer_to} if exclusion.refer_to else {}
            dispatcher.utter_message(
                response="utter_complaint_may_be_excluded_refer" if refer else "utter_complaint_may_be_excluded",
                reference=receipt.reference,
                explanation=exclusion.explanation,
                ombudsman_phone=ombudsman,
                **refer,
                **quoted,
            )
        events: List[EventType] = done
        if ExclusionReason.OLDER_THAN_12_MONTHS in exclusions:
            # Never refused by the bot: a person decides, and the reply has said who and when.
            events += hand_to_a_person(dispatcher, tracker, HandoffReason.OLD_COMPLAINT, tell=False)
        return events + hand_over_when_done(tracker)


class ActionDeclineComplaint(Action):
    """A no to the complaint offered after a report: nothing is logged, and a handoff that
    waited for the answer happens now."""

    def name(self) -> Text:
        return "action_decline_complaint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        waiting = hand_over_when_done(tracker)
        dispatcher.utter_message(response="utter_no_complaint" if waiting else "utter_anything_else")
        return waiting


# Asked for a complaint's reference, the tenant gave none: the question is answered all the same.
NO_REFERENCE_GIVEN = "none"


class ValidateEscalationForm(FormValidationAction):
    def name(self) -> Text:
        return "validate_escalation_form"

    def validate_complaint_reference(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[Text, Any]:
        text = slot_value if isinstance(slot_value, str) else ""
        found = references_in(text)
        if found:
            return {"complaint_reference": found[0]}
        # Once asked, any answer ends the question: the action explains what else to do.
        asked = tracker.get_slot("requested_slot") == "complaint_reference"
        return {"complaint_reference": NO_REFERENCE_GIVEN if asked else None}

    async def extract_complaint_reference(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return answered_in_words("complaint_reference", tracker)


class ActionEscalateComplaint(Action):
    """Stage 2 for the tenant's own complaint. The Code forbids asking why, so nothing is asked."""

    def name(self) -> Text:
        return "action_escalate_complaint"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        desk, now = services.desk(), services.now()
        reference = tracker.get_slot("complaint_reference") or ""
        identity = identity_of(tracker)
        found = desk.cases.find_for(reference, tracker.sender_id, identity=identity)
        # Only the tenant who made the complaint, from where they made it, may take it to stage 2;
        # the event log says which channel identity asked.
        mine = may_disclose(found, Purpose.STAGE_TWO) and found.case.kind is CaseKind.COMPLAINT
        receipt = (
            escalate_complaint(desk, reference, now, actor=f"tenant:{identity.channel}:{identity.address}")
            if mine
            else None
        )
        if receipt is None:
            # The same words whether the reference is someone else's, not a complaint, or unknown;
            # others when the tenant typed none ("not sure").
            not_given = reference == NO_REFERENCE_GIVEN
            dispatcher.utter_message(
                response="utter_complaint_reference_not_given" if not_given else "utter_complaint_reference_unknown"
            )
        else:
            dispatcher.utter_message(
                response="utter_complaint_escalated",
                reference=reference,
                ombudsman_phone=desk.charter.emergency_numbers.housing_ombudsman.number,
                **quoted_dates(receipt, now),
            )
        return [SlotSet("complaint_reference", None)]
