"""Repair reports: ask only what the tenant has not said, confirm, then log the case and say when."""

from typing import Any, Callable, Dict, List, Text, Tuple

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.handoff import hand_to_a_person
from actions.visits import offer_a_visit
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
    GETTING_IN,
    PHONE,
    POSTCODE,
    PROBLEM,
    WHERE,
    answers_to_change,
    asks_about_gas,
    asks_how_it_happened,
    asks_instead_of_how,
    describes_extra_care,
    leak_stopped,
    location_in,
    needs_extra_care,
    only_yes,
    place_named,
    postcode_in,
    someone_at_risk,
    uk_phone_number,
    yes_or_no,
)
from bot.charter import RepairPriority
from bot.handoff import HandoffReason
from bot.intake import log_repair
from bot.rasa import events as rasa_events
from bot.replies import repair_acknowledged, repair_logged, safety_numbers
from bot.taxonomy import Category
from bot.triage import RepairAnswers, RepairQuestion, triage_questions_answered

# Slots of one repair report, cleared once it is logged or the tenant starts again.
REPORT_SLOTS = (
    "repair_description",
    "repair_cause",
    "repair_gas_checked",
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


def _asks_about_gas(tracker: Tracker) -> bool:
    """A same-day repair to the heating or a gas appliance, with no gas told yet in the conversation:
    the one question such a report asks before it is logged (bot/answers/gas_check.py)."""
    return (
        answers_so_far(tracker).same_day()
        and asks_about_gas(tracker.get_slot("repair_description"))
        and rasa_events.latest_from_tenant(tracker.events, "report_gas_leak", safety="gas") is None
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
        if not asks_how_it_happened(tracker.get_slot("repair_description")):
            skipped.add("repair_cause")
        if not _asks_about_gas(tracker):
            skipped.add("repair_gas_checked")
        if sender_phone(tracker) and not phone_change_asked(tracker):
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
            where = location_in(latest_words(tracker))
            if not where and not requested(tracker, "repair_location"):
                # Not asked yet: a place in the description will do. Once asked (a place the
                # tenant asked to change, at the read-back), the description's is not the answer.
                where = location_in(tracker.get_slot("repair_description"))
            if where:
                return {"repair_location": where, "reasked": None}
        return read_answer("repair_location", place_named, dispatcher, tracker)

    async def extract_repair_leak_stopped(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return read_answer("repair_leak_stopped", leak_stopped, dispatcher, tracker)

    async def extract_repair_cause(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        # "can someone come and fix it", crossing the question: how is asked once more.
        return words_asked_once_more_unless("repair_cause", asks_instead_of_how, dispatcher, tracker)

    async def extract_repair_gas_checked(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        found = read_answer("repair_gas_checked", yes_or_no, dispatcher, tracker, keep_anything=True)
        if found.get("repair_gas_checked") is True:
            # "yes": the gas emergency line at once. Gas told in words left the report before this
            # (bot/rasa/answer_policy.py), for the same advice.
            dispatcher.utter_message(response="utter_safety_gas", **safety_numbers(services.desk().charter))
        return found

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
        # "yes": then what should we know? asked once more.
        return words_asked_once_more_unless("repair_access", only_yes, dispatcher, tracker)

    async def extract_repair_confirmed(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        if requested(tracker, "repair_confirmed"):
            changed = changes_at_the_read_back(latest_words(tracker), tracker, dispatcher)
            if changed:
                return changed
        found = read_answer("repair_confirmed", yes_or_no, dispatcher, tracker, nothing_is_an_answer=False)
        if found.get("repair_confirmed") is False:
            dispatcher.utter_message(response="utter_repair_not_confirmed")
            return {slot: None for slot in REPORT_SLOTS}
        if found.get("repair_confirmed") == NOT_GIVEN:
            # Read back twice without a clear answer: the details stand, and it is logged.
            return {**found, "repair_confirmed": True}
        return found


def words_asked_once_more_unless(
    slot: Text, not_yet_an_answer: Callable[[str], bool], dispatcher: CollectingDispatcher, tracker: Tracker
) -> Dict[Text, Any]:
    """Any words are the answer, except words that do not answer yet (a bare "yes" to "anything we
    should know to get in?", a request crossing "how did it happen?"): the question is asked once
    more, and the second time whatever is said is kept."""
    if requested(tracker, slot) and not_yet_an_answer(latest_words(tracker)) and tracker.get_slot("reasked") != slot:
        return {"reasked": slot}
    return read_answer(slot, lambda text: None, dispatcher, tracker, keep_anything=True)


# The slot behind each answer the read-back shows, in its order.
READ_BACK_SLOTS: Dict[Text, Text] = {
    PROBLEM: "repair_description",
    WHERE: "repair_location",
    GETTING_IN: "repair_access",
    PHONE: "contact_phone",
    POSTCODE: "home_postcode",
}


def answers_read_back(tracker: Tracker) -> Tuple[Text, ...]:
    """The answers the read-back shows: all but how to get in for a same-day visit."""
    if answers_so_far(tracker).same_day():
        return (PROBLEM, WHERE, PHONE, POSTCODE)
    return (PROBLEM, WHERE, GETTING_IN, PHONE, POSTCODE)


def phone_change_asked(tracker: Tracker) -> bool:
    """The phone is being asked for, or the tenant has just asked at the read-back to change it:
    a tenant who texts is not asked for a number, unless they want to be called on another."""
    if requested(tracker, "contact_phone"):
        return True
    return requested(tracker, "repair_confirmed") and PHONE in answers_to_change(latest_words(tracker))


def details_given_again(text: str, tracker: Tracker) -> Dict[Text, Any]:
    """A phone number, postcode or place written at the read-back that differs from the one read
    back ("my number's 07700 900999 now", "no it's the bathroom"): the new one, taken as it is.
    A place counts only in a message that does not open with yes, since "yes, the kitchen sink"
    confirms the kitchen.

    The number and postcode are compared with the words read back, not the slots: the form's
    extractors have already put this message's number in its slot by the time this runs."""
    given_now: Dict[Text, Any] = {}
    read_back = rasa_events.last_bot_words(tracker.events)
    phone, postcode = uk_phone_number(text), postcode_in(text)
    if phone and phone not in read_back:
        given_now["contact_phone"] = phone
    if postcode and postcode not in read_back:
        given_now["home_postcode"] = postcode
    place = location_in(text)
    if place and yes_or_no(text) is not True and place != tracker.get_slot("repair_location"):
        given_now["repair_location"] = place
    return given_now


def _already_so(text: str, tracker: Tracker) -> List[Text]:
    """The slots whose value the message gives as the one already read back."""
    same = []
    if location_in(text) and location_in(text) == tracker.get_slot("repair_location"):
        same.append("repair_location")
    if uk_phone_number(text) and uk_phone_number(text) == tracker.get_slot("contact_phone"):
        same.append("contact_phone")
    if postcode_in(text) and postcode_in(text) == tracker.get_slot("home_postcode"):
        same.append("home_postcode")
    return same


def changes_at_the_read_back(text: str, tracker: Tracker, dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
    """What a reply to the read-back changes, so one wrong answer is put right without starting
    the report again: an answer named ("change the postcode", a "Change where" button) is asked
    again, a new detail written out is taken; the form then reads the report back once more.
    Nothing when the reply changes nothing (yes, no, or words to ask about again)."""
    given_now = details_given_again(text, tracker)
    named = [answer for answer in answers_to_change(text) if answer in answers_read_back(tracker)]
    already = _already_so(text, tracker)
    ask_again = {
        READ_BACK_SLOTS[answer]: None
        for answer in named
        if READ_BACK_SLOTS[answer] not in given_now and READ_BACK_SLOTS[answer] not in already
    }
    if named and not given_now and not ask_again:
        # "change it to the utility room" when the utility room is what was read back: it is right.
        return {"repair_confirmed": True, "reasked": None}
    if not given_now and not ask_again:
        return {}
    if ask_again:
        dispatcher.utter_message(response="utter_repair_change_answer")
    return {**given_now, **ask_again, "repair_confirmed": None, "reasked": None}


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
        second = offer_second_problem(dispatcher, tracker, "repair")
        if second:
            return events + second
        # Nothing else to ask: the visit, for a repair that is not same-day (actions/visits.py).
        return events + offer_a_visit(receipt.reference)
