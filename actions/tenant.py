"""Who is writing, and the details several forms ask for: phone number and postcode.

Each is asked once a session: the slots are kept after a report is logged, so a tenant who
reports a repair and then asks for a callback is not asked for their number again.
"""

from typing import Any, Callable, Dict, List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.handoff import hand_to_a_person
from bot.answers import phone_of_sender, postcode_in, says_nothing, uk_phone_number
from bot.cases import ChannelIdentity
from bot.handoff import HandoffReason
from bot.intake import Reporter

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


def _detail(slot: Text, read: Callable[[str], Optional[str]], invalid: Text, value: Any,
            dispatcher: CollectingDispatcher) -> Dict[Text, Any]:
    """A "no" is an answer; anything `read` cannot make sense of is asked again, saying why."""
    text = value if isinstance(value, str) else ""
    if says_nothing(text):
        return {slot: NOT_GIVEN}
    found = read(text)
    if found is None:
        dispatcher.utter_message(response=invalid)
    return {slot: found}


def _no_answer(text: str) -> Optional[str]:
    return None


# The short questions a request for a person cannot be the answer to: a phone number or postcode
# must be read from the message (anything else is asked again), and "can I speak to someone" is
# no place in the home or way in. Descriptions are not here: "I asked to speak to a manager" is
# what a complaint can be about.
READ_ANSWERS: Dict[Text, Callable[[str], Optional[str]]] = {
    "contact_phone": uk_phone_number, "home_postcode": postcode_in,
    "repair_location": _no_answer, "repair_access": _no_answer,
}


def asks_for_a_person_instead(tracker: Tracker) -> bool:
    """Asked one of those questions, the tenant asked for a person instead.

    No rule lets a form give way to "can I speak to someone": without this, every way of
    asking for a person was answered "I couldn't read that as a postcode", for ever, or kept as
    where in the home the repair is.
    """
    read = READ_ANSWERS.get(tracker.get_slot("requested_slot"))
    latest = tracker.latest_message or {}
    if read is None or (latest.get("intent") or {}).get("name") != "request_human":
        return False
    text = latest.get("text") or ""
    return read(text) is None and not says_nothing(text)


class TenantDetailsValidation:
    """The phone and postcode questions, shared by every form that asks them.

    A tenant who asks for a person instead of answering one of them is handed to a person:
    the report stops there, and staff have the conversation so far."""

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        if asks_for_a_person_instead(tracker):
            requested = tracker.get_slot("requested_slot")
            stop = [SlotSet(requested, None), SlotSet("requested_slot", None)]
            return stop + hand_to_a_person(dispatcher, tracker, HandoffReason.ASKED)
        return await super().run(dispatcher, tracker, domain)  # type: ignore[misc]

    def validate_contact_phone(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
    ) -> Dict[Text, Any]:
        return _detail("contact_phone", uk_phone_number, "utter_invalid_contact_phone", slot_value, dispatcher)

    def validate_home_postcode(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
    ) -> Dict[Text, Any]:
        return _detail("home_postcode", postcode_in, "utter_invalid_home_postcode", slot_value, dispatcher)
