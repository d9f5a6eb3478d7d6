"""Handing the tenant to a person: told who will answer and when, then the bot keeps quiet.

The handoff record (bot.handoff) is the truth; Rasa's pause flag is cleared by a new session
and by /restart, so the session-start and restart actions pause the conversation again while
a person has it.
"""

from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, ConversationPaused, EventType, Restarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from bot import services
from bot.rasa import events as rasa_events
from bot.answers import says_nothing, yes_or_no
from bot.cases import references_in
from bot.handoff import HandoffReason
from bot.replies import next_working_moment


def hand_to_a_person(
    dispatcher: CollectingDispatcher, tracker: Tracker, reason: HandoffReason, tell: bool = True
) -> List[EventType]:
    """Queue the conversation, say who picks it up and when, and pause the bot.

    `tell=False` when the reply just sent already says who will be in touch and how (a
    manager about an old complaint, the out-of-hours service, the safe way to contact
    someone reporting abuse, which a "we'll reply here" must not contradict).
    """
    desk, now = services.desk(), services.now()
    services.handoffs().request(tracker.sender_id, tracker.get_latest_input_channel() or "rest", reason, now)
    if not tell:
        return paused()
    if desk.calendar.is_out_of_hours(now):
        dispatcher.utter_message(response="utter_handoff_out_of_hours", **next_working_moment(desk.calendar, now))
    else:
        dispatcher.utter_message(response="utter_handoff_in_hours")
    return paused()


def hand_over_when_done(tracker: Tracker) -> List[EventType]:
    """The handoff that waited for the complaint offered first (an out-of-hours emergency from
    a tenant unhappy with us): the out-of-hours reply already said who is in touch."""
    reason = tracker.get_slot("handover_after_complaint")
    if not reason:
        return []
    return [
        SlotSet("handover_after_complaint", None),
        *hand_to_a_person(CollectingDispatcher(), tracker, HandoffReason(reason), tell=False),
    ]


def paused() -> List[EventType]:
    """Pause, then listen: Rasa honours /restart only straight after an action_listen, and a
    paused conversation runs no more actions to get there."""
    return [ConversationPaused(), ActionExecuted("action_listen")]


def still_with_a_person(tracker: Tracker) -> bool:
    return services.handoffs().active(tracker.sender_id) is not None


class ActionHandoff(Action):
    """The tenant asked for a person."""

    def name(self) -> Text:
        return "action_handoff"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        return hand_to_a_person(dispatcher, tracker, HandoffReason.ASKED)


def _answers_anything_else(tracker: Tracker, text: Text) -> bool:
    """A no to "is there anything else?" that the model could not place: the end, not a puzzle."""
    asked = rasa_events.last_bot_words(tracker.events)
    return "anything else" in asked.lower() and (yes_or_no(text) is False or says_nothing(text))


def case_just_logged(tracker: Tracker) -> Optional[Text]:
    """The reference of a case the assistant logged in its last reply, if it logged one."""
    said = [words for words in rasa_events.bot_words_before_this_message(tracker.events) if "logged" in words]
    found = [reference for words in said for reference in references_in(words)]
    return found[-1] if found else None


# Offered the areas this many times in a row without a choice, a person takes over.
CHOICES_BEFORE_A_PERSON = 2


class ActionNotUnderstood(Action):
    """When the assistant cannot tell what a message is about, it offers the likely areas as a
    choice and keeps the tenant's words for whichever they pick; offered twice with no choice
    made, a person takes over. Never "Sorry, I didn't understand" and a person after two
    unclear messages when a choice would do."""

    def name(self) -> Text:
        return "action_not_understood"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        offered = int(tracker.get_slot("choice_offered") or 0)
        text = ((tracker.latest_message or {}).get("text") or "").strip()
        if _answers_anything_else(tracker, text):
            dispatcher.utter_message(response="utter_goodbye")  # "nah thats it cheers"
            return [SlotSet("choice_offered", None), SlotSet("unclear_message", None)]
        logged = case_just_logged(tracker)
        if logged and not offered and text:
            # "will they ring before they come", right after the reference: about that case, which
            # staff will read, not a new report to start from the choice of areas.
            services.desk().cases.add_tenant_words(logged, services.now(), text)
            dispatcher.utter_message(response="utter_added_to_case", reference=logged)
            return [SlotSet("choice_offered", None), SlotSet("unclear_message", None)]
        kept = " ".join(part for part in (tracker.get_slot("unclear_message"), text) if part)[:2000]
        if offered >= CHOICES_BEFORE_A_PERSON:
            return [
                SlotSet("choice_offered", None),
                SlotSet("unclear_message", None),
                *hand_to_a_person(dispatcher, tracker, HandoffReason.NOT_UNDERSTOOD),
            ]
        dispatcher.utter_message(response="utter_offer_areas" if offered == 0 else "utter_offer_areas_again")
        return [SlotSet("choice_offered", offered + 1), SlotSet("unclear_message", kept)]


def typed_by_the_tenant(tracker: Tracker, intent: Text) -> bool:
    """Whether this action is answering the tenant's own message with this intent ("/restart"
    typed in the chat), rather than being run by Rasa (a session starting before the tenant's
    message is read): the tenant's message is then newer than any action."""
    if ((tracker.latest_message or {}).get("intent") or {}).get("name") != intent:
        return False
    for event in reversed(rasa_events.read(tracker.events)):
        if event.from_tenant:
            return True
        if event.kind == "action":
            return False
    return False


class ActionRestart(Action):
    """Rasa's /restart, except that it cannot take a conversation away from the person who has it.

    A tenant who types /restart starts afresh with the greeting, rather than hearing nothing."""

    def name(self) -> Text:
        return "action_restart"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[Text, Any]) -> List[EventType]:
        if still_with_a_person(tracker):
            return [Restarted(), *paused()]
        if typed_by_the_tenant(tracker, "restart"):
            dispatcher.utter_message(response="utter_greet")
        return [Restarted()]
