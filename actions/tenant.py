"""Who is writing, and the details several forms ask for: phone number and postcode.

Each is asked once a session: the slots are kept after a report is logged, so a tenant who
reports a repair and then asks for a callback is not asked for their number again.
"""

from typing import Any, Callable, Dict, List, Optional, Set, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.handoff import hand_to_a_person
from bot import services
from bot.answers import (
    only_contact_details,
    only_yes,
    asks_something,
    unhappy_with_us,
    leaves_the_report,
    phone_of_sender,
    postcode_in,
    says_nothing,
    damage_to_make_safe,
    second_problem,
    uk_phone_number,
)
from bot.cases import ChannelIdentity
from bot.handoff import HandoffReason
from bot.intake import Reporter
from bot.rasa import events as rasa_events
from bot.taxonomy import Category
from bot.replies import safety_advice
from bot.triage import description_to_keep

# What a slot holds when the tenant chose not to answer; never stored on a case.
NOT_GIVEN = "not_given"


def given(value: Optional[str]) -> Optional[str]:
    return None if value in (None, NOT_GIVEN) else value


def identity_of(tracker: Tracker) -> ChannelIdentity:
    return ChannelIdentity(tracker.get_latest_input_channel() or "rest", tracker.sender_id)


def sender_phone(tracker: Tracker) -> Optional[str]:
    return phone_of_sender(tracker.get_latest_input_channel(), tracker.sender_id)


def reporter_of(tracker: Tracker) -> Reporter:
    """The tenant as a case records them. The request key names the delivery that completed
    the report, so the same message delivered twice cannot open a second case."""
    identity = identity_of(tracker)
    message_id = (tracker.latest_message or {}).get("message_id")
    return Reporter(
        conversation_id=tracker.sender_id,
        identity=identity,
        request_key=f"{identity.channel}:{identity.address}:{message_id}" if message_id else None,
        contact_phone=given(tracker.get_slot("contact_phone")) or sender_phone(tracker),
        postcode=given(tracker.get_slot("home_postcode")),
    )


# Set while a form reads an answer, though no question of the form's own.
SIDE_SLOTS = frozenset({"reasked"})


def latest_words(tracker: Tracker) -> str:
    """What the tenant just wrote; a Yes or No button reads as the word."""
    latest = tracker.latest_message or {}
    text = (latest.get("text") or "").strip()
    if text.startswith("/"):
        return {"affirm": "yes", "deny": "no"}.get((latest.get("intent") or {}).get("name"), "")
    return text


def requested(tracker: Tracker, slot: Text) -> bool:
    return tracker.get_slot("requested_slot") == slot


def read_answer(
    slot: Text,
    read: Callable[[str], Any],
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    keep_anything: bool = False,
    nothing_is_an_answer: bool = True,
) -> Dict[Text, Any]:
    """The answer to the question now asked, in the tenant's words.

    A "no" or "don't know" is an answer ("not given"). Words `read` cannot make sense of are
    asked about once more, with a clearer hint (utter_reask_<slot>, said by AskWithAHint instead
    of the question); the second time, the
    question is left as "not given" and the report moves on: nobody is asked three times.
    What they said is not lost either way: every message of a report is kept with its case.
    With `keep_anything`, any words at all are the answer (where to get in, what went wrong);
    without `nothing_is_an_answer`, "not sure" is not one ("shall I log it?").
    """
    if not requested(tracker, slot):
        return {}
    text = latest_words(tracker)
    found = read(text)
    if found is not None:
        return {slot: found, "reasked": None}
    if says_nothing(text) and nothing_is_an_answer:
        return {slot: NOT_GIVEN, "reasked": None}
    if keep_anything and text and not only_contact_details(text):
        return {slot: text[:500], "reasked": None}
    if tracker.get_slot("reasked") == slot:
        return {slot: NOT_GIVEN, "reasked": None}
    return {"reasked": slot}  # the question comes again, as its clearer hint (AskWithAHint)


