"""Who is writing, and the details several forms ask for: phone number and postcode.

Each is asked once a session: the slots are kept after a report is logged, so a tenant who
reports a repair and then asks for a callback is not asked for their number again.
"""

from typing import Any, Callable, Dict, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.answers import phone_of_sender, postcode_in, says_nothing, uk_phone_number
from bot.cases import ChannelIdentity
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


class TenantDetailsValidation:
    """The phone and postcode questions, shared by every form that asks them."""

    def validate_contact_phone(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
    ) -> Dict[Text, Any]:
        return _detail("contact_phone", uk_phone_number, "utter_invalid_contact_phone", slot_value, dispatcher)

    def validate_home_postcode(
        self, slot_value: Any, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict,
    ) -> Dict[Text, Any]:
        return _detail("home_postcode", postcode_in, "utter_invalid_home_postcode", slot_value, dispatcher)