# The details a tenant may give at any point, whatever was asked, and how each is read: by the
# form's extractors when the form asks for it, by told_outside_the_questions when it does not.
CONTACT_DETAILS: Dict[Text, Callable[[str], Optional[str]]] = {
    "contact_phone": uk_phone_number,
    "home_postcode": postcode_in,
}


def found_anywhere(
    slot: Text, read: Callable[[str], Optional[str]], dispatcher: CollectingDispatcher, tracker: Tracker
) -> Dict[Text, Any]:
    """A detail the tenant gave whatever was asked ("its in the kitchen, number is 07700 900123"):
    taken from any message, and the answer when it is the question asked."""
    value = read(latest_words(tracker))
    if value is not None:
        return {slot: value, **({"reasked": None} if requested(tracker, slot) else {})}
    return read_answer(slot, read, dispatcher, tracker)


# The short questions a request for a person cannot be the answer to: a phone number or postcode
# must be read from the message (anything else is asked again), and "can I speak to someone" is
# no place in the home or way in. Descriptions are not here: "I asked to speak to a manager" is
# what a complaint can be about.
PERSON_CANNOT_ANSWER = ("contact_phone", "home_postcode", "repair_cause", "repair_location", "repair_access")


def answered_since_the_message(tracker: Tracker) -> bool:
    """Whether something other than the form has run since the tenant's latest message (the
    safety numbers, the answer to their question): the form is being resumed, not answered."""
    form = (tracker.active_loop or {}).get("name")
    if not form or not tracker.get_slot("requested_slot"):
        return False  # the form is starting: what came before it (the area chosen) is its report
    return bool(rasa_events.ran_since_tenant_spoke(tracker.events, ignoring={form}))


def leaves_the_question(tracker: Tracker) -> bool:
    """Asked a question, the tenant wrote something that must not be taken as the answer: a
    danger, a question of their own, a switch to another matter.

    The form then sets nothing, so Rasa rejects it and the rules for what interrupts a report
    run (the safety numbers first). Forms read every message as words, so without this a form
    never rejects one, and "ive been thinking about ending it" was kept as where the repair is.
    """
    if not tracker.get_slot("requested_slot"):
        return False  # the report's first message: it starts the form, it interrupts nothing
    latest = tracker.latest_message or {}
    intent = latest.get("intent") or {}
    findings = (latest.get("triage") or {}).get("rules") or []
    return leaves_the_report(
        latest.get("text") or "",
        intent.get("name"),
        float(intent.get("confidence") or 0.0),
        findings,
        tracker.get_slot("requested_slot"),
    )


def answered_in_words(slot: Text, tracker: Tracker) -> Dict[Text, Any]:
    """The tenant's message, as sent, as the answer to the question asked, whatever the model
    made of it: a description in Arabic read as a question about timescales was dropped, and
    the next message ("an apology") kept as the complaint. Not when it leaves the question (a
    danger, a question of their own, a person asked for): that is answered first, and the
    question asked again."""
    text = (tracker.latest_message or {}).get("text") or ""
    if not requested(tracker, slot) or not text.strip() or leaves_the_question(tracker):
        return {}
    return {slot: text}


class DescribedInTheirWords:
    """A report's "what is wrong?", read the same way by every form that asks it: the message as
    sent is the answer, whatever the model made of it (answered_in_words), and words too thin to
    act on are asked about once more (description_to_keep).

    rasa_sdk finds a slot's extractor and validator by their names (extract_<slot>,
    validate_<slot>), so a form names its slot in `description_slot` and is given both under
    those names. A form that reads its description further defines its own and calls these.
    """

    description_slot: Text = ""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        slot = cls.description_slot
        for rasa_name, ours in ((f"validate_{slot}", "keep_description"), (f"extract_{slot}", "take_description")):
            if slot and rasa_name not in vars(cls):
                setattr(cls, rasa_name, getattr(cls, ours))

    def keep_description(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        slot = self.description_slot
        asked = requested(tracker, slot)
        if asked and only_yes(slot_value if isinstance(slot_value, str) else None):
            if tracker.get_slot("reasked") != slot:
                # "yes" to "what needs repairing?" says nothing of the problem: asked once more,
                # with an example (utter_reask_<slot>); a second "yes" is kept as said.
                return {slot: None, "reasked": slot}
        return {slot: description_to_keep(slot_value, asked), **({"reasked": None} if asked else {})}

    async def take_description(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return answered_in_words(self.description_slot, tracker)


def asks_for_a_person_instead(tracker: Tracker) -> bool:
    """Asked one of those questions, the tenant asked for a person instead.

    No rule lets a form give way to "can I speak to someone": without this, every way of
    asking for a person was answered "I couldn't read that as a postcode", for ever, or kept as
    where in the home the repair is.
    """
    latest = tracker.latest_message or {}
    if tracker.get_slot("requested_slot") not in PERSON_CANNOT_ANSWER:
        return False
    if (latest.get("intent") or {}).get("name") != "request_human":
        return False
    text = latest.get("text") or ""
    return uk_phone_number(text) is None and postcode_in(text) is None and not says_nothing(text)


class TenantDetailsValidation:
    """What every report's form does the same way: the phone and postcode, taken from any
    message; the report acknowledged before its first question; a request for a person honoured.

    A tenant who asks for a person instead of answering one of the short questions is handed
    to a person: the report stops there, and staff have the conversation so far."""

    def acknowledgement(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> bool:
        """Say what was understood and what happens next, once, before any question; True when
        something was said. Each form says its own."""
        return False

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if answered_since_the_message(tracker):
            # Back to the report after an interruption, with the same message still latest: it
            # was not an answer. Only what to ask next; without it Rasa asks in the domain's order.
            following = await self.next_requested_slot(dispatcher, tracker, domain)  # type: ignore[attr-defined]
            # Asked again after the interruption, the question has had its second asking: an
            # answer that still cannot be read is left as not given, never asked a third time.
            return [SlotSet("reasked", tracker.get_slot("requested_slot")), *([following] if following else [])]
        if asks_for_a_person_instead(tracker):
            asked = tracker.get_slot("requested_slot")
            stop = [SlotSet(asked, None), SlotSet("requested_slot", None)]
            return stop + hand_to_a_person(dispatcher, tracker, HandoffReason.ASKED)
        if leaves_the_question(tracker):
            return []
        acknowledged: List[EventType] = []
        if not tracker.get_slot("report_acknowledged") and self.acknowledgement(dispatcher, tracker):
            acknowledged = [SlotSet("report_acknowledged", True)]
        # rasa_sdk's own run, keeping what it drops: slots that are not the form's questions
        # ("reasked"), set while reading an answer. Without them a form given an answer it
        # could not read sets nothing, and Rasa rejects the form and says it did not understand.
        extracted = await self.get_extraction_events(dispatcher, tracker, domain)  # type: ignore[attr-defined]
        tracker.add_slots(extracted)
        validated = await self._extract_validation_events(dispatcher, tracker, domain)  # type: ignore[attr-defined]
        kept = {event.get("name") for event in validated}
        side = [event for event in extracted if event.get("name") in SIDE_SLOTS and event.get("name") not in kept]
        return acknowledged + side + validated + told_outside_the_questions(tracker, kept)

    async def extract_contact_phone(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return found_anywhere("contact_phone", CONTACT_DETAILS["contact_phone"], dispatcher, tracker)

    async def extract_home_postcode(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[Text, Any]:
        return found_anywhere("home_postcode", CONTACT_DETAILS["home_postcode"], dispatcher, tracker)


def told_outside_the_questions(tracker: Tracker, handled: Set[Text]) -> List[EventType]:
    """A phone number or postcode the tenant gives when the form does not ask for it ("oh my
    number changed, its 07700 900842 now", by text, where the number they wrote from is used):
    kept, so the case has the number they asked us to use."""
    said = latest_words(tracker)
    found = [(slot, read(said)) for slot, read in CONTACT_DETAILS.items() if slot not in handled]
    return [SlotSet(slot, value) for slot, value in found if value]


def offer_second_problem(dispatcher: CollectingDispatcher, tracker: Tracker, first: Text) -> List[EventType]:
    """After a report is logged, the second problem its first message also told of ("...and the
    neighbour's dog barks all night"), offered as a report of its own."""
    messages = rasa_events.report_messages(tracker.events)
    second = second_problem(messages[0] if messages else "", first)
    damage = damage_to_make_safe(messages) if first == "asb" and second is None else None
    if damage is not None:
        dispatcher.utter_message(response="utter_offer_damage_repair", problem=damage)
        return [SlotSet("second_problem", damage), SlotSet("second_problem_kind", "repair")]
    if second is None:
        return []
    dispatcher.utter_message(response="utter_offer_second_problem", problem=second)
    return [SlotSet("second_problem", second), SlotSet("second_problem_kind", "asb" if first == "repair" else "repair")]


class AskWithAHint(Action):
    """A form's question, or, when the last answer could not be read, the same question with a
    clearer hint in its place: one message, never the hint and the question both."""

    slot: Text = ""

    def name(self) -> Text:
        return f"action_ask_{self.slot}"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        # After an interruption the question comes back as it was first asked.
        again = tracker.get_slot("reasked") == self.slot and not answered_since_the_message(tracker)
        said = latest_words(tracker)
        if again and asks_something(said):
            # "the lights still on should i turn it off??": the advice for what they face, again.
            described = f"{tracker.get_slot('repair_description') or ''} {said}"
            advice = safety_advice(services.desk().charter, described)
            for reply in advice:
                dispatcher.utter_message(response=reply.response, **reply.values)
            if not advice:
                # "will they find out it was me?": not answered here, but not ignored either.
                dispatcher.utter_message(response="utter_question_kept_with_report")
        dispatcher.utter_message(response=f"utter_{'reask' if again else 'ask'}_{self.slot}")
        return []


class ActionAskContactPhone(AskWithAHint):
    slot = "contact_phone"


class ActionAskHomePostcode(AskWithAHint):
    slot = "home_postcode"


class ActionAskRepairLocation(AskWithAHint):
    slot = "repair_location"


class ActionAskRepairLeakStopped(AskWithAHint):
    slot = "repair_leak_stopped"


class ActionAskRepairIsEmergency(AskWithAHint):
    slot = "repair_is_emergency"


class ActionAskHouseholdVulnerable(AskWithAHint):
    slot = "household_vulnerable"


class ActionAskRepairAccess(AskWithAHint):
    slot = "repair_access"


class ActionAskAsbIsHighRisk(AskWithAHint):
    slot = "asb_is_high_risk"


class ActionAskRepairDescription(AskWithAHint):
    slot = "repair_description"


class ActionAskAsbDescription(AskWithAHint):
    slot = "asb_description"


class ActionAskComplaintDescription(AskWithAHint):
    slot = "complaint_description"


def unhappy_during_report(tracker: Tracker) -> bool:
    """Whether the tenant sounded unhappy with us during the report now being logged; unhappiness
    about an earlier report was offered its complaint then."""
    return any(unhappy_with_us(m.text) for m in rasa_events.since_report_logged(tracker.events))


def how_it_was_read(tracker: Tracker, category: Category) -> Dict[Text, Any]:
    """For the case's event log: what the assistant made of the report, and every message of it."""
    return {
        **rasa_events.classification_of_report(tracker.events, category),
        "report_messages": rasa_events.report_messages(tracker.events),
    }
